import { AgeGroup, IsoDate, NationalityGroup } from "@comensha/domain";
import { generateDemoData } from "./src/DemoData.js";
const t0 = Date.now();
const data = generateDemoData({ seed: Number(process.argv[2] ?? 1), years: 6, lastYear: 2024, personsPerYear: Number(process.argv[3] ?? 4000) });
console.log("ms", Date.now() - t0, "persons", data.persons.length, "regs", data.registrations.length);
const kinds = new Map(data.organisations.map((o) => [o.key, o.kind]));
const ids = new Map(data.persons.map((p) => [p.key, p.identity]));
const pct = (n: number, d: number) => (100 * n / d).toFixed(1).padStart(5);
for (let y = 2019; y <= 2024; y++) {
  const regs = data.registrations.filter((r) => r.registration.reportedOn.startsWith(`${y}`));
  const first = new Map<string, typeof regs[number]>();
  for (const r of regs) if (r.personKey.startsWith(`person-${y}-`) && !first.has(r.personKey)) first.set(r.personKey, r);
  const persons = [...first.keys()];
  const formsOf = new Map<string, Set<string>>();
  for (const r of regs) { const s = formsOf.get(r.personKey) ?? new Set(); r.registration.exploitation.forms.forEach((f) => s.add(f)); formsOf.set(r.personKey, s); }
  const all = [...formsOf.values()];
  const has = (f: string) => pct(all.filter((s) => s.has(f)).length, all.length);
  const kindShare = (k: string) => pct(regs.filter((r) => kinds.get(r.organisationKey) === k).length, regs.length);
  const female = pct(persons.filter((k) => ids.get(k)?.sex === "female").length, persons.length);
  const ages = [...first.values()].map((r) => { const id = ids.get(r.personKey)!; return AgeGroup.ageGroupOf(AgeGroup.ageOn({ dateOfBirth: id.dateOfBirth === undefined ? undefined : IsoDate.make(id.dateOfBirth), birthYear: id.birthYear }, IsoDate.make(r.registration.reportedOn))); });
  const nat = (n: string) => pct(persons.filter((k) => ids.get(k)?.nationalities.includes(n as never)).length, persons.length);
  const groups = persons.map((k) => NationalityGroup.nationalityGroupOf(ids.get(k)!.nationalities));
  console.log(y, "n", persons.length, "sex", has("sexual"), "lab", has("labour"), "crim", has("criminal"), "fm", has("forced_marriage"),
    "| F", female, "minor", pct(ages.filter((a) => a === "minor").length, ages.length), "18-22", pct(ages.filter((a) => a === "age_18_22").length, ages.length),
    "| pol", kindShare("police"), "care", kindShare("care_coordination"), "FW", kindShare("fairwork"), "kmar", kindShare("kmar"), "NLA", kindShare("labour_inspectorate"),
    "| NL", nat("NL"), "PL", nat("PL"), "NG", nat("NG"), "UA", nat("UA"), "dutchGrp", pct(groups.filter((g) => g === "dutch").length, groups.length));
}
