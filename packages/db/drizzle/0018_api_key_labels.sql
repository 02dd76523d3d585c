-- API key labels (issue 15): an administrator names a key when making it ("Koppeling zaaksysteem", "Test"), so the
-- list of an organisation's keys says which is which. Keys made before have none (null).
ALTER TABLE "api_keys" ADD COLUMN "label" text;
