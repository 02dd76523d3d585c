import { Person, SubjectExport } from "@comensha/domain";
import { Exit, Schema } from "effect";
import { Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import type { Operation } from "../openapi.js";
import type { AppRuntime } from "../runtime.js";
import { exportSubject } from "../services/subjectExport.js";
import { renderSubjectExportHtml, subjectExportCsp } from "../subjectExportHtml.js";
import { decodeBody } from "../validation.js";
import { audited, callerOf } from "./audited.js";
import { personNotFound, runPersonEffect } from "./persons.js";

/** The query of the export: its format (JSON by default) and, for HTML, its language (Dutch by default). */
const ExportQuery = Schema.Struct({
  format: Schema.optionalKey(Schema.Literals(["json", "html"])),
  lang: Schema.optionalKey(Schema.Literals(["nl", "en"])),
});

const encodeExport = Schema.encodeSync(SubjectExport.SubjectExport);

/** OpenAPI description of the data-subject export. */
export const subjectExportOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/persons/:id/export",
    operationId: "exportPerson",
    summary: "Data-subject access export of a person (GDPR art. 15)",
    description:
      "For coordinators: everything held about a person and every person merged into them: statistical attributes, " +
      "registrations with every version (decrypted), possible duplicates with their decisions, placement requests " +
      "with offers and placements, and the audit events about them, oldest first. JSON, or a printable HTML page " +
      "without scripts in Dutch or English; always an attachment with `Cache-Control: no-store`, audited as " +
      "`person.export`.",
    tags: ["persons"],
    security: true,
    query: [
      {
        name: "format",
        description: "`json` (default): the export as JSON; `html`: a readable page that prints well (print to PDF).",
        schema: { type: "string", enum: ["json", "html"] },
      },
      {
        name: "lang",
        description: "The language of the HTML page: `nl` (default) or `en`.",
        schema: { type: "string", enum: ["nl", "en"] },
      },
    ],
    responses: {
      200: {
        description:
          "The export, as an attachment named after the person's id. With `format=html`, `text/html` under a CSP that " +
          "allows no scripts. A value that does not decrypt is marked `undecryptable` (and audited), not left out.",
        schema: SubjectExport.SubjectExport,
      },
      401: { description: "No valid API key or console session.", problem: true },
      403: { description: "Only coordinators export a person's data.", problem: true },
      404: { description: "No such person.", problem: true },
      422: { description: "format or lang is not one of the values listed.", problem: true },
    },
  },
];

const notFound = personNotFound;
const run = runPersonEffect;

/** `/v1/persons/:id/export`: the data-subject access export, for coordinators; every call audited, refusals too. */
export const subjectExportRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.get(
    "/:id/export",
    audited(runtime, "person", "person.export", async (c) => {
      requireRole(c, "coordinator");
      const id = Schema.decodeUnknownExit(Person.PersonId)(c.req.param("id"));
      if (Exit.isFailure(id)) throw notFound();
      const query = decodeBody(ExportQuery, {
        ...(c.req.query("format") === undefined ? {} : { format: c.req.query("format") }),
        ...(c.req.query("lang") === undefined ? {} : { lang: c.req.query("lang") }),
      });
      const { exported, unreadable } = await run(runtime, exportSubject(callerOf(c), id.value));
      if (unreadable.length > 0) c.set("undecryptable", { resource: "registration", ids: unreadable });
      const encoded = encodeExport(exported);
      const format = query.format ?? "json";
      const headers = {
        "Cache-Control": "no-store",
        "Content-Disposition": `attachment; filename="subject-export-${id.value}.${format}"`,
        "X-Content-Type-Options": "nosniff",
      };
      if (format === "html") {
        return c.body(renderSubjectExportHtml(encoded, query.lang ?? "nl"), 200, {
          ...headers,
          "Content-Type": "text/html; charset=utf-8",
          "Content-Security-Policy": subjectExportCsp,
        });
      }
      return c.body(JSON.stringify(encoded), 200, { ...headers, "Content-Type": "application/json; charset=utf-8" });
    }),
  );

  return routes;
};
