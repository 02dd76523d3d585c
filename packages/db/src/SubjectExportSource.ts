import { CaseNote, Person, Ports, SubjectExport } from "@comensha/domain";
import { and, asc, eq, inArray, or } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { toAttachment } from "./AttachmentRepository.js";
import { toCaseNoteVersion } from "./CaseNoteRepository.js";
import { toCaseStatusChange } from "./CaseStatusRepository.js";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { duplicateReasonContext } from "./DuplicateRepository.js";
import { toFollowUp } from "./FollowUpRepository.js";
import { offerReasonContext } from "./PlacementRepository.js";
import { registrationContext } from "./RegistrationRepository.js";
import {
  apiKeys,
  attachments,
  auditEvents,
  caseNotes,
  caseNoteVersions,
  caseStatusChanges,
  duplicates,
  followUps,
  organisations,
  persons,
  placementOffers,
  placementRequests,
  placements,
  referrals,
  registrations,
  registrationTransfers,
  registrationVersions,
  shelterPlaces,
  shelters,
  users,
} from "./schema.js";

const decodeReferral = Schema.decodeUnknownSync(SubjectExport.ExportedReferral);
const decodeTransfer = Schema.decodeUnknownSync(SubjectExport.ExportedTransfer);
const decodePersons = Schema.decodeUnknownSync(Schema.Array(SubjectExport.ExportedPerson));
const decodeRegistrations = Schema.decodeUnknownSync(Schema.Array(SubjectExport.ExportedRegistration));
const decodeDuplicates = Schema.decodeUnknownSync(Schema.Array(SubjectExport.ExportedDuplicate));
const decodeRequests = Schema.decodeUnknownSync(Schema.Array(SubjectExport.ExportedPlacementRequest));
const decodeAuditEvents = Schema.decodeUnknownSync(Schema.Array(SubjectExport.ExportedAuditEvent));

/** Rows as read, before the export's schemas decode (and so check) them. */
interface OrganisationRow {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
}
interface ActorRow {
  readonly kind: string;
  readonly id: string;
  readonly name?: string;
  readonly organisation?: OrganisationRow;
}
type EncodedSealedText = (typeof SubjectExport.SealedText)["Encoded"];

/** Binds medical needs' ciphertext to their request: as `PlacementRequestRepository` writes them. */
const medicalNeedsContext = (requestId: string) => `placement_request:${requestId}`;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The domain's SubjectExportSource on drizzle: reads everything about a person, decrypting value by value. */
export const SubjectExportSourceLive = Layer.effect(
  Ports.SubjectExportSource,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const crypto = yield* Ports.Crypto;

    /** Decrypts one sealed value; one that does not decrypt is marked rather than failing the export. */
    const unseal = (ciphertext: Uint8Array, context: string) =>
      crypto.decrypt(ciphertext, context).pipe(
        Effect.map((text): EncodedSealedText => ({ state: "readable", text })),
        Effect.catch(() => Effect.succeed<EncodedSealedText>({ state: "undecryptable" })),
      );

    /** Free text that may be sealed, or (written before sealing) still in the clear, or absent. */
    const sealedOrPlain = (ciphertext: Uint8Array | null, plaintext: string | null, context: string) =>
      ciphertext !== null
        ? Effect.map(unseal(ciphertext, context), (value): EncodedSealedText | null => value)
        : Effect.succeed<EncodedSealedText | null>(plaintext === null ? null : { state: "readable", text: plaintext });

    const organisationsById = (ids: ReadonlyArray<string>) =>
      Effect.map(
        ids.length === 0
          ? Effect.succeed([])
          : query((db) =>
              db
                .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
                .from(organisations)
                .where(inArray(organisations.id, [...new Set(ids)])),
            ),
        (rows) => new Map<string, OrganisationRow>(rows.map((row) => [row.id, row])),
      );

    /** Resolves actors to their names and organisations: console users by id, API keys to their organisation. */
    const resolveActors = (actors: ReadonlyArray<{ readonly kind?: string; readonly id: string }>) =>
      Effect.gen(function* () {
        const ids = [...new Set(actors.map((actor) => actor.id).filter((id) => uuidPattern.test(id)))];
        const userRows =
          ids.length === 0
            ? []
            : yield* query((db) =>
                db
                  .select({ id: users.id, name: users.name, organisationId: users.organisationId })
                  .from(users)
                  .where(inArray(users.id, ids)),
              );
        const keyRows =
          ids.length === 0
            ? []
            : yield* query((db) =>
                db
                  .select({ id: apiKeys.id, organisationId: apiKeys.organisationId })
                  .from(apiKeys)
                  .where(inArray(apiKeys.id, ids)),
              );
        const named = yield* organisationsById([
          ...userRows.map((row) => row.organisationId),
          ...keyRows.map((row) => row.organisationId),
        ]);
        const usersById = new Map(userRows.map((row) => [row.id, row]));
        const keysById = new Map(keyRows.map((row) => [row.id, row]));
        return (actor: { readonly kind?: string; readonly id: string }): ActorRow => {
          const user = actor.kind === undefined || actor.kind === "user" ? usersById.get(actor.id) : undefined;
          const key = actor.kind === undefined || actor.kind === "api_key" ? keysById.get(actor.id) : undefined;
          const organisation = named.get(user?.organisationId ?? key?.organisationId ?? "");
          const kind = actor.kind ?? (user !== undefined ? "user" : key !== undefined ? "api_key" : "system");
          return {
            kind,
            id: actor.id,
            ...(user === undefined ? {} : { name: user.name }),
            ...(organisation === undefined ? {} : { organisation }),
          };
        };
      });

    const placeColumns = {
      id: shelterPlaces.id,
      label: shelterPlaces.label,
      shelterId: shelters.id,
      shelterName: shelters.name,
      shelterKind: shelters.kind,
    };

    return Ports.SubjectExportSource.of({
      persons: (id) =>
        Effect.gen(function* () {
          const rows = yield* query((db) =>
            db
              .select()
              .from(persons)
              .where(or(eq(persons.id, id), eq(persons.mergedInto, id)))
              .orderBy(asc(persons.id)),
          );
          const asked = rows.find((row) => row.id === id);
          if (asked === undefined) return yield* new Person.PersonNotFound({ id });
          return decodePersons(
            [asked, ...rows.filter((row) => row !== asked)].map((row) => ({
              id: row.id,
              sex: row.sex,
              birthYear: row.birthYear,
              nationalities: row.nationalities,
              mergedInto: row.mergedInto,
              createdAt: toIsoTimestamp(row.createdAt),
              caseStatus: row.caseStatus,
            })),
          );
        }),

      registrations: (personIds) =>
        Effect.gen(function* () {
          if (personIds.length === 0) return [];
          const rows = yield* query((db) =>
            db
              .select()
              .from(registrations)
              .where(inArray(registrations.personId, [...personIds]))
              .orderBy(asc(registrations.id)),
          );
          if (rows.length === 0) return [];
          const versionRows = yield* query((db) =>
            db
              .select()
              .from(registrationVersions)
              .where(
                inArray(
                  registrationVersions.registrationId,
                  rows.map((row) => row.id),
                ),
              )
              .orderBy(asc(registrationVersions.registrationId), asc(registrationVersions.version)),
          );
          const named = yield* organisationsById(rows.map((row) => row.organisationId));
          const exported = yield* Effect.forEach(rows, (row) =>
            Effect.gen(function* () {
              const versions = yield* Effect.forEach(
                versionRows.filter((version) => version.registrationId === row.id),
                (version) =>
                  Effect.gen(function* () {
                    const fields = {
                      version: version.version,
                      status: version.status,
                      recordedAt: toIsoTimestamp(version.createdAt),
                    };
                    // Erasure empties the identifiers of every version and keeps the rest.
                    if (version.identifiers === null) return { ...fields, state: "erased" as const };
                    const plaintext = yield* crypto
                      .decrypt(version.identifiers, registrationContext(row.id, version.version))
                      .pipe(Effect.option);
                    if (plaintext._tag === "None") return { ...fields, state: "undecryptable" as const };
                    const { withdrawalReason, ...identifiers } = JSON.parse(plaintext.value) as Record<string, unknown>;
                    const data = version.data as { readonly person: Record<string, unknown> };
                    return {
                      ...fields,
                      state: "readable" as const,
                      registration: { ...data, person: { ...data.person, ...identifiers } },
                      ...(withdrawalReason === undefined ? {} : { withdrawalReason }),
                    };
                  }),
              );
              return {
                id: row.id,
                personId: row.personId,
                organisation: named.get(row.organisationId),
                status: row.status,
                currentVersion: row.version,
                createdAt: toIsoTimestamp(row.createdAt),
                updatedAt: toIsoTimestamp(row.updatedAt),
                versions,
              };
            }),
          );
          return decodeRegistrations(exported);
        }),

      duplicates: (personIds) =>
        Effect.gen(function* () {
          if (personIds.length === 0) return [];
          const rows = yield* query((db) =>
            db
              .select()
              .from(duplicates)
              .where(
                or(inArray(duplicates.personId, [...personIds]), inArray(duplicates.candidatePersonId, [...personIds])),
              )
              .orderBy(asc(duplicates.id)),
          );
          const actorOf = yield* resolveActors(
            rows.flatMap((row) => (row.decidedBy === null ? [] : [{ id: row.decidedBy }])),
          );
          const exported = yield* Effect.forEach(rows, (row) =>
            Effect.gen(function* () {
              const reason = yield* sealedOrPlain(
                row.decisionReason,
                row.decisionReasonPlaintext,
                duplicateReasonContext(row.id),
              );
              return {
                id: row.id,
                personId: row.personId,
                candidatePersonId: row.candidatePersonId,
                registrationId: row.registrationId,
                matchedOn: row.matchedOn,
                status: row.status,
                createdAt: toIsoTimestamp(row.createdAt),
                decision:
                  row.status === "open"
                    ? null
                    : {
                        decidedAt: row.decidedAt === null ? null : toIsoTimestamp(row.decidedAt),
                        decidedBy: row.decidedBy === null ? null : actorOf({ id: row.decidedBy }),
                        reason,
                      },
              };
            }),
          );
          return decodeDuplicates(exported);
        }),

      placementRequests: ({ personIds, registrationIds }) =>
        Effect.gen(function* () {
          if (personIds.length === 0 && registrationIds.length === 0) return [];
          const rows = yield* query((db) =>
            db
              .select()
              .from(placementRequests)
              .where(
                or(
                  personIds.length === 0 ? undefined : inArray(placementRequests.personId, [...personIds]),
                  registrationIds.length === 0
                    ? undefined
                    : inArray(placementRequests.registrationId, [...registrationIds]),
                ),
              )
              .orderBy(asc(placementRequests.id)),
          );
          if (rows.length === 0) return [];
          const requestIds = rows.map((row) => row.id);
          const offerRows = yield* query((db) =>
            db
              .select({ offer: placementOffers, place: placeColumns })
              .from(placementOffers)
              .innerJoin(shelterPlaces, eq(shelterPlaces.id, placementOffers.placeId))
              .innerJoin(shelters, eq(shelters.id, shelterPlaces.shelterId))
              .where(inArray(placementOffers.requestId, requestIds))
              .orderBy(asc(placementOffers.id)),
          );
          const placementRows = yield* query((db) =>
            db
              .select({ placement: placements, place: placeColumns })
              .from(placements)
              .innerJoin(shelterPlaces, eq(shelterPlaces.id, placements.placeId))
              .innerJoin(shelters, eq(shelters.id, shelterPlaces.shelterId))
              .where(inArray(placements.requestId, requestIds))
              .orderBy(asc(placements.id)),
          );
          const named = yield* organisationsById(rows.map((row) => row.organisationId));
          const exported = yield* Effect.forEach(rows, (row) =>
            Effect.gen(function* () {
              const { medicalNeeds: _, ...needs } = row.needs as Record<string, unknown>;
              const offers = yield* Effect.forEach(
                offerRows.filter(({ offer }) => offer.requestId === row.id),
                ({ offer, place }) =>
                  Effect.map(
                    sealedOrPlain(offer.overrideReason, offer.overrideReasonPlaintext, offerReasonContext(offer.id)),
                    (overrideReason) => ({
                      id: offer.id,
                      place,
                      startsOn: offer.startsOn,
                      expiresAt: toIsoTimestamp(offer.expiresAt),
                      status: offer.status,
                      overrideReason,
                      createdAt: toIsoTimestamp(offer.createdAt),
                    }),
                  ),
              );
              return {
                id: row.id,
                registrationId: row.registrationId,
                organisation: named.get(row.organisationId),
                requestedBy: row.requestedBy,
                requestedOn: row.requestedOn,
                state: row.state,
                preferredRegion: row.preferredRegion,
                needs,
                medicalNeeds:
                  row.medicalNeeds === null ? null : yield* unseal(row.medicalNeeds, medicalNeedsContext(row.id)),
                createdAt: toIsoTimestamp(row.createdAt),
                updatedAt: toIsoTimestamp(row.updatedAt),
                offers,
                placements: placementRows
                  .filter(({ placement }) => placement.requestId === row.id)
                  .map(({ placement, place }) => ({
                    id: placement.id,
                    place,
                    startsOn: placement.startsOn,
                    endsOn: placement.endsOn,
                    endReason: placement.endReason,
                    createdAt: toIsoTimestamp(placement.createdAt),
                  })),
              };
            }),
          );
          return decodeRequests(exported);
        }),

      followUps: (personIds) =>
        Effect.gen(function* () {
          if (personIds.length === 0) return [];
          const rows = yield* query((db) =>
            db
              .select()
              .from(followUps)
              .where(inArray(followUps.personId, [...personIds]))
              .orderBy(asc(followUps.dueOn), asc(followUps.id)),
          );
          return yield* Effect.forEach(rows, (row) => Effect.map(toFollowUp(crypto, row), (task) => ({ ...task })));
        }),

      caseNotes: (personIds) =>
        Effect.gen(function* () {
          if (personIds.length === 0) return [];
          const notes = yield* query((db) =>
            db
              .select()
              .from(caseNotes)
              .where(inArray(caseNotes.personId, [...personIds]))
              .orderBy(asc(caseNotes.id)),
          );
          const versions =
            notes.length === 0
              ? []
              : yield* query((db) =>
                  db
                    .select()
                    .from(caseNoteVersions)
                    .where(
                      inArray(
                        caseNoteVersions.noteId,
                        notes.map((note) => note.id),
                      ),
                    )
                    .orderBy(asc(caseNoteVersions.version)),
                );
          return yield* Effect.forEach(notes, (note) =>
            Effect.map(
              Effect.forEach(
                versions.filter((version) => version.noteId === note.id),
                (version) => toCaseNoteVersion(crypto, version),
              ),
              (noteVersions) => ({
                id: CaseNote.CaseNoteId.make(note.id),
                personId: Person.PersonId.make(note.personId),
                createdAt: toIsoTimestamp(note.createdAt),
                versions: noteVersions,
              }),
            ),
          );
        }),

      attachments: (personIds) =>
        Effect.gen(function* () {
          if (personIds.length === 0) return [];
          const rows = yield* query((db) =>
            db
              .select()
              .from(attachments)
              .where(inArray(attachments.personId, [...personIds]))
              .orderBy(asc(attachments.id)),
          );
          return yield* Effect.forEach(rows, (row) => toAttachment(crypto, row));
        }),

      referrals: (personIds) =>
        Effect.gen(function* () {
          if (personIds.length === 0) return [];
          const rows = yield* query((db) =>
            db
              .select()
              .from(referrals)
              .where(inArray(referrals.personId, [...personIds]))
              .orderBy(asc(referrals.id)),
          );
          const receivers = yield* organisationsById(rows.map((row) => row.toOrganisationId));
          return rows.map((row) =>
            decodeReferral({
              id: row.id,
              personId: row.personId,
              toOrganisation: receivers.get(row.toOrganisationId),
              service: row.service,
              state: row.state,
              shareIdentifiers: row.shareIdentifiers,
              sharingBasis: row.sharingBasis,
              consentGivenOn: row.consentGivenOn,
              referredAt: toIsoTimestamp(row.referredAt),
              answeredAt: row.answeredAt === null ? null : toIsoTimestamp(row.answeredAt),
              declineReason: row.declineReason,
              outcome: row.outcome,
              reportedAt: row.reportedAt === null ? null : toIsoTimestamp(row.reportedAt),
              withdrawnAt: row.withdrawnAt === null ? null : toIsoTimestamp(row.withdrawnAt),
            }),
          );
        }),

      transfers: (registrationIds) =>
        Effect.gen(function* () {
          if (registrationIds.length === 0) return [];
          const rows = yield* query((db) =>
            db
              .select()
              .from(registrationTransfers)
              .where(inArray(registrationTransfers.registrationId, [...registrationIds]))
              .orderBy(asc(registrationTransfers.id)),
          );
          const parties = yield* organisationsById(
            rows.flatMap((row) => [row.fromOrganisationId, row.toOrganisationId]),
          );
          return rows.map((row) =>
            decodeTransfer({
              id: row.id,
              registrationId: row.registrationId,
              fromOrganisation: parties.get(row.fromOrganisationId),
              toOrganisation: parties.get(row.toOrganisationId),
              reason: row.reason,
              version: row.version,
              transferredAt: toIsoTimestamp(row.transferredAt),
            }),
          );
        }),

      caseStatusChanges: (personIds) =>
        Effect.gen(function* () {
          if (personIds.length === 0) return [];
          const rows = yield* query((db) =>
            db
              .select()
              .from(caseStatusChanges)
              .where(inArray(caseStatusChanges.personId, [...personIds]))
              .orderBy(asc(caseStatusChanges.id)),
          );
          return rows.map(toCaseStatusChange);
        }),

      auditEvents: (resources) =>
        Effect.gen(function* () {
          const wanted = resources.filter((resource) => resource.ids.length > 0);
          if (wanted.length === 0) return [];
          const rows = yield* query((db) =>
            db
              .select()
              .from(auditEvents)
              .where(
                or(
                  ...wanted.map((resource) =>
                    and(
                      eq(auditEvents.resourceType, resource.type),
                      inArray(auditEvents.resourceId, [...resource.ids]),
                    ),
                  ),
                ),
              )
              .orderBy(asc(auditEvents.id)),
          );
          const actorOf = yield* resolveActors(rows.map((row) => ({ kind: row.actorKind, id: row.actorId })));
          const named = yield* organisationsById(
            rows.flatMap((row) => (row.organisationId === null ? [] : [row.organisationId])),
          );
          return decodeAuditEvents(
            rows.map((row) => {
              const actor = actorOf({ kind: row.actorKind, id: row.actorId });
              const organisation = actor.organisation ?? named.get(row.organisationId ?? "");
              return {
                id: row.id,
                occurredAt: toIsoTimestamp(row.occurredAt),
                actor: { ...actor, ...(organisation === undefined ? {} : { organisation }) },
                action: row.action,
                resourceType: row.resourceType,
                resourceId: row.resourceId ?? "",
                outcome: row.outcome,
              };
            }),
          );
        }),
    });
  }),
);
