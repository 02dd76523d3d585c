import { randomBytes } from "node:crypto";
import { Scalar } from "@scalar/hono-api-reference";
import { Hono } from "hono";
import type { AppEnv } from "../env.js";

/** Where the Scalar reference loads its script and styles from: it is not bundled with the API. */
export const scalarCdn = "https://cdn.jsdelivr.net";

/**
 * The policy for the reference page: scripts only with this response's nonce (the CDN bundle and Scalar's
 * inline initialiser), inline styles (Scalar sets `style` attributes, which a nonce cannot allow), and network
 * access to this API only, so a pasted API key is never sent through a third-party proxy.
 */
export const docsContentSecurityPolicy = (nonce: string) =>
  [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' ${scalarCdn}`,
    `style-src 'self' 'unsafe-inline' ${scalarCdn}`,
    `font-src 'self' data: ${scalarCdn}`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");

/**
 * `GET /docs`: the Scalar API reference rendering `/openapi.json`, under its own content security policy with a
 * fresh nonce per response. Telemetry, third-party fonts, the AI agent and stored credentials are off: the API
 * handles personal data of victims, and its reference page should talk to nobody else.
 */
export const docsRoutes = () =>
  new Hono<AppEnv>().get("/docs", async (c, next) => {
    const nonce = randomBytes(16).toString("base64");
    c.header("Content-Security-Policy", docsContentSecurityPolicy(nonce));
    c.header("Cache-Control", "no-store");
    const render = Scalar<AppEnv>({
      url: "/openapi.json",
      pageTitle: "CoMensha API",
      nonce,
      telemetry: false,
      withDefaultFonts: false,
      persistAuth: false,
      agent: { disabled: true },
      mcp: { disabled: true },
    });
    return (await render(c, next)) ?? c.notFound();
  });
