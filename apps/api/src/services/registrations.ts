import type { IdempotencyStore, StoredResponse } from "@comensha/db";
import {
  type AuditEvent,
  IsoDate,
  type Organisation,
  type Page,
  PersonMatching,
  Ports,
  Registration,
  Transfer,
  Webhook,
} from "@comensha/domain";
import { Clock, Effect, Redacted } from "effect";
import { audit, type Caller } from "./audit.js";
import { blindIndexesOf, matchDuplicates, matchNewPerson } from "./duplicateMatching.js";
import { announce } from "./webhooks.js";

/**
 * Today's date in the Netherlands from the Effect clock (so tests can move time): a report made at 00:30 in
 * Amsterdam is dated that day, not the previous UTC one, and is not "in the future" for the console's default date.
 */
export const today = Effect.map(Clock.currentTimeMillis, (millis) => IsoDate.ofInstant(millis));

/** Only the owner sees a registration, unless the caller works for CoMensha as coordinator. */
const scopeOf = (caller: Caller) =>
  caller.principal.role === "coordinator" ? {} : { organisationId: caller.principal.organisationId };

/** Rules that depend on the reporter and the date; violations are returned, not thrown. */
export const checkRules = (input: Registration.RegistrationInput, reporter: Organisation.Organisation) =>
  Effect.map(today, (date) => Registration.checkRegistrationRules(input, { reporterKind: reporter.kind, today: date }));

/**
 * For a partner that transferred the registration away, `RegistrationTransferred` instead of not found, so that its
 * correction is refused with a reason it may know; anyone else's not found stays not found.
 */
const explainNotFound =
  (caller: Caller, id: Registration.RegistrationId) => (notFound: Registration.RegistrationNotFound) =>
    Effect.gen(function* () {
      const scope = scopeOf(caller);
      if (scope.organisationId === undefined) return yield* notFound;
      const isAway = yield* (yield* Ports.TransferRepository).isTransferredAway(id, scope.organisationId);
      return yield* isAway ? new Transfer.RegistrationTransferred({ id }) : notFound;
    });

/**
 * Registers a report: links it to a known person when a strong blind index matches, else to a new person; then runs
 * duplicate matching for that person (`matchDuplicates`, as a correction does), so weak matches become possible
 * duplicates for a coordinator. The answer to the partner is the same either way. The registration, its person
 * links, its audit event and the stored idempotent response commit together. It belongs to the caller's
 * organisation, or to `onBehalfOf` (a coordinator registering a report received by phone).
 */
export const createRegistration = (
  caller: Caller,
  input: Registration.RegistrationInput,
  respond: (registration: Registration.Registration) => StoredResponse,
  complete: (response: StoredResponse) => Effect.Effect<void, never, IdempotencyStore>,
  options: {
    readonly onBehalfOf?: Organisation.OrganisationId;
    /** Claims the request's Idempotency-Key as the transaction's first statement (see `idempotent`). */
    readonly claim?: Effect.Effect<void, never, IdempotencyStore>;
  } = {},
) =>
  Effect.gen(function* () {
    const persons = yield* Ports.PersonRepository;
    const registrations = yield* Ports.RegistrationRepository;
    const transactor = yield* Ports.Transactor;
    const { entries, lookups, strongNames, locks } = yield* blindIndexesOf([input.person]);

    return yield* transactor.transaction(
      Effect.gen(function* () {
        // The claim, the locks, the lookup and the transaction's time at once: pipelined on the connection (one
        // round trip, with the transaction's `begin`) and run in this order, so the lookup runs after the locks are
        // held and sees what their last holder committed. The inserts that follow are not waited for: they travel
        // with the audit event and the stored answer, then the commit.
        const [, , matches] = yield* Effect.all(
          [options.claim ?? Effect.void, transactor.lock(locks), persons.findMatches(lookups), transactor.now],
          { concurrency: "unbounded" },
        );
        const strong = matches.find((match) => match.names.some((name) => strongNames.has(name)));
        const organisationId = options.onBehalfOf ?? caller.principal.organisationId;
        let registration: Registration.Registration;
        if (strong === undefined) {
          // A new person: their blind indexes are this report's, stored with them; matching needs no read back.
          const dateOfBirth = input.person.dateOfBirth;
          const birthYear =
            input.person.birthYear ??
            (dateOfBirth === undefined ? undefined : Number(Redacted.value(dateOfBirth).slice(0, 4)));
          const person = yield* persons.create({
            sex: input.person.sex,
            ...(birthYear === undefined ? {} : { birthYear }),
            nationalities: input.person.nationalities,
            blindIndexes: entries,
          });
          registration = yield* registrations.create({
            organisationId,
            personId: person.id,
            status: "received",
            registration: input,
          });
          yield* matchNewPerson({ personId: person.id, registrationId: registration.id, matches });
        } else {
          registration = yield* registrations.create({
            organisationId,
            personId: strong.personId,
            status: "received",
            registration: input,
          });
          yield* matchDuplicates(caller, { personId: strong.personId, registrationId: registration.id });
        }
        const response = respond(registration);
        yield* Effect.all(
          [
            audit(caller, "registration.create", "success", { type: "registration", id: registration.id }),
            announceRegistration(undefined, registration),
            complete(response),
          ],
          { concurrency: "unbounded" },
        );
        return response;
      }),
    );
  });

/**
 * Reads one registration visible to the caller, with its audit event: its owner and coordinators read it as it is;
 * an organisation that transferred it away reads it as it was at its latest transfer away (read-only).
 */
export const getRegistration = (caller: Caller, id: Registration.RegistrationId) =>
  Effect.gen(function* () {
    const registrations = yield* Ports.RegistrationRepository;
    const scope = scopeOf(caller);
    const registration = yield* registrations
      .findById(id, scope)
      .pipe(
        Effect.catchTag("RegistrationNotFound", (notFound) =>
          scope.organisationId === undefined
            ? Effect.fail(notFound)
            : registrations.findTransferredAway(id, scope.organisationId),
        ),
      );
    yield* audit(caller, "registration.read", "success", { type: "registration", id });
    return registration;
  });

/**
 * Lists the registrations visible to the caller, with one audit event for the page. A registration that does not
 * decrypt is left out of the page, named in `unreadable`, and gets its own audit event (`registration.undecryptable`),
 * so one damaged record does not hide all the others.
 */
export const listRegistrations = (
  caller: Caller,
  filter: Omit<Ports.RegistrationFilter, "organisationId">,
  page: { readonly limit: number; readonly cursor?: string },
): Effect.Effect<
  Page.Page<Registration.Registration> & { readonly unreadable: ReadonlyArray<Registration.RegistrationId> },
  Page.InvalidCursor,
  Ports.RegistrationRepository | Ports.AuditLog
> =>
  Effect.gen(function* () {
    const registrations = yield* Ports.RegistrationRepository;
    const scope = scopeOf(caller);
    const result = yield* registrations.list(
      scope.organisationId === undefined ? filter : { ...filter, ...scope, withTransferredAway: true },
      page,
    );
    for (const id of result.unreadable) {
      yield* audit(caller, "registration.undecryptable", "failure", { type: "registration", id });
    }
    yield* audit(caller, "registration.list", "success", { type: "registration" });
    return result;
  });

/** Announces a registration's write to its organisation's webhooks, if it is an event (new, or a changed status). */
const announceRegistration = (
  before: Registration.RegistrationStatus | undefined,
  registration: Registration.Registration,
) =>
  announce(registration.organisationId, Webhook.registrationEventType(before, registration.status), {
    registrationId: registration.id,
    status: registration.status,
    version: registration.version,
  });

/**
 * Writes a new version of a registration if the caller still has the current one (`expectedVersion` from
 * `If-Match`). Only received or registered reports that were not erased can change; the audit event commits with the
 * change. A correction of the person's identifiers re-runs duplicate matching for the registration's person
 * (`matchDuplicates`, as on create), in the same transaction, after taking the locks of its new strong indexes.
 */
export const updateRegistration = (
  caller: Caller,
  input: {
    readonly id: Registration.RegistrationId;
    readonly expectedVersion: number;
    readonly change: (current: Registration.ReadableRegistration) => {
      readonly status: Registration.RegistrationStatus;
      readonly registration: Registration.RegistrationInput;
      readonly withdrawalReason?: Registration.WithdrawalReason | undefined;
    };
    readonly action: string;
  },
  respond: (registration: Registration.Registration) => StoredResponse,
  complete: (response: StoredResponse) => Effect.Effect<void, never, IdempotencyStore>,
) =>
  Effect.gen(function* () {
    const registrations = yield* Ports.RegistrationRepository;
    const transactor = yield* Ports.Transactor;
    return yield* transactor.transaction(
      Effect.gen(function* () {
        const current = yield* registrations
          .findById(input.id, scopeOf(caller))
          .pipe(Effect.catchTag("RegistrationNotFound", explainNotFound(caller, input.id)));
        if (current.status === "withdrawn" || current.status === "rejected") {
          return yield* new Registration.RegistrationClosed({ id: input.id, status: current.status });
        }
        if (!Registration.isReadable(current)) return yield* new Registration.RegistrationErased({ id: input.id });
        const next = input.change(current);
        const isRematched = !PersonMatching.isMatchedAlike(current.person, next.registration.person);
        if (isRematched) yield* transactor.lock((yield* blindIndexesOf([next.registration.person])).locks);
        // The owner is checked again under the row's lock: a transfer that committed meanwhile wins.
        const updated = yield* registrations
          .update({
            id: input.id,
            ...scopeOf(caller),
            expectedVersion: input.expectedVersion,
            status: next.status,
            registration: next.registration,
            withdrawalReason: next.withdrawalReason,
          })
          .pipe(Effect.catchTag("RegistrationNotFound", explainNotFound(caller, input.id)));
        if (isRematched) yield* matchDuplicates(caller, { personId: updated.personId, registrationId: updated.id });
        yield* audit(caller, input.action, "success", { type: "registration", id: input.id });
        yield* announceRegistration(current.status, updated);
        const response = respond(updated);
        yield* complete(response);
        return response;
      }),
    );
  });

/**
 * The audit events about a registration, newest first, for coordinators (`RegistrationNotFound` when there is no
 * such registration): all of them, or only its changes or only its reads (`kind`). Its own
 * `registration.audit_trail` event is written after the page is read.
 */
export const listRegistrationAuditTrail = (
  caller: Caller,
  id: Registration.RegistrationId,
  page: { readonly limit: number; readonly cursor?: string },
  kind?: AuditEvent.AuditKind,
) =>
  Effect.gen(function* () {
    yield* (yield* Ports.RegistrationRepository).findById(id);
    const result = yield* (yield* Ports.AuditLog).search(
      { resourceType: "registration", resourceId: id, ...(kind === undefined ? {} : { kind }) },
      page,
    );
    yield* audit(caller, "registration.audit_trail", "success", { type: "registration", id });
    return result;
  });

/** Every version of a registration, oldest first, for coordinators; one audit event. */
export const listRegistrationVersions = (caller: Caller, id: Registration.RegistrationId) =>
  Effect.gen(function* () {
    const registrations = yield* Ports.RegistrationRepository;
    const versions = yield* registrations.listVersions(id);
    yield* audit(caller, "registration.versions", "success", { type: "registration", id });
    return versions;
  });
