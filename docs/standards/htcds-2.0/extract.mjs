#!/usr/bin/env node
// Extracts the HTCDS 2.0 field standard into fields.csv and codelists/*.csv (see README.md).
//
// Usage: node extract.mjs <checkout of github.com/UNMigration/HTCDS> [output directory]
//
// Reads "HTCDS Field Standards 2.0.ods" (a zip; its content.xml holds the one sheet "Field_Standards") and the
// toolkit's XForm "Toolkit/Survey/htcds_xlsform.xml" (for the country list and the checkbox values, which the
// field standard names but does not list). No dependencies: the zip is read with node:zlib and the XML with regexes,
// which is enough for these two files and is checked by the assertions below.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";

const [source, output = new URL(".", import.meta.url).pathname] = process.argv.slice(2);
if (source === undefined) {
  console.error("usage: node extract.mjs <HTCDS checkout> [output directory]");
  process.exit(2);
}

const fail = (message) => {
  throw new Error(message);
};

/** The bytes of one entry of a zip file, found through the central directory. */
const unzipEntry = (zip, wanted) => {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) fail("not a zip file");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    if (name === wanted) {
      const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      fail(`unsupported compression method ${method}`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return fail(`${wanted} not found in the zip`);
};

const decodeEntities = (text) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, "&");

/** The text of an ODS cell: its paragraphs joined by newlines, with spaces, tabs and line breaks restored. */
const cellText = (inner) =>
  [...inner.matchAll(/<text:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/text:p>)/g)]
    .map((paragraph) =>
      decodeEntities(
        (paragraph[1] ?? "")
          .replace(/<text:s(?: text:c="(\d+)")?\/>/g, (_, n) => " ".repeat(n ? Number(n) : 1))
          .replace(/<text:tab\/>/g, "\t")
          .replace(/<text:line-break\/>/g, "\n")
          .replace(/<[^>]+>/g, ""),
      ),
    )
    .join("\n");

/** The rows of the only sheet of the ODS, as arrays of cell texts without trailing empty cells. */
const sheetRows = (contentXml) => {
  const sheets = [...contentXml.matchAll(/<table:table table:name="([^"]*)"/g)].map((m) => m[1]);
  if (sheets.join() !== "Field_Standards") fail(`expected the one sheet Field_Standards, found ${sheets.join()}`);
  const rows = [];
  for (const row of contentXml.matchAll(/<table:table-row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-row>)/g)) {
    const cells = [];
    for (const cell of (row[2] ?? "").matchAll(
      /<table:(?:covered-)?table-cell\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:(?:covered-)?table-cell>)/g,
    )) {
      const repeated = Number(/table:number-columns-repeated="(\d+)"/.exec(cell[1])?.[1] ?? 1);
      const text = cellText(cell[2] ?? "");
      // Trailing empty cells are repeated up to the sheet's last column; only a few real ones are repeated.
      for (let i = 0; i < Math.min(repeated, 64); i++) cells.push(text);
    }
    while (cells.length > 0 && cells.at(-1) === "") cells.pop();
    const repeated = Number(/table:number-rows-repeated="(\d+)"/.exec(row[1])?.[1] ?? 1);
    if (cells.length > 0 && repeated > 1) fail("a repeated row with content");
    rows.push(cells);
  }
  while (rows.length > 0 && rows.at(-1).length === 0) rows.pop();
  return rows;
};

/** The items (value, label) of the XForm control bound to `ref`. */
const xformItems = (xform, ref) => {
  const control = new RegExp(`<(select1?) ref="${ref}">([\\s\\S]*?)</\\1>`).exec(xform) ?? fail(`${ref} not in XForm`);
  return [...control[2].matchAll(/<item><label>([\s\S]*?)<\/label><value>([\s\S]*?)<\/value><\/item>/g)].map(
    (item) => ({ code: decodeEntities(item[2]), label: decodeEntities(item[1]) }),
  );
};

const csvCell = (value) =>
  /[",\n\r]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
const csv = (header, rows) => `${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\n")}\n`;

const ods = readFileSync(join(source, "HTCDS Field Standards 2.0.ods"));
const rows = sheetRows(unzipEntry(ods, "content.xml").toString("utf8"));
const xform = readFileSync(join(source, "Toolkit/Survey/htcds_xlsform.xml"), "utf8");

const expectedHeader = [
  "Section",
  "Status",
  "Core",
  "Field Name Prefix",
  "Field Name",
  "Field Label",
  "Field Name including Prefix",
  "Field Type",
  "Salesforce Standard or Custom",
  "Value Names (if picklist)",
  "Value Labels (if picklist)",
  "Description",
  "Notes",
];
if (JSON.stringify(rows[0]) !== JSON.stringify(expectedHeader)) fail(`unexpected header ${JSON.stringify(rows[0])}`);

const lines = (text) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
const oneLine = (text) => text.replace(/\s+/g, " ").trim();

const fields = [];
const codeLists = new Map();
const skipped = [];
let section = "";
for (const row of rows.slice(1)) {
  const cell = (i) => row[i] ?? "";
  if (cell(0) !== "") {
    section = oneLine(cell(0));
    continue;
  }
  if (cell(4) === "N/A") {
    skipped.push(oneLine(cell(5)));
    continue;
  }
  // One row (per_Organisation) gives only prefix and name.
  const field = cell(6) || `${cell(3)}${cell(4)}`;
  if (!/^[a-z]{3}_[A-Za-z]+$/.test(field) || field !== `${cell(3)}${cell(4)}`) fail(`odd field name ${field}`);
  const type = cell(7);
  const names = cell(9);
  const labels = cell(10);
  let codeList = "";
  let valuesNote = "";
  if (/ISO 3166/.test(names) || /ISO 3166/.test(labels)) {
    codeList = "Country";
    valuesNote = oneLine(names || labels);
  } else if (/ISO 639/.test(names)) {
    valuesNote = oneLine(names);
  } else if (names !== "") {
    const codes = lines(names);
    const codeLabels = lines(labels);
    if (codes.length !== codeLabels.length) fail(`${field}: ${codes.length} names but ${codeLabels.length} labels`);
    codeList = field;
    codeLists.set(
      field,
      codes.map((code, i) => ({ code, label: codeLabels[i] })),
    );
  } else if (type === "Checkbox") {
    codeList = "Checkbox";
  }
  const selection = /^Multiselect/.test(type) ? "multi" : codeList !== "" ? "single" : "";
  fields.push([
    field,
    section,
    cell(1),
    cell(2),
    cell(5),
    type,
    selection,
    codeList,
    valuesNote,
    cell(11).trim(),
    cell(12).trim(),
  ]);
}

const countries = xformItems(xform, "/data/prs_Citizenship");
if (countries.length < 240 || !countries.every(({ code }) => /^[A-Z]{2}$/.test(code))) {
  fail("the XForm's country list is not a list of ISO 3166-1 alpha-2 codes");
}
codeLists.set(
  "Country",
  [...countries].sort((a, b) => (a.code < b.code ? -1 : 1)),
);
codeLists.set("Checkbox", xformItems(xform, "/data/con_Consent"));

mkdirSync(join(output, "codelists"), { recursive: true });
writeFileSync(
  join(output, "fields.csv"),
  csv(
    [
      "field",
      "section",
      "status",
      "core",
      "label",
      "type",
      "selection",
      "code_list",
      "values_note",
      "description",
      "notes",
    ],
    fields,
  ),
);
for (const [name, entries] of codeLists) {
  writeFileSync(
    join(output, "codelists", `${name}.csv`),
    csv(
      ["code", "label"],
      entries.map(({ code, label }) => [code, label]),
    ),
  );
}
console.log(`${fields.length} fields, ${codeLists.size} code lists; skipped example questions: ${skipped.length}`);
