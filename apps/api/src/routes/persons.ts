import { ExploitationForm, IsoDate, Organisation, Person, Registration } from "@comensha/domain";
import { Exit, Schema } from "effect";
import { Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import type { Operation } from "../openapi.js";
import { ProblemError, ProblemType } from "../problem.js";
import type { AppRuntime } from "../runtime.js";
import { getPerson } from "../services/persons.js";
import { audited, callerOf } from "./audited.js";
import { runEffect } from "./runEffect.js";

/** One registration of a person, as the side-by-side view of a possible duplicate lists it. */
const PersonRegistration = Schema.Struct({
  id: Registration.RegistrationId,
  reportedOn: IsoDate.IsoDate,
  status: Registration.RegistrationStatus,
  organisationId: Organisation.OrganisationId,
  forms: Schema.Array(ExploitationForm.ExploitationForm),
}).annotate({ identifier: "PersonRegistration" });

/**
 * A person (possible victim) for coordinators: as their newest registration reports them (the same object as a
 * registration's `person`), whom they were merged into, and all their registrations, newest first.
 */
export const PersonResponse = Schema.Struct({
  id: Person.PersonId,
  mergedInto: Schema.NullOr(Person.PersonId),
  person: Person.RegisteredPerson,
  registrations: Schema.Array(PersonRegistration),
}).annotate({ identifier: "Person", description: "A person with their registrations (coordinators)." });

const encodePerson = Schema.encodeSync(PersonResponse);

/** OpenAPI description of the person route. */
export const personOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/persons/:id",
    operationId: "getPerson",
    summary: "A person with all their registrations (coordinators)",
    description:
      "The person as their newest registration reports them (once erased, only sex, birth year and nationalities), " +
      "whom they were merged into, and all their registrations (with those of persons merged into them), newest " +
      "first: for example to compare a possible duplicate side by side. Audited as a read of personal data.",
    tags: ["persons"],
    security: true,
    responses: {
      200: {
        description: "The person and their registrations (leaving out any that do not decrypt; audited and logged).",
        schema: PersonResponse,
      },
      401: { description: "No valid API key or console session.", problem: true },
      403: { description: "Only coordinators read persons.", problem: true },
      404: { description: "No such person.", problem: true },
    },
  },
];

/** The answer to an unknown or malformed person id. */
export const personNotFound = () => new ProblemError(404, ProblemType.notFound, "Person not found");
const notFound = personNotFound;

/** Runs a use case about one person: PersonNotFound is a 404, anything else a 500. */
export const runPersonEffect = runEffect((error) =>
  (error as { _tag?: string })._tag === "PersonNotFound"
    ? notFound()
    : new ProblemError(500, ProblemType.internal, "Internal server error"),
);

/** `/v1/persons`: one person with their registrations, for coordinators; every call audited, refusals too. */
export const personRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.get(
    "/:id",
    audited(runtime, "person", "person.read", async (c) => {
      requireRole(c, "coordinator");
      const id = Schema.decodeUnknownExit(Person.PersonId)(c.req.param("id"));
      if (Exit.isFailure(id)) throw notFound();
      const { person, registrations, unreadable } = await runPersonEffect(runtime, getPerson(callerOf(c), id.value));
      if (unreadable.length > 0) c.set("undecryptable", { resource: "registration", ids: unreadable });
      const [newest] = registrations;
      if (newest === undefined) throw notFound();
      return c.json(
        encodePerson({
          id: person.id,
          mergedInto: person.mergedInto ?? null,
          person: newest.person,
          registrations: registrations.map((registration) => ({
            id: registration.id,
            reportedOn: registration.reportedOn,
            status: registration.status,
            organisationId: registration.organisationId,
            forms: registration.exploitation.forms,
          })),
        }),
      );
    }),
  );

  return routes;
};
