import { Scalar } from "@scalar/hono-api-reference";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { authenticate } from "./auth.js";
import type { AppEnv } from "./env.js";
import type { Logger } from "./logger.js";
import { requestContext } from "./logger.js";
import { buildOpenApi, type Operation } from "./openapi.js";
import { ProblemError, ProblemType, problemResponse } from "./problem.js";
import { auditEventOperations, auditEventRoutes } from "./routes/auditEvents.js";
import { codeListOperations, codeListRoutes } from "./routes/codeLists.js";
import { duplicateOperations, duplicateRoutes } from "./routes/duplicates.js";
import { healthOperations, healthRoutes } from "./routes/health.js";
import { registrationOperations, registrationRoutes } from "./routes/registrations.js";
import type { AppRuntime } from "./runtime.js";

/** Largest request body the API reads. */
export const maxBodyBytes = 1024 * 1024;

const apiCsp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set("X-Content-Type-Options", "nosniff");
  c.res.headers.set("Referrer-Policy", "no-referrer");
  c.res.headers.set("X-Frame-Options", "DENY");
  c.res.headers.set("Cross-Origin-Resource-Policy", "same-origin");
  if (!c.req.path.startsWith("/docs")) {
    c.res.headers.set("Content-Security-Policy", apiCsp);
    c.res.headers.set("Cache-Control", c.res.headers.get("Cache-Control") ?? "no-store");
  }
};

/** Every operation of the API, for the OpenAPI document. */
export const operations: ReadonlyArray<Operation> = [
  ...healthOperations,
  ...registrationOperations,
  ...duplicateOperations,
  ...codeListOperations,
  ...auditEventOperations,
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
    },
    operations,
  );

/**
 * The Hono app: request ids and JSON logs, security headers, a body limit, problem+json errors, and the routes.
 * Handlers run their Effects on `runtime`.
 */
export const makeApp = (options: { readonly runtime: AppRuntime; readonly logger: Logger }) => {
  const { runtime, logger } = options;
  const document = openApiDocument();
  const app = new Hono<AppEnv>();

  app.use(requestContext(logger));
  app.use(securityHeaders);
  app.use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        problemResponse(c, 413, ProblemType.payloadTooLarge, "The request body is too large", {
          detail: `At most ${maxBodyBytes} bytes are accepted.`,
        }),
    }),
  );

  app.route("/", healthRoutes(runtime));
  app.use("/v1/*", authenticate(runtime));
  app.route("/v1/registrations", registrationRoutes(runtime));
  app.route("/v1/duplicates", duplicateRoutes(runtime));
  app.route("/v1/code-lists", codeListRoutes());
  app.route("/v1/audit-events", auditEventRoutes(runtime));
  app.get("/openapi.json", (c) => c.json(document));
  app.get("/docs", Scalar({ url: "/openapi.json", pageTitle: "CoMensha API" }));

  app.notFound((c) => problemResponse(c, 404, ProblemType.notFound, "Not found"));
  app.onError((error, c) => {
    if (error instanceof ProblemError) {
      return problemResponse(c, error.status, error.type, error.title, error.options);
    }
    logger("error", "unhandled error", {
      requestId: c.get("requestId"),
      path: c.req.path,
      error: error instanceof Error ? error.name : "unknown",
      stack: error instanceof Error ? error.stack : undefined,
    });
    return problemResponse(c, 500, ProblemType.internal, "Internal server error");
  });
  return app;
};
