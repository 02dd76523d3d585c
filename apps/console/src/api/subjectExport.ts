import type Comensha from "@comensha/sdk";
import type { SubjectExport } from "@comensha/sdk";

/** The data-subject access export (GDPR art. 15) of a person, as `GET /v1/persons/{id}/export` answers it. */
export type { SubjectExport };

/** What the console asks of the API for a subject access request: the export as data, and as a readable page. */
export interface SubjectExportApi {
  /** The export of a person and every person merged into them (coordinators); audited. */
  exportPerson(personId: string): Promise<SubjectExport>;
  /** The same export as a printable HTML page in `lang`; audited. */
  exportPersonPage(personId: string, lang: "nl" | "en"): Promise<string>;
}

/** The SDK behind {@link SubjectExportApi}. */
export const subjectExportApi = (client: Comensha): SubjectExportApi => ({
  exportPerson: (personId) => client.persons.export(personId),
  exportPersonPage: (personId, lang) => client.persons.export(personId, { format: "html", lang }),
});

/** The file names of an export: the person's id only, never a name. */
export const exportFileNames = (personId: string) => ({
  json: `subject-export-${personId}.json`,
  html: `subject-export-${personId}.html`,
});
