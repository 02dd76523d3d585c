import { DisclosurePolicy, Ports, ReportJob } from "@comensha/domain";
import { createReport, enqueueReport } from "@comensha/reports";
import { Effect, Exit, Schema } from "effect";
import { Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { idempotent, storedResponse } from "../idempotency.js";
import type { Operation } from "../openapi.js";
import { invalidCursor, ProblemError, ProblemType } from "../problem.js";
import { pageRequestOf, readJson } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { audit } from "../services/audit.js";
import { decodeBody } from "../validation.js";
import { callerOf } from "./audited.js";
import { runEffect, throwDefect } from "./runEffect.js";

/** A report's file on the wire: the artifact with the link to download it. */
const ArtifactResponse = Schema.Struct({ ...ReportJob.ReportArtifact.fields, href: Schema.String }).annotate({
  identifier: "ReportArtifact",
});

/** A requested report on the wire, with links to its files once completed. */
export const ReportResponse = Schema.Struct({
  ...ReportJob.ReportJob.fields,
  artifacts: Schema.Array(ArtifactResponse),
}).annotate({ identifier: "Report" });

const ReportPage = Schema.Struct({
  data: Schema.Array(ReportResponse),
  nextCursor: Schema.NullOr(Schema.String),
}).annotate({ identifier: "ReportPage" });

const ReportRequestBody = ReportJob.ReportRequest.annotate({ identifier: "ReportRequest" });

const encodeReport = Schema.encodeSync(ReportResponse);
const encodePage = Schema.encodeSync(ReportPage);

/** Who may request and read reports: policy staff, CoMensha's coordinators, administrators. Never partners. */
const reportRoles = ["policy", "coordinator", "admin"] as const;

const problems = {
  401: { description: "No valid API key.", problem: true },
  403: { description: "Policy staff, coordinators and administrators only.", problem: true },
  404: { description: "No such report (or file).", problem: true },
} as const;

/** OpenAPI descriptions of the report routes. */
export const reportOperations: ReadonlyArray<Operation> = [
  {
    method: "post",
    path: "/v1/reports",
    operationId: "requestReport",
    summary: "Request an anonymised report; a worker produces it (requires Idempotency-Key)",
    description:
      "For policy staff, coordinators and administrators: an annual monitor, a placement report, a Eurostat table " +
      "or an HTCDS export, under a disclosure-control policy that may be stricter than the default (threshold 5), " +
      "never weaker. A worker produces it; poll the report for its status.",
    tags: ["reports"],
    security: true,
    headers: [{ name: "Idempotency-Key", required: true, description: "1-255 visible ASCII characters; a UUID." }],
    requestBody: ReportRequestBody,
    responses: {
      202: { description: "The report, queued; poll its Location for progress.", schema: ReportResponse },
      400: { description: "A header is wrong.", problem: true },
      ...problems,
      422: {
        description: "The body breaks the schema, the period is empty, or the policy is weaker than the default.",
        problem: true,
      },
    },
  },
  {
    method: "get",
    path: "/v1/reports",
    operationId: "listReports",
    summary: "Requested reports, newest first",
    description:
      "For policy staff, coordinators and administrators: requested reports, newest first, with their status; " +
      "cursor-paginated.",
    tags: ["reports"],
    security: true,
    query: [
      { name: "limit", schema: { type: "integer", minimum: 1, maximum: 200 } },
      { name: "cursor", schema: { type: "string" } },
    ],
    responses: {
      200: { description: "A page of reports.", schema: ReportPage },
      400: { description: "A bad parameter.", problem: true },
      401: problems[401],
      403: problems[403],
    },
  },
  {
    method: "get",
    path: "/v1/reports/:id",
    operationId: "getReport",
    summary: "One report: its status, progress and, once completed, links to its files",
    description:
      "For policy staff, coordinators and administrators: a report's status (`queued`, `running`, `completed`, " +
      "`failed`), progress, the date its data is as of, and once completed its files with their sizes and SHA-256.",
    tags: ["reports"],
    security: true,
    responses: {
      200: { description: "The report.", schema: ReportResponse },
      ...problems,
    },
  },
  {
    method: "get",
    path: "/v1/reports/:id/artifacts/:name",
    operationId: "downloadReportArtifact",
    summary: "Download one file of a completed report (CSV, JSON, JSON Schema or HTML); every download is audited",
    description:
      "For policy staff, coordinators and administrators: one file of a completed report, streamed as an attachment " +
      "with its SHA-256 as `ETag`; `disposition=inline` shows an HTML report in the browser under a CSP that allows " +
      "no scripts. Reports hold no personal data; downloads are audited all the same.",
    tags: ["reports"],
    security: true,
    query: [
      {
        name: "disposition",
        schema: { type: "string", enum: ["attachment", "inline"] },
        description:
          "`inline` shows an HTML report in the browser (tables and charts), under a CSP that allows no scripts; " +
          "other files are always attachments.",
      },
    ],
    responses: {
      200: { description: "The file, as an attachment (or an inline HTML page), with its SHA-256 as ETag." },
      400: { description: "disposition is neither attachment nor inline.", problem: true },
      ...problems,
    },
  },
];

/**
 * The policy of an HTML report shown inline: its own inline styles and data-URI images, nothing else: no scripts
 * (sandboxed), no requests, no framing.
 */
export const inlineReportCsp =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; " +
  "form-action 'none'; sandbox";

const parseId = (id: string | undefined) => {
  const result = Schema.decodeUnknownExit(ReportJob.ReportId)(id);
  if (Exit.isFailure(result)) throw new ProblemError(404, ProblemType.notFound, "Report not found");
  return result.value;
};

const toProblem = (error: unknown): ProblemError => {
  const tag = (error as { _tag?: string })._tag;
  if (tag === "ReportNotFound") return new ProblemError(404, ProblemType.notFound, "Report not found");
  if (tag === "InvalidCursor") return invalidCursor();
  return new ProblemError(500, ProblemType.internal, "Internal server error");
};

const run = runEffect(toProblem);

const withLinks = (job: ReportJob.ReportJob) => ({
  ...job,
  artifacts: job.artifacts.map((artifact) => ({
    ...artifact,
    href: `/v1/reports/${job.id}/artifacts/${encodeURIComponent(artifact.name)}`,
  })),
});

/** Checks what the schema cannot: a placement period that is not empty, and a policy no weaker than the default. */
const checkRequest = (input: ReportJob.ReportRequest) => {
  const errors: Array<{ path: string; message: string }> = [];
  if (input.parameters.kind === "placement_report" && input.parameters.from >= input.parameters.to) {
    errors.push({ path: "/parameters/to", message: "must be after from" });
  }
  if (input.policy !== undefined) {
    for (const violation of DisclosurePolicy.policyViolations(input.policy)) {
      errors.push({ path: `/policy/${violation.path.join("/")}`, message: violation.message });
    }
  }
  if (errors.length > 0) {
    throw new ProblemError(422, ProblemType.validationFailed, "The report request is not valid", { errors });
  }
};

/**
 * `/v1/reports`: policy staff (and coordinators, administrators) request anonymised reports, follow their progress
 * and download the files. Reports hold no personal data; requests and downloads are audited all the same.
 */
export const reportRoutes = (runtime: AppRuntime) => {
  const routes = new Hono<AppEnv>();

  routes.post("/", async (c) => {
    const principal = requireRole(c, ...reportRoles);
    const { bytes, json } = await readJson(c);
    return idempotent(c, runtime, bytes, async (complete) => {
      const input = decodeBody(ReportRequestBody, json);
      checkRequest(input);
      const response = await run(
        runtime,
        Effect.gen(function* () {
          const transactor = yield* Ports.Transactor;
          return yield* transactor.transaction(
            Effect.gen(function* () {
              const job = yield* createReport({
                parameters: input.parameters,
                policy: input.policy,
                origin: "api",
                requestedBy: principal.id,
              });
              yield* audit(callerOf(c), "report.request", "success", { type: "report", id: job.id });
              const stored = storedResponse(202, encodeReport(withLinks(job)), {
                location: `/v1/reports/${job.id}`,
              });
              yield* complete(stored);
              return { stored, id: job.id };
            }),
          );
        }),
      );
      await run(runtime, enqueueReport(response.id));
      return response.stored;
    });
  });

  routes.get("/", async (c) => {
    requireRole(c, ...reportRoles);
    const pageRequest = pageRequestOf(c, { defaultLimit: 50, maxLimit: 200 });
    const page = await run(
      runtime,
      Effect.flatMap(Ports.ReportRepository, (reports) => reports.list(pageRequest)),
    );
    return c.json(encodePage({ data: page.data.map(withLinks), nextCursor: page.nextCursor }));
  });

  routes.get("/:id", async (c) => {
    requireRole(c, ...reportRoles);
    const id = parseId(c.req.param("id"));
    const job = await run(
      runtime,
      Effect.flatMap(Ports.ReportRepository, (reports) => reports.findById(id)),
    );
    return c.json(encodeReport(withLinks(job)));
  });

  routes.get("/:id/artifacts/:name", async (c) => {
    requireRole(c, ...reportRoles);
    const disposition = c.req.query("disposition");
    if (disposition !== undefined && disposition !== "attachment" && disposition !== "inline") {
      throw new ProblemError(400, ProblemType.badRequest, "disposition must be attachment or inline", {
        errors: [{ path: "/disposition", message: "Expected attachment or inline" }],
      });
    }
    const name = c.req.param("name");
    const found = await runtime.runPromiseExit(
      Effect.gen(function* () {
        const id = yield* Effect.try({ try: () => parseId(c.req.param("id")), catch: (error) => error });
        const content = yield* (yield* Ports.ReportRepository).readArtifact(id, name);
        yield* audit(callerOf(c), "report.download", content === undefined ? "denied" : "success", {
          type: "report",
          id,
        });
        return content;
      }),
    );
    throwDefect(found);
    if (Exit.isFailure(found) || found.value === undefined) {
      if (Exit.isFailure(found)) {
        await runtime.runPromise(
          audit(callerOf(c), "report.download", "denied", { type: "report", id: c.req.param("id") }),
        );
      }
      throw new ProblemError(404, ProblemType.notFound, "Report file not found", {
        detail: "The report does not exist, is not completed yet, or has no file of that name.",
      });
    }
    const artifact = found.value;
    const inline = disposition === "inline" && artifact.mediaType.startsWith("text/html");
    return new Response(artifact.bytes, {
      status: 200,
      headers: {
        "content-type": artifact.mediaType,
        "content-disposition": `${inline ? "inline" : "attachment"}; filename="${artifact.name}"`,
        etag: `"${artifact.sha256}"`,
        "cache-control": "private, no-store",
        ...(inline ? { "content-security-policy": inlineReportCsp } : {}),
      },
    });
  });

  return routes;
};
