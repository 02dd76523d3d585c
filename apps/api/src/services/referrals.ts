import type { IdempotencyStore, StoredResponse } from "@comensha/db";
import { type Organisation, type Page, type Person, Ports, Referral, Registration, Webhook } from "@comensha/domain";
import { Effect, Option } from "effect";
import { audit, type Caller } from "./audit.js";
import { today } from "./registrations.js";
import { announce } from "./webhooks.js";

type Complete = (response: StoredResponse) => Effect.Effect<void, never, IdempotencyStore>;

/**
 * Which referrals a caller may see: a care organisation those made to it, a coordinator every one. Routes allow no
 * other role, so this is the whole rule of the `care` scoping.
 */
export const scopeOf = (caller: Caller): { readonly toOrganisationId?: Organisation.OrganisationId } =>
  caller.principal.role === "care" ? { toOrganisationId: caller.principal.organisationId } : {};

/** The person as a referral shows them: statistical attributes, and the identifiers when it shares them. */
const referredPerson = (referral: Referral.Referral) =>
  Effect.gen(function* () {
    const person = yield* (yield* Ports.PersonRepository).findById(referral.personId);
    const registrations: ReadonlyArray<Registration.Registration> = referral.shareIdentifiers
      ? (yield* (yield* Ports.RegistrationRepository).listForPerson(referral.personId)).registrations
      : [];
    const newest = registrations.find(Registration.isReadable);
    const identifiers: Person.PersonIdentifiers | null =
      newest === undefined
        ? null
        : {
            familyName: newest.person.familyName,
            givenNames: newest.person.givenNames,
            aliases: newest.person.aliases,
            ...(newest.person.dateOfBirth === undefined ? {} : { dateOfBirth: newest.person.dateOfBirth }),
            ...(newest.person.documentNumber === undefined ? {} : { documentNumber: newest.person.documentNumber }),
          };
    return {
      sex: person.sex,
      birthYear: person.birthYear ?? null,
      nationalities: person.nationalities,
      identifiers,
    } satisfies Referral.ReferredPerson;
  });

/**
 * Refers a person (coordinators): the sharing rule (`Referral.sharingProblem`), identifiers that still exist when
 * they are to be shared, then the referral, its audit event and the stored idempotent answer in one transaction.
 */
export const createReferral = (
  caller: Caller,
  input: Referral.NewReferral,
  respond: (referral: Referral.Referral) => StoredResponse,
  complete: Complete,
) =>
  Effect.gen(function* () {
    const problem = Referral.sharingProblem(input, yield* today);
    if (Option.isSome(problem)) {
      return yield* new Referral.ReferralRefused({ problem: problem.value, path: "/sharingBasis" });
    }
    if (input.shareIdentifiers) {
      const { registrations } = yield* (yield* Ports.RegistrationRepository).listForPerson(input.personId);
      if (!registrations.some(Registration.isReadable)) {
        return yield* new Referral.ReferralRefused({
          problem: "the person's identifiers were erased, so none can go with the referral",
          path: "/shareIdentifiers",
        });
      }
    }
    const repository = yield* Ports.ReferralRepository;
    return yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        const referral = yield* repository.create({
          ...input,
          referredBy: { kind: caller.principal.kind, id: caller.principal.id },
          referringOrganisationId: caller.principal.organisationId,
        });
        yield* announce(referral.toOrganisationId, Webhook.referralEventType("create"), {
          referralId: referral.id,
          state: referral.state,
        });
        yield* audit(caller, "referral.create", "success", { type: "referral", id: referral.id });
        const response = respond(referral);
        yield* complete(response);
        return response;
      }),
    );
  });

/** The caller's referrals, newest first: all for coordinators (by person, organisation, state), its own for care. */
export const listReferrals = (
  caller: Caller,
  filter: {
    readonly toOrganisationId?: Organisation.OrganisationId;
    readonly personId?: Person.PersonId;
    readonly state?: Referral.ReferralState;
  },
  page: Page.PageRequest,
) =>
  Effect.gen(function* () {
    const scope = scopeOf(caller);
    const found = yield* (yield* Ports.ReferralRepository).list(
      scope.toOrganisationId === undefined
        ? filter
        : { ...(filter.state === undefined ? {} : { state: filter.state }), ...scope },
      page,
    );
    yield* audit(caller, "referral.list", "success", { type: "referral" });
    return found;
  });

/**
 * One referral with the person as it shows them (the identifiers only when shared), for a coordinator or the
 * receiving organisation; another organisation's is not found. Audited as a read of the referral.
 */
export const getReferral = (caller: Caller, id: Referral.ReferralId) =>
  Effect.gen(function* () {
    const referral = yield* (yield* Ports.ReferralRepository).find(id, scopeOf(caller));
    const person = yield* referredPerson(referral);
    yield* audit(caller, "referral.read", "success", { type: "referral", id });
    return { referral, person };
  });

/**
 * Acts on a referral: the receiving organisation (or a coordinator on its behalf) answers or reports back, a
 * coordinator withdraws. The change, its audit event and the stored idempotent answer commit together.
 */
export const actOnReferral = (
  caller: Caller,
  input: {
    readonly id: Referral.ReferralId;
    readonly action: Referral.ReferralAction;
    readonly declineReason?: Referral.ReferralDeclineReason;
    readonly outcome?: Referral.ReferralOutcome;
  },
  respond: (referral: Referral.Referral) => StoredResponse,
  complete: Complete,
) =>
  Effect.gen(function* () {
    const repository = yield* Ports.ReferralRepository;
    return yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        const referral = yield* repository.act({ ...input, scope: scopeOf(caller) });
        yield* announce(referral.referringOrganisationId, Webhook.referralEventType(input.action), {
          referralId: referral.id,
          state: referral.state,
        });
        yield* audit(caller, `referral.${input.action}`, "success", { type: "referral", id: input.id });
        const response = respond(referral);
        yield* complete(response);
        return response;
      }),
    );
  });
