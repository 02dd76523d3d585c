import type { TextsOf } from "./texts.js";

/** Dutch texts of the files in a person's case on a registration's page. */
export const nl = {
  "attachments.title": "Bijlagen",
  "attachments.intro":
    "Bestanden in het dossier van deze persoon, zoals een verklaring, een brief of een scan. Alleen coördinatoren van CoMensha zien ze; ze worden versleuteld opgeslagen en elke download wordt vastgelegd.",
  "attachments.none": "Er zijn nog geen bijlagen.",
  "attachments.file": "Bestand",
  "attachments.hint": "PDF, PNG, JPEG of tekst (.txt), hooguit {max}.",
  "attachments.upload": "Bijlage toevoegen",
  "attachments.busy": "Bezig met toevoegen…",
  "attachments.saved": "De bijlage is toegevoegd.",
  "attachments.noFile": "Kies eerst een bestand.",
  "attachments.wrongType": "Dit soort bestand kan niet: alleen PDF, PNG, JPEG of tekst (.txt).",
  "attachments.tooLarge": "Het bestand is te groot: hooguit {max}.",
  "attachments.rejected": "Het bestand is leeg of is niet wat de bestandsnaam zegt. Controleer het bestand.",
  "attachments.meta": "{kind}, {size}, toegevoegd op {when}",
  "attachments.download": "Downloaden",
  "attachments.downloadNamed": "{name} downloaden",
  "attachments.undecryptable": "Bestandsnaam niet te ontsleutelen",
  "attachments.erased": "Gewist met de gegevens van de persoon",
} as const satisfies Record<string, string>;

/** English texts of the files in a person's case. */
export const en: TextsOf<typeof nl> = {
  "attachments.title": "Attachments",
  "attachments.intro":
    "Files in this person's case, such as a statement, a letter or a scan. Only CoMensha's coordinators see them; they are stored encrypted and every download is recorded.",
  "attachments.none": "There are no attachments yet.",
  "attachments.file": "File",
  "attachments.hint": "PDF, PNG, JPEG or text (.txt), at most {max}.",
  "attachments.upload": "Add attachment",
  "attachments.busy": "Adding…",
  "attachments.saved": "The attachment was added.",
  "attachments.noFile": "Choose a file first.",
  "attachments.wrongType": "This kind of file is not accepted: only PDF, PNG, JPEG or text (.txt).",
  "attachments.tooLarge": "The file is too large: at most {max}.",
  "attachments.rejected": "The file is empty or is not what its name says. Check the file.",
  "attachments.meta": "{kind}, {size}, uploaded on {when}",
  "attachments.download": "Download",
  "attachments.downloadNamed": "Download {name}",
  "attachments.undecryptable": "File name cannot be decrypted",
  "attachments.erased": "Erased with the person's data",
};
