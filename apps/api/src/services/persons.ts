import { Person, Ports } from "@comensha/domain";
import { Effect } from "effect";
import { audit, type Caller } from "./audit.js";

/**
 * A person for a coordinator: the person, and every registration of them (also those of persons merged into them),
 * newest first; one `person.read` audit event. A person always has a registration; one without is answered as not
 * found, since there is nothing to show. A registration that does not decrypt is left out, named in `unreadable`,
 * and audited as `registration.undecryptable`.
 */
export const getPerson = (caller: Caller, id: Person.PersonId) =>
  Effect.gen(function* () {
    const person = yield* (yield* Ports.PersonRepository).findById(id);
    const { registrations, unreadable } = yield* (yield* Ports.RegistrationRepository).listForPerson(id);
    for (const registrationId of unreadable) {
      yield* audit(caller, "registration.undecryptable", "failure", { type: "registration", id: registrationId });
    }
    if (registrations.length === 0) return yield* new Person.PersonNotFound({ id });
    yield* audit(caller, "person.read", "success", { type: "person", id });
    return { person, registrations, unreadable };
  });
