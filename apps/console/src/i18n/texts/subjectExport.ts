import type { TextsOf } from "./texts.js";

/** Dutch texts of the data-subject access export (inzageverzoek, AVG artikel 15) on a registration's page. */
export const nl = {
  "subjectExport.title": "Inzageverzoek",
  "subjectExport.intro":
    "Vraagt deze persoon welke gegevens het platform over hem of haar bewaart? Exporteer alles: de persoon en samengevoegde personen, alle meldingen met elke versie, dubbelingen, opvang en wie de gegevens heeft ingezien. Het bestand bevat namen en andere persoonsgegevens: bewaar het veilig en verwijder het na overdracht. De export wordt vastgelegd in het auditlog.",
  "subjectExport.button": "Inzageverzoek: gegevens exporteren",
  "subjectExport.busy": "Gegevens worden verzameld…",
  "subjectExport.done":
    "Klaar. Twee bestanden zijn gedownload: de gegevens (JSON) en een leesbare versie (HTML). Open de leesbare versie en kies 'Afdrukken' → 'Opslaan als pdf' voor een pdf.",
  "subjectExport.saveJson": "Gegevens opnieuw opslaan (JSON)",
  "subjectExport.saveHtml": "Leesbare versie opnieuw opslaan (HTML)",
  "subjectExport.failed": "De export is niet gelukt.",
  "subjectExport.noPerson": "Deze melding is nog niet aan een persoon gekoppeld; een export is niet mogelijk.",
} as const satisfies Record<string, string>;

/** English texts of the data-subject access export. */
export const en: TextsOf<typeof nl> = {
  "subjectExport.title": "Subject access request",
  "subjectExport.intro":
    "Has this person asked what data the platform holds about them? Export everything: the person and merged persons, every registration with every version, duplicates, shelter and who saw the data. The files contain names and other personal data: keep them safe and delete them once handed over. The export is recorded in the audit log.",
  "subjectExport.button": "Subject access: export data",
  "subjectExport.busy": "Gathering the data…",
  "subjectExport.done":
    "Done. Two files were downloaded: the data (JSON) and a readable version (HTML). Open the readable version and choose Print → Save as PDF for a PDF.",
  "subjectExport.saveJson": "Save the data again (JSON)",
  "subjectExport.saveHtml": "Save the readable version again (HTML)",
  "subjectExport.failed": "The export did not succeed.",
  "subjectExport.noPerson": "This registration is not linked to a person yet; it cannot be exported.",
};
