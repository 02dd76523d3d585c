import { connectionFailureCode, Database, describeError } from "@comensha/db";
import { Attachment, type User } from "@comensha/domain";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { contextStorage } from "hono/context-storage";
import { HTTPException } from "hono/http-exception";
import { allowedMethodsOf } from "./allowedMethods.js";
import { authenticate, isHttps, safeMethods } from "./auth.js";
import { makeCredentialCache } from "./credentialCache.js";
import type { AppEnv } from "./env.js";
import { type Logger, loggablePath, requestContext, routeSegmentsOf } from "./logger.js";
import { buildOpenApi, type Operation } from "./openapi.js";
import { databaseUnavailable, ProblemError, ProblemType, problemForStatus, problemResponse } from "./problem.js";
import { clientAddress, type RateLimitOptions, rateLimit } from "./rateLimit.js";
import { refuseControlCharactersInUrl } from "./request.js";
import { attachmentOperations, attachmentRoutes } from "./routes/attachments.js";
import { auditEventOperations, auditEventRoutes } from "./routes/auditEvents.js";
import { authOperations, authRoutes } from "./routes/auth.js";
import { caseNoteOperations, caseNoteRoutes } from "./routes/caseNotes.js";
import { caseStatusOperations, caseStatusRoutes } from "./routes/caseStatus.js";
import { codeListOperations, codeListRoutes } from "./routes/codeLists.js";
import { consolePages } from "./routes/console.js";
import { docsRoutes } from "./routes/docs.js";
import { duplicateOperations, duplicateRoutes } from "./routes/duplicates.js";
import { erasureRequestOperations, erasureRequestRoutes, personErasureRoutes } from "./routes/erasureRequests.js";
import { followUpOperations, followUpRoutes, personFollowUpRoutes, stayListRoutes } from "./routes/followUps.js";
import { healthOperations, healthRoutes } from "./routes/health.js";
import { apiKeyRoutes, organisationOperations, organisationRoutes } from "./routes/organisations.js";
import { personOperations, personRoutes } from "./routes/persons.js";
import { placementRequestOperations, placementRequestRoutes } from "./routes/placementRequests.js";
import { processingRecordOperations, processingRecordRoutes } from "./routes/processingRecord.js";
import { referralOperations, referralRoutes } from "./routes/referrals.js";
import { registrationOperations, registrationRoutes } from "./routes/registrations.js";
import { reportOperations, reportRoutes } from "./routes/reports.js";
import { shelterOperations, shelterRoutes } from "./routes/shelters.js";
import { signalOperations, signalRoutes } from "./routes/signals.js";
import { statisticsOperations, statisticsRoutes } from "./routes/statistics.js";
import { subjectExportOperations, subjectExportRoutes } from "./routes/subjectExport.js";
import { transferOperations, transferRoutes } from "./routes/transfers.js";
import { userOperations, userRoutes } from "./routes/users.js";
import { webhookOperations, webhookRoutes } from "./routes/webhooks.js";
import type { AppRuntime } from "./runtime.js";

/** Largest request body the API reads (but an attachment's upload, see {@link isAttachmentUpload}). */
export const maxBodyBytes = 1024 * 1024;

/** An upload of a file to a person's case: the one body allowed up to `Attachment.maxAttachmentBytes` (10 MiB). */
const isAttachmentUpload = (method: string, path: string) =>
  method === "POST" && /^\/v1\/persons\/[^/]+\/attachments\/?$/.test(path);

/**
 * Refuses a body over `maxSize` with a 413 problem: at once when `Content-Length` says so, else while it streams in,
 * so no more than the limit is ever buffered.
 */
const bodyLimitOf = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) =>
      problemResponse(c, 413, ProblemType.payloadTooLarge, "The request body is too large", {
        detail: `At most ${maxSize} bytes are accepted.`,
      }),
  });

/** The API answers data, never pages: nothing may load, frame or submit from its responses. */
const apiCsp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** No page of the platform uses a device or a browser feature beyond the page itself: all are off. */
const permissionsPolicy = [
  "accelerometer=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "usb=()",
  "xr-spatial-tracking=()",
].join(", ");

/** Security headers on every response; a route with its own policy (`/docs`) keeps it. */
const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "no-referrer");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Cross-Origin-Resource-Policy", "same-origin");
  headers.set("Permissions-Policy", permissionsPolicy);
  // Over plain http a browser ignores HSTS, so it is sent only where it means something.
  if (isHttps(c)) headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  if (!headers.has("Content-Security-Policy")) headers.set("Content-Security-Policy", apiCsp);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
};

/** Paths whose answers are compressed on request; the console and `/docs` serve their files precompressed. */
const compressedPaths = ["/v1/*", "/openapi.json", "/health/*"] as const;

const jsonMediaType = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * Gives a JSON answer its `Content-Length`. Hono's `compress` applies its threshold only to bodies of known length,
 * and `c.json` sets none, so without this a 20-byte answer would be gzipped too (and grow). JSON answers are built
 * in memory, so reading one costs a copy; files (report artifacts, sent with `Content-Disposition`) stay streams.
 */
const declareJsonLength: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const headers = c.res.headers;
  if (
    c.res.body === null ||
    headers.has("Content-Length") ||
    headers.has("Content-Encoding") ||
    headers.has("Content-Disposition") ||
    !jsonMediaType.test(headers.get("Content-Type") ?? "")
  ) {
    return;
  }
  const bytes = new Uint8Array(await c.res.arrayBuffer());
  c.res = new Response(bytes, c.res);
  c.res.headers.set("Content-Length", String(bytes.byteLength));
};

/** Every operation of the API, for the OpenAPI document. */
export const operations: ReadonlyArray<Operation> = [
  ...healthOperations,
  ...authOperations,
  ...registrationOperations,
  ...transferOperations,
  ...personOperations,
  ...caseStatusOperations,
  ...caseNoteOperations,
  ...attachmentOperations,
  ...followUpOperations,
  ...referralOperations,
  ...erasureRequestOperations,
  ...subjectExportOperations,
  ...duplicateOperations,
  ...shelterOperations,
  ...placementRequestOperations,
  ...signalOperations,
  ...reportOperations,
  ...codeListOperations,
  ...auditEventOperations,
  ...userOperations,
  ...organisationOperations,
  ...statisticsOperations,
  ...processingRecordOperations,
  ...webhookOperations,
];

/** The OpenAPI 3.1 document of the API. */
export const openApiDocument = () =>
  buildOpenApi(
    {
      title: "CoMensha API",
      version: "1.0.0",
      description:
        "Registration of possible victims of human trafficking by partner organisations, first-shelter coordination " +
        "and anonymised reporting. Errors are RFC 9457 problem+json with a stable `type`, one of:\n\n" +
        Object.values(ProblemType)
          .map((type) => `- \`${type}\``)
          .join("\n"),
      contact: { name: "CoMensha", url: "https://www.comensha.nl" },
      // The licence of this description; @comensha/sdk, whose types are generated from it, has the same.
      license: { name: "European Union Public Licence 1.2", identifier: "EUPL-1.2" },
    },
    operations,
  );

/**
 * The Hono app: request ids and JSON logs, security headers, a body limit, gzip or deflate for the API's answers
 * when asked (1 KiB and up), problem+json errors (`404`, `405` with `Allow`, `413`, `503` with `Retry-After` while
 * the database is unreachable, `500` without the error's message), and the routes. Handlers run their Effects on
 * `runtime`.
 */
/** The routes that change organisations and their API keys: a change through them clears the credential cache. */
const credentialPaths = ["/v1/organisations", "/v1/api-keys"] as const;

export const makeApp = (options: {
  readonly runtime: AppRuntime;
  readonly logger: Logger;
  /** The built console to serve at `/` (apps/console/dist); none when undefined or not built. */
  readonly consoleDir?: string | undefined;
  /** The rate limits of `/v1` (see rateLimit.ts); none when undefined (requests built in process, most tests). */
  readonly rateLimit?: RateLimitOptions | undefined;
  /** Whether `X-Forwarded-For` names the client (behind a proxy); by default as the rate limits say, else off. */
  readonly trustProxy?: boolean | undefined;
  /**
   * The console roles that must use a second factor before reaching anything but `/v1/auth` (the server passes
   * the configured ones, admin and coordinator by default); none when undefined (most in-process tests).
   */
  readonly secondFactorRoles?: ReadonlyArray<User.UserRole> | undefined;
  /**
   * How long a valid API key and an organisation are remembered between requests (credentialCache.ts); 5 seconds
   * by default, 0 to read them for every request.
   */
  readonly credentialTtlMs?: number | undefined;
  /** Which webhook URLs are taken: plain http on this machine only where allowed (all in-process tests do). */
  readonly webhooks?: { readonly allowLoopbackHttp: boolean } | undefined;
}) => {
  const { runtime, logger } = options;
  const document = openApiDocument();
  const app = new Hono<AppEnv>();
  let segments: ReadonlySet<string> | undefined;
  const routeSegments = () => {
    segments ??= routeSegmentsOf(app.routes);
    return segments;
  };

  // The request's context, reachable from the Effects a route runs (runEffect names undecryptable values on it).
  app.use(contextStorage());
  app.use(requestContext(logger, routeSegments));
  app.use(securityHeaders);
  const bodyLimits = { standard: bodyLimitOf(maxBodyBytes), upload: bodyLimitOf(Attachment.maxAttachmentBytes) };
  app.use((c, next) =>
    (isAttachmentUpload(c.req.method, c.req.path) ? bodyLimits.upload : bodyLimits.standard)(c, next),
  );

  app.use(refuseControlCharactersInUrl);
  app.use(clientAddress(options.trustProxy ?? options.rateLimit?.trustProxy ?? false));
  for (const path of compressedPaths) app.use(path, compress(), declareJsonLength);
  app.route("/", healthRoutes(runtime));
  const limits = options.rateLimit === undefined ? undefined : rateLimit(options.rateLimit);
  if (limits !== undefined) app.use("/v1/*", limits.beforeAuthentication);
  const secondFactorRoles = options.secondFactorRoles ?? [];
  const cache = makeCredentialCache(options.credentialTtlMs);
  app.use("/v1/*", async (c, next) => {
    c.set("credentialCache", cache);
    await next();
    // A change of an organisation or its keys (revoke, approve, deactivate) counts at once in this process.
    if (!safeMethods.has(c.req.method) && credentialPaths.some((path) => c.req.path.startsWith(path))) cache.clear();
  });
  app.use("/v1/*", authenticate(runtime, { secondFactorRoles, cache }));
  if (limits !== undefined) app.use("/v1/*", limits.afterAuthentication);
  app.route("/v1/auth", authRoutes(runtime, { secondFactorRoles }));
  app.route("/v1/registrations", registrationRoutes(runtime));
  app.route("/v1/registrations", transferRoutes(runtime));
  app.route("/v1/persons", personRoutes(runtime));
  app.route("/v1/persons", personErasureRoutes(runtime));
  app.route("/v1/persons", caseStatusRoutes(runtime));
  app.route("/v1/persons", caseNoteRoutes(runtime));
  app.route("/v1/persons", attachmentRoutes(runtime));
  app.route("/v1/persons", personFollowUpRoutes(runtime));
  app.route("/v1/follow-ups", followUpRoutes(runtime));
  app.route("/v1/referrals", referralRoutes(runtime));
  app.route("/v1/erasure-requests", erasureRequestRoutes(runtime));
  app.route("/v1/persons", subjectExportRoutes(runtime));
  app.route("/v1/duplicates", duplicateRoutes(runtime));
  app.route("/v1/shelters", shelterRoutes(runtime));
  app.route("/v1/shelters", stayListRoutes(runtime));
  app.route("/v1/placement-requests", placementRequestRoutes(runtime));
  app.route("/v1/signals", signalRoutes(runtime));
  app.route("/v1/reports", reportRoutes(runtime));
  app.route("/v1/code-lists", codeListRoutes());
  app.route("/v1/audit-events", auditEventRoutes(runtime));
  app.route("/v1/users", userRoutes(runtime));
  app.route("/v1/organisations", organisationRoutes(runtime));
  app.route("/v1/api-keys", apiKeyRoutes(runtime));
  app.route("/v1/statistics", statisticsRoutes(runtime));
  app.route("/v1/processing-record", processingRecordRoutes());
  app.route("/v1/webhook-endpoints", webhookRoutes(runtime, options.webhooks ?? { allowLoopbackHttp: true }));
  app.get("/openapi.json", (c) => c.json(document));
  app.route("/", docsRoutes());

  const allowedMethods = allowedMethodsOf(app);
  const consolePage = consolePages(options.consoleDir);
  app.notFound((c) => {
    const page = consolePage(c.req.method, c.req.path, c.req.header("accept-encoding"));
    if (page !== undefined) return page;
    const allowed = allowedMethods(c.req.path);
    if (allowed.length === 0) return problemResponse(c, 404, ProblemType.notFound, "Not found");
    c.header("Allow", allowed.join(", "));
    return problemResponse(c, 405, ProblemType.methodNotAllowed, "Method not allowed", {
      detail: `${c.req.path} answers ${allowed.join(", ")}.`,
    });
  });
  const connectionFailureOf = (error: unknown) =>
    runtime
      .runPromise(Database.useSync((database) => database.connectionFailure(error)))
      .catch(() => connectionFailureCode(error));
  app.onError(async (error, c) => {
    if (error instanceof ProblemError) {
      return problemResponse(c, error.status, error.type, error.title, error.options);
    }
    if (!(error instanceof HTTPException)) {
      const code = await connectionFailureOf(error);
      if (code !== undefined) {
        logger("warn", "database unavailable", {
          requestId: c.get("requestId"),
          method: c.req.method,
          path: loggablePath(c.req.path, routeSegments()),
          code,
        });
        const problem = databaseUnavailable("The database does not answer. Try again after Retry-After seconds.");
        return problemResponse(c, problem.status, problem.type, problem.title, problem.options);
      }
    }
    const problem = error instanceof HTTPException ? problemForStatus(error.status) : problemForStatus(500);
    if (problem.status >= 500) {
      logger("error", "unhandled error", {
        requestId: c.get("requestId"),
        method: c.req.method,
        path: loggablePath(c.req.path, routeSegments()),
        ...describeError(error),
      });
    }
    return problemResponse(c, problem.status, problem.type, problem.title);
  });
  return app;
};
