import { IsoDate, Report } from "@comensha/domain";
import { Schema } from "effect";

/**
 * A published report with made-up values, for documentation images and tests of the renderers: an annual monitor
 * with a one-column table by form of exploitation (one value suppressed, a non-additive total) and a two-way table
 * by age group and sex (a suppressed value, row and column totals, a grand total). No value describes real people.
 */
export const sampleReport: Report.PublishedReport = Schema.decodeUnknownSync(Report.PublishedReport)({
  parameters: { kind: "annual_monitor", year: 2024 },
  title: { nl: "Monitor mensenhandel 2024 (voorbeeld)", en: "Human trafficking monitor 2024 (sample)" },
  period: { from: IsoDate.make("2024-01-01"), to: IsoDate.make("2025-01-01") },
  dataAsOf: IsoDate.make("2025-03-31"),
  policy: { threshold: 5 },
  tables: [
    {
      id: "persons_by_exploitation_form",
      title: {
        nl: "Geregistreerde personen naar vorm van uitbuiting",
        en: "Registered persons by form of exploitation",
      },
      unit: "persons",
      rows: {
        id: "exploitation_form",
        title: { nl: "Vorm van uitbuiting", en: "Form of exploitation" },
        categories: [
          { code: "sexual", label: { nl: "Seksuele uitbuiting", en: "Sexual exploitation" } },
          { code: "labour", label: { nl: "Arbeidsuitbuiting", en: "Labour exploitation" } },
          { code: "criminal", label: { nl: "Criminele uitbuiting", en: "Criminal exploitation" } },
          { code: "forced_begging", label: { nl: "Gedwongen bedelarij", en: "Forced begging" } },
          { code: "organ_removal", label: { nl: "Orgaanverwijdering", en: "Organ removal" } },
          { code: "unknown", label: { nl: "Onbekend", en: "Unknown" } },
        ],
      },
      columns: {
        id: "measure",
        title: { nl: "Maat", en: "Measure" },
        categories: [{ code: "count", label: { nl: "Aantal", en: "Count" } }],
      },
      cells: [[1190], [387], [196], [12], [null], [45]],
      columnTotals: [1778],
      rowsAdd: false,
      columnsAdd: true,
    },
    {
      id: "persons_by_age_group_and_sex",
      title: {
        nl: "Geregistreerde personen naar leeftijdsgroep en geslacht",
        en: "Registered persons by age group and sex",
      },
      unit: "persons",
      rows: {
        id: "age_group",
        title: { nl: "Leeftijdsgroep", en: "Age group" },
        categories: [
          { code: "minor", label: { nl: "Minderjarig (<18)", en: "Minor (<18)" } },
          { code: "age_18_22", label: { nl: "18-22 jaar", en: "18-22 years" } },
          { code: "age_23_plus", label: { nl: "23 jaar en ouder", en: "23 years and older" } },
        ],
      },
      columns: {
        id: "sex",
        title: { nl: "Geslacht", en: "Sex" },
        categories: [
          { code: "female", label: { nl: "Vrouw", en: "Female" } },
          { code: "male", label: { nl: "Man", en: "Male" } },
          { code: "x", label: { nl: "X", en: "X" } },
        ],
      },
      cells: [
        [96, 41, null],
        [312, 128, null],
        [806, 388, 0],
      ],
      rowTotals: [null, null, 1194],
      columnTotals: [1214, 557, 7],
      grandTotal: 1778,
      rowsAdd: true,
      columnsAdd: true,
    },
  ],
  notes: [
    {
      nl: "Een persoon wordt geteld in het jaar van de eerste melding; een persoon met meer vormen van uitbuiting telt bij elke vorm.",
      en: "A person is counted in the year of their first report; a person with more than one form of exploitation is counted under each.",
    },
    { nl: "Alle waarden in dit voorbeeld zijn verzonnen.", en: "All values in this sample are made up." },
  ],
});
