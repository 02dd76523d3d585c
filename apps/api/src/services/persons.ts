import { Person, Ports } from "@comensha/domain";
import { Effect } from "effect";
import { audit, type Caller } from "./audit.js";

/**
 * A person for a coordinator: the person, and every registration of them (also those of persons merged into them),
 * newest first; one `person.read` audit event. A person always has a registration; one without is answered as not
 * found, since there is nothing to show.
 */
export const getPerson = (caller: Caller, id: Person.PersonId) =>
  Effect.gen(function* () {
    const person = yield* (yield* Ports.PersonRepository).findById(id);
    const registrations = yield* (yield* Ports.RegistrationRepository).listForPerson(id);
    if (registrations.length === 0) return yield* new Person.PersonNotFound({ id });
    yield* audit(caller, "person.read", "success", { type: "person", id });
    return { person, registrations };
  });
