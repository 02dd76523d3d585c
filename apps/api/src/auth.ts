import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { ApiKey, Organisation, Role } from "@comensha/domain";
import { Ports } from "@comensha/domain";
import { Effect } from "effect";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.js";
import { ProblemError, ProblemType } from "./problem.js";
import type { AppRuntime } from "./runtime.js";

/** Who is calling: an organisation's API key with its role. */
export interface Principal {
  readonly kind: "api_key";
  readonly id: ApiKey.ApiKeyId;
  readonly organisationId: Organisation.OrganisationId;
  readonly role: Role.Role;
}

const keyPattern = /^cmk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/** The SHA-256 of a key's secret, hex: API keys carry 256 random bits, so a fast hash is the right tool. */
export const hashSecret = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

/** A new API key: `cmk_<8 hex prefix>_<43 base64url chars of secret>`, its prefix and the hash to store. */
export const generateApiKey = () => {
  const prefix = randomBytes(4).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { apiKey: `cmk_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
};

const unauthorized = (detail: string) =>
  new ProblemError(401, ProblemType.unauthorized, "A valid API key is required", { detail });

/** Resolves a bearer key to its principal, or undefined when it is unknown, revoked or of an inactive organisation. */
export const resolveApiKey = (token: string) =>
  Effect.gen(function* () {
    const match = keyPattern.exec(token);
    if (match === null) return undefined;
    const [, prefix, secret] = match as unknown as [string, string, string];
    const keys = yield* Ports.ApiKeyRepository;
    const credential = yield* keys.findByPrefix(prefix);
    if (credential === undefined || credential.key.revokedAt !== null || !credential.organisationActive) {
      return undefined;
    }
    const expected = Buffer.from(credential.secretHash, "hex");
    const actual = Buffer.from(hashSecret(secret), "hex");
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    yield* keys.touch(credential.key.id);
    return {
      kind: "api_key",
      id: credential.key.id,
      organisationId: credential.key.organisationId,
      role: credential.key.role,
    } satisfies Principal;
  });

/** Requires `Authorization: Bearer <api key>` on every route below it; sets the principal. */
export const authenticate =
  (runtime: AppRuntime): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const header = c.req.header("Authorization");
    if (header === undefined) throw unauthorized("Send Authorization: Bearer <api key>.");
    const [scheme, token] = header.split(" ", 2);
    if (scheme?.toLowerCase() !== "bearer" || token === undefined) {
      throw unauthorized("Send Authorization: Bearer <api key>.");
    }
    const principal = await runtime.runPromise(resolveApiKey(token.trim()));
    if (principal === undefined) throw unauthorized("The API key is unknown or revoked.");
    c.set("principal", principal);
    await next();
  };

/** Refuses the request with 403 unless the caller has one of `roles`. */
export const requireRole = (c: Context<AppEnv>, ...roles: ReadonlyArray<Role.Role>): Principal => {
  const principal = c.get("principal");
  if (!roles.includes(principal.role)) {
    throw new ProblemError(403, ProblemType.forbidden, "Your role may not do this", {
      detail: `Requires one of: ${roles.join(", ")}.`,
    });
  }
  return principal;
};
