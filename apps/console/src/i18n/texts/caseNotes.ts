import type { TextsOf } from "./texts.js";

/** Dutch texts of a person's case notes on a registration's page. */
export const nl = {
  "caseNotes.title": "Dossiernotities",
  "caseNotes.intro":
    "Wat er in het traject van deze persoon gebeurt, in woorden. Alleen coördinatoren van CoMensha zien de notities; ze worden versleuteld opgeslagen en elke inzage wordt vastgelegd. Een correctie wordt een nieuwe versie: de eerdere blijven te lezen.",
  "caseNotes.none": "Er zijn nog geen notities.",
  "caseNotes.new": "Nieuwe notitie",
  "caseNotes.hint": "Hooguit {max} tekens. Schrijf alleen wat nodig is voor de zorg en opvang.",
  "caseNotes.add": "Notitie opslaan",
  "caseNotes.busy": "Bezig met opslaan…",
  "caseNotes.saved": "De notitie is opgeslagen.",
  "caseNotes.corrected": "De correctie is opgeslagen als versie {version}.",
  "caseNotes.empty": "Schrijf eerst een notitie.",
  "caseNotes.tooLong": "De notitie is te lang: hooguit {max} tekens.",
  "caseNotes.meta": "Versie {version} · {when}",
  "caseNotes.correct": "Corrigeren",
  "caseNotes.correction": "Correctie van de notitie",
  "caseNotes.saveCorrection": "Correctie opslaan",
  "caseNotes.cancel": "Annuleren",
  "caseNotes.stale": "Iemand anders heeft deze notitie intussen gewijzigd. Lees de nieuwe versie en corrigeer opnieuw.",
  "caseNotes.showVersions": "Eerdere versies tonen",
  "caseNotes.hideVersions": "Eerdere versies verbergen",
  "caseNotes.versions": "Versies van de notitie",
  "caseNotes.version": "Versie {version}, {when}",
  "caseNotes.undecryptable": "Deze notitie kan met de huidige sleutels niet worden ontsleuteld.",
  "caseNotes.erased": "De tekst is gewist met de gegevens van de persoon.",
} as const satisfies Record<string, string>;

/** English texts of a person's case notes. */
export const en: TextsOf<typeof nl> = {
  "caseNotes.title": "Case notes",
  "caseNotes.intro":
    "What happens in this person's trajectory, in words. Only CoMensha's coordinators see the notes; they are stored encrypted and every read is recorded. A correction becomes a new version: the earlier ones stay readable.",
  "caseNotes.none": "There are no notes yet.",
  "caseNotes.new": "New note",
  "caseNotes.hint": "At most {max} characters. Write only what care and shelter need.",
  "caseNotes.add": "Save note",
  "caseNotes.busy": "Saving…",
  "caseNotes.saved": "The note was saved.",
  "caseNotes.corrected": "The correction was saved as version {version}.",
  "caseNotes.empty": "Write a note first.",
  "caseNotes.tooLong": "The note is too long: at most {max} characters.",
  "caseNotes.meta": "Version {version} · {when}",
  "caseNotes.correct": "Correct",
  "caseNotes.correction": "Correction of the note",
  "caseNotes.saveCorrection": "Save correction",
  "caseNotes.cancel": "Cancel",
  "caseNotes.stale": "Someone else changed this note meanwhile. Read the new version and correct it again.",
  "caseNotes.showVersions": "Show earlier versions",
  "caseNotes.hideVersions": "Hide earlier versions",
  "caseNotes.versions": "Versions of the note",
  "caseNotes.version": "Version {version}, {when}",
  "caseNotes.undecryptable": "This note cannot be decrypted with the current keys.",
  "caseNotes.erased": "The text was erased with the person's data.",
};
