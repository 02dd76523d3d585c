-- Lists that stay fast at volume (issue 16): every filter the list routes accept, with the order its pages are read
-- in, served by an index, so that a page of a million registrations or audit events reads about a page of rows.
-- Registrations by status (coordinators), by status within an organisation (partners), and by their short reference
-- (the last 8 characters of the id, `Registration.RegistrationReference`; the repository writes the length as a
-- constant so that the query matches this expression).
CREATE INDEX "registrations_status_idx" ON "registrations" USING btree ("status","id");
--> statement-breakpoint
CREATE INDEX "registrations_organisation_status_idx" ON "registrations" USING btree ("organisation_id","status","id");
--> statement-breakpoint
CREATE INDEX "registrations_reference_idx" ON "registrations" USING btree (right("id"::text, 8));
--> statement-breakpoint
-- The coordinator's queue of placement requests, most urgent first (`PlacementRequest.urgenciesMostUrgentFirst`, the
-- rank as `PlacementRequestRepository` writes it), then oldest first: all of them, and those in one state.
CREATE INDEX "placement_requests_urgency_idx" ON "placement_requests" USING btree (
  (CASE "needs"->>'urgency' WHEN 'tonight' THEN 0 WHEN 'this_week' THEN 1 WHEN 'planned' THEN 2 ELSE 3 END),
  "requested_on","id");
--> statement-breakpoint
CREATE INDEX "placement_requests_state_urgency_idx" ON "placement_requests" USING btree ("state",
  (CASE "needs"->>'urgency' WHEN 'tonight' THEN 0 WHEN 'this_week' THEN 1 WHEN 'planned' THEN 2 ELSE 3 END),
  "requested_on","id");
--> statement-breakpoint
-- The audit log's other filters, newest first (0017 added actor, action, record and period): the kind of actor
-- (system events are rare among the reads of users), the organisation, the outcome (denials and failures are rare)
-- and the kind of resource alone.
CREATE INDEX "audit_events_actor_kind_idx" ON "audit_events" USING btree ("actor_kind","id");
--> statement-breakpoint
CREATE INDEX "audit_events_organisation_idx" ON "audit_events" USING btree ("organisation_id","id");
--> statement-breakpoint
CREATE INDEX "audit_events_outcome_idx" ON "audit_events" USING btree ("outcome","id");
--> statement-breakpoint
CREATE INDEX "audit_events_resource_type_idx" ON "audit_events" USING btree ("resource_type","id");
