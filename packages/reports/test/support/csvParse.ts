/**
 * A strict RFC 4180 reader for the tests: fields separated by commas, records by CRLF, quoted fields with doubled
 * quotes. It throws on anything else, so that a test reading a file also checks its form.
 */
export const parseCsv = (text: string): ReadonlyArray<ReadonlyArray<string>> => {
  const records: Array<Array<string>> = [];
  let record: Array<string> = [];
  let field = "";
  let i = 0;
  let atFieldStart = true;
  while (i < text.length) {
    const char = text[i];
    if (atFieldStart && char === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error("Unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
      atFieldStart = false;
      continue;
    }
    if (char === ",") {
      record.push(field);
      field = "";
      atFieldStart = true;
      i += 1;
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      atFieldStart = true;
      i += 2;
    } else if (char === '"' || char === "\n" || char === "\r") {
      throw new Error(`Unexpected ${JSON.stringify(char)} at ${i}`);
    } else {
      field += char;
      atFieldStart = false;
      i += 1;
    }
  }
  if (!atFieldStart || field !== "" || record.length > 0) throw new Error("The last record does not end with CRLF");
  return records;
};

/** Reads a CSV with a byte order mark into objects keyed by its header. */
export const readCsvRows = (text: string): ReadonlyArray<Readonly<Record<string, string>>> => {
  if (!text.startsWith("\uFEFF")) throw new Error("No byte order mark");
  const [header, ...rows] = parseCsv(text.slice(1));
  if (header === undefined) throw new Error("No header");
  return rows.map((row) => {
    if (row.length !== header.length) throw new Error(`A row has ${row.length} fields for ${header.length} columns`);
    return Object.fromEntries(header.map((name, index) => [name, row[index] ?? ""]));
  });
};
