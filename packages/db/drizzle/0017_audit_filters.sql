-- The audit log's filters (issue 15): an investigation selects events by actor, record, action and period, newest
-- first. Each index ends in the id, the order pages are read in, so a filtered page reads its index in order.
-- Indexes only: the events themselves stay as written (the table is append-only).
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","id");
--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("action","id");
--> statement-breakpoint
CREATE INDEX "audit_events_resource_id_idx" ON "audit_events" USING btree ("resource_id","id");
--> statement-breakpoint
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events" USING btree ("occurred_at");
