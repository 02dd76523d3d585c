import { type Person, Ports, type SubjectExport } from "@comensha/domain";
import { Clock, Effect } from "effect";
import { audit, type Caller } from "./audit.js";

/**
 * Gathers the data-subject access export (GDPR art. 15) of a person for a coordinator: the person and everyone merged
 * into them, every registration with every version, the possible duplicates, the placement requests with offers and
 * placements, the changes of their case status, the case notes with every version, the referrals to care (who
 * received their data), the transfers of their registrations, the follow-up tasks, the attachments described (the
 * files are downloaded apart), and the audit events about all of these. A version that does not decrypt is marked in
 * the export and audited as `registration.undecryptable`; the export itself is audited as `person.export` (ids only,
 * no data).
 */
export const exportSubject = (caller: Caller, id: Person.PersonId) =>
  Effect.gen(function* () {
    const source = yield* Ports.SubjectExportSource;
    const persons = yield* source.persons(id);
    const personIds = persons.map((person) => person.id);
    const registrations = yield* source.registrations(personIds);
    const registrationIds = registrations.map((registration) => registration.id);
    const duplicates = yield* source.duplicates(personIds);
    const placementRequests = yield* source.placementRequests({ personIds, registrationIds });
    const caseStatusChanges = yield* source.caseStatusChanges(personIds);
    const caseNotes = yield* source.caseNotes(personIds);
    const referrals = yield* source.referrals(personIds);
    const attachments = yield* source.attachments(personIds);
    const followUps = yield* source.followUps(personIds);
    const transfers = yield* source.transfers(registrationIds);
    const auditEvents = yield* source.auditEvents([
      { type: "person", ids: personIds },
      { type: "registration", ids: registrationIds },
      { type: "duplicate", ids: duplicates.map((duplicate) => duplicate.id) },
      { type: "placement_request", ids: placementRequests.map((request) => request.id) },
      { type: "placement", ids: placementRequests.flatMap((request) => request.placements.map((stay) => stay.id)) },
      { type: "case_note", ids: caseNotes.map((note) => note.id) },
      { type: "referral", ids: referrals.map((referral) => referral.id) },
      { type: "attachment", ids: attachments.map((attachment) => attachment.id) },
      { type: "follow_up", ids: followUps.map((task) => task.id) },
    ]);
    const unreadable = registrations
      .filter((registration) => registration.versions.some((version) => version.state === "undecryptable"))
      .map((registration) => registration.id);
    for (const registrationId of unreadable) {
      yield* audit(caller, "registration.undecryptable", "failure", { type: "registration", id: registrationId });
    }
    const exportedAt = new Date(yield* Clock.currentTimeMillis).toISOString();
    yield* audit(caller, "person.export", "success", { type: "person", id });
    const exported: SubjectExport.SubjectExport = {
      personId: id,
      exportedAt,
      persons,
      registrations,
      duplicates,
      placementRequests,
      auditEvents,
      caseStatusChanges,
      caseNotes,
      referrals,
      attachments,
      followUps,
      transfers,
    };
    return { exported, unreadable };
  });
