import { testDatabaseKinds } from "@comensha/db/testing";
import { Person, PersonMatching } from "@comensha/domain";
import { Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;
type Caller = ReturnType<typeof caller>;

/** A reported person with only what matters here: names and a date of birth or a birth year. */
const person = (givenNames: string, familyName: string, birth: { dateOfBirth: string } | { birthYear: number }) => ({
  familyName,
  givenNames,
  aliases: [],
  ...birth,
  sex: "female",
  nationalities: ["NG"],
});

const decodePerson = Schema.decodeUnknownSync(Person.ReportedPerson);

/**
 * The blind indexes two persons (as `GET /v1/persons/{id}` shows them) share, computed from their identifiers the
 * way matching computes them: what a duplicate's `matchedOn` must say while it is open.
 */
const sharedIndexes = (left: unknown, right: unknown): ReadonlyArray<string> => {
  const keys = (value: unknown) =>
    new Map(
      PersonMatching.blindIndexInputs(decodePerson(value)).map((input) => [`${input.name}|${input.normalised}`, input]),
    );
  const a = keys(left);
  return [...new Set([...keys(right).entries()].filter(([key]) => a.has(key)).map(([, input]) => input.name))].sort();
};

describe.each(testDatabaseKinds())("a correction re-runs duplicate matching on %s", (kind) => {
  let api: TestApi;
  let police: Caller;
  let ngo: Caller;
  let coordinator: Caller;
  let auditor: Caller;
  let n = 0;

  beforeAll(async () => {
    api = await openTestApi(kind);
    police = caller(api, (await makeOrganisation(api, { name: "Politie Rematch", kind: "police" })).apiKey);
    ngo = caller(api, (await makeOrganisation(api, { name: "Stichting Rematch", kind: "ngo" })).apiKey);
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha (rematch)", kind: "other", role: "coordinator" })).apiKey,
    );
    auditor = caller(
      api,
      (await makeOrganisation(api, { name: "Audit (rematch)", kind: "other", role: "auditor" })).apiKey,
    );
  });
  afterAll(async () => {
    await api?.close();
  });

  const json = async (response: Response) => {
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as Json;
  };
  /** An NGO reports on consent and offers no reflection period; the police report on their statutory basis. */
  const bodyOf = (as: Caller, reported: unknown, overrides: Json = {}) =>
    registrationBody({
      person: reported,
      ...(as === ngo ? { legalBasis: "consent", reflectionPeriod: undefined } : {}),
      ...overrides,
    });
  const report = async (as: Caller, reported: unknown) =>
    json(
      await as("/v1/registrations", {
        method: "POST",
        body: bodyOf(as, reported),
        headers: { "Idempotency-Key": `rematch-${kind}-${++n}` },
      }),
    );
  const correct = async (as: Caller, id: unknown, version: number, reported: unknown) =>
    json(
      await as(`/v1/registrations/${id}`, {
        method: "PUT",
        body: bodyOf(as, reported),
        headers: { "If-Match": `"${version}"` },
      }),
    );
  const personOf = async (registration: Json) =>
    (await json(await coordinator(`/v1/registrations/${registration.id}`))).personId as string;
  const allDuplicates = async () => {
    const page = await json(await coordinator("/v1/duplicates?limit=200"));
    return page.data as Array<Json>;
  };
  const between = (duplicates: ReadonlyArray<Json>, a: string, b: string) =>
    duplicates.filter(
      (d) => (d.personId === a && d.candidatePersonId === b) || (d.personId === b && d.candidatePersonId === a),
    );
  const personDetails = async (id: string) => (await json(await coordinator(`/v1/persons/${id}`))).person;

  it("matches the corrected identity, forgets the old one, closes what no longer matches and keeps decisions", async () => {
    // Anna Smit, born 2001, is known to the police (with her date of birth) and to an NGO (birth year only).
    const smitPolice = await report(police, person("Anna", "Smit", { dateOfBirth: "2001-03-04" }));
    const smitNgo = await report(ngo, person("Anna", "Smit", { birthYear: 2001 }));
    // Anna Maria Voorbeeld, born 12 April 1999, is known to the NGO.
    const voorbeeld = await report(ngo, person("Anna Maria", "Voorbeeld", { dateOfBirth: "1999-04-12" }));
    // A police report first taken down as "Anna Smit, 2001": a possible duplicate of both Smit persons.
    const corrected = await report(police, person("Anna", "Smit", { birthYear: 2001 }));
    const [smitPerson, smitNgoPerson, voorbeeldPerson, correctedPerson] = await Promise.all(
      [smitPolice, smitNgo, voorbeeld, corrected].map(personOf),
    );
    if (!smitPerson || !smitNgoPerson || !voorbeeldPerson || !correctedPerson) throw new Error("no person");
    expect(new Set([smitPerson, smitNgoPerson, voorbeeldPerson, correctedPerson]).size).toBe(4);

    let duplicates = await allDuplicates();
    const [stale] = between(duplicates, correctedPerson, smitPerson);
    const [dismissed] = between(duplicates, correctedPerson, smitNgoPerson);
    expect(stale).toMatchObject({ status: "open", matchedOn: ["name_year"], registrationId: corrected.id });
    expect(dismissed).toMatchObject({ status: "open", matchedOn: ["name_year"] });
    expect(between(duplicates, correctedPerson, voorbeeldPerson)).toEqual([]);
    // A coordinator already decided one pair: not the same person.
    const reason = "Different mothers named in the two reports";
    await json(await coordinator(`/v1/duplicates/${dismissed?.id}/dismiss`, { method: "POST", body: { reason } }));

    // The police correct their report: she is Anna Maria Voorbeeld, born 1999.
    const updated = await correct(police, corrected.id, 1, person("Anna Maria", "Voorbeeld", { birthYear: 1999 }));
    expect(updated).toMatchObject({ version: 2 });
    expect(updated).not.toHaveProperty("personId");

    duplicates = await allDuplicates();
    // (c) The open pair that no longer matches is closed as stale, with nothing left in matchedOn, by nobody.
    const closed = await json(await coordinator(`/v1/duplicates/${stale?.id}`));
    expect(closed).toMatchObject({ status: "stale", matchedOn: [], decidedBy: null, decisionReason: null });
    expect(closed.decidedAt).toEqual(expect.any(String));
    // ... and audited, as part of the correction's request, by whoever corrected.
    const events = (await json(await auditor("/v1/audit-events?limit=500"))).data as Array<Json>;
    const correction = events.find((e) => e.action === "registration.update" && e.resourceId === corrected.id);
    const closure = events.find((e) => e.action === "duplicate.stale" && e.resourceId === stale?.id);
    expect(closure).toMatchObject({ outcome: "success", resourceType: "duplicate", actor: correction?.actor });
    expect(closure?.requestId).toBe(correction?.requestId);
    expect(events.filter((e) => e.action === "duplicate.stale")).toHaveLength(1);
    // The human decision stands: still dismissed, with its reason, and matchedOn as it was when decided.
    expect(await json(await coordinator(`/v1/duplicates/${dismissed?.id}`))).toMatchObject({
      status: "dismissed",
      decisionReason: reason,
      matchedOn: ["name_year"],
    });
    expect(between(duplicates, correctedPerson, smitNgoPerson)).toHaveLength(1);
    // (c) The newly matching pair gets a new open candidate, prompted by the corrected registration.
    const fresh = between(duplicates, correctedPerson, voorbeeldPerson);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({
      personId: correctedPerson,
      candidatePersonId: voorbeeldPerson,
      registrationId: corrected.id,
      matchedOn: ["name_year"],
      status: "open",
    });
    // The pair the correction has nothing to do with is left alone.
    expect(between(duplicates, smitNgoPerson, smitPerson)).toMatchObject([{ status: "open" }]);

    // (d) The compare view: matchedOn says what the two persons, as shown side by side, share now.
    const [correctedNow, voorbeeldNow, smitNow] = await Promise.all(
      [correctedPerson, voorbeeldPerson, smitPerson].map(personDetails),
    );
    expect(correctedNow).toMatchObject({ givenNames: "Anna Maria", familyName: "Voorbeeld", birthYear: 1999 });
    expect(fresh[0]?.matchedOn).toEqual(sharedIndexes(correctedNow, voorbeeldNow));
    expect(closed.matchedOn).toEqual(sharedIndexes(correctedNow, smitNow));
    expect(sharedIndexes(correctedNow, smitNow)).toEqual([]);

    // (a) A new report under the corrected identity is flagged as a possible duplicate of the corrected person.
    const again = await report(ngo, person("Anna Maria", "Voorbeeld", { birthYear: 1999 }));
    const againPerson = await personOf(again);
    duplicates = await allDuplicates();
    const flagged = duplicates.filter((d) => d.registrationId === again.id);
    expect(between(flagged, againPerson, correctedPerson)).toMatchObject([
      { status: "open", matchedOn: ["name_year"] },
    ]);
    expect(between(flagged, againPerson, voorbeeldPerson)).toHaveLength(1);

    // (b) A new report under the old identity is not: it matches the Smit persons only.
    const old = await report(police, person("Anna", "Smit", { birthYear: 2001 }));
    const oldPerson = await personOf(old);
    const oldFlagged = (await allDuplicates()).filter((d) => d.registrationId === old.id);
    expect(oldFlagged.every((d) => d.personId === oldPerson)).toBe(true);
    expect(oldFlagged.map((d) => d.candidatePersonId).sort()).toEqual([smitPerson, smitNgoPerson].sort());
    expect(between(oldFlagged, oldPerson, correctedPerson)).toEqual([]);
  });

  it("reopens a pair closed as stale when a later correction matches it again, but never one a human decided", async () => {
    const known = await report(police, person("Mirela", "Dobre", { dateOfBirth: "1994-06-01" }));
    const decided = await report(ngo, person("Mirela", "Dobre", { birthYear: 1994 }));
    const subject = await report(police, person("Mirela", "Dobre", { birthYear: 1994 }));
    const [knownPerson, decidedPerson, subjectPerson] = await Promise.all([known, decided, subject].map(personOf));
    if (!knownPerson || !decidedPerson || !subjectPerson) throw new Error("no person");
    let duplicates = await allDuplicates();
    const [toDismiss] = between(duplicates, subjectPerson, decidedPerson);
    await json(
      await coordinator(`/v1/duplicates/${toDismiss?.id}/dismiss`, {
        method: "POST",
        body: { reason: "Two sisters, compared with their passports" },
      }),
    );

    await correct(police, subject.id, 1, person("Mirela", "Dobrescu", { birthYear: 1994 }));
    duplicates = await allDuplicates();
    expect(between(duplicates, subjectPerson, knownPerson).map((d) => d.status)).toEqual(["stale"]);

    // Corrected back: the stale pair matches again and gets a new open candidate; the dismissed pair is not asked again.
    await correct(police, subject.id, 2, person("Mirela", "Dobre", { birthYear: 1994 }));
    duplicates = await allDuplicates();
    expect(
      between(duplicates, subjectPerson, knownPerson)
        .map((d) => `${d.status}:${(d.matchedOn as Array<string>).join(",")}`)
        .sort(),
    ).toEqual(["open:name_year", "stale:"]);
    expect(between(duplicates, subjectPerson, decidedPerson).map((d) => d.status)).toEqual(["dismissed"]);

    // A change that leaves the identifiers as they are does not re-match: nothing about duplicates changes.
    const before = JSON.stringify(await allDuplicates());
    await json(
      await police(`/v1/registrations/${subject.id}`, {
        method: "PUT",
        body: registrationBody({
          person: person("Mirela", "DOBRE", { birthYear: 1994 }),
          exploitation: { forms: ["sexual", "labour"], country: "NL", policeRegion: "amsterdam" },
        }),
        headers: { "If-Match": '"3"' },
      }),
    );
    expect(JSON.stringify(await allDuplicates())).toBe(before);
  });

  it("proposes, and does not silently link, a corrected report that now names a known person exactly", async () => {
    const known = await report(ngo, person("Ioana", "Marin", { dateOfBirth: "1990-02-02" }));
    const other = await report(police, person("Elena", "Popa", { dateOfBirth: "1988-08-08" }));
    const [knownPerson, otherPerson] = await Promise.all([known, other].map(personOf));
    await correct(police, other.id, 1, person("Ioana", "Marin", { dateOfBirth: "1990-02-02" }));
    expect(await personOf(other)).toBe(otherPerson);
    const [candidate] = between(await allDuplicates(), otherPerson ?? "", knownPerson ?? "");
    expect(candidate).toMatchObject({
      personId: otherPerson,
      candidatePersonId: knownPerson,
      registrationId: other.id,
      matchedOn: ["family_dob", "name_dob", "name_year"],
      status: "open",
    });
    // A new report of her links to one of the two at once (a strong match); the pair stays one open candidate.
    const next = await report(police, person("Ioana", "Marin", { dateOfBirth: "1990-02-02" }));
    expect([knownPerson, otherPerson]).toContain(await personOf(next));
    expect(between(await allDuplicates(), otherPerson ?? "", knownPerson ?? "")).toMatchObject([{ id: candidate?.id }]);
  });
});
