import { randomBytes } from "node:crypto";
import type { ReferenceProps } from "@scalar/api-reference";
import { Hono } from "hono";
import type { AppEnv } from "../env.js";
import { docsAssetRoutes, scalarBundle } from "./docsAssets.js";

/**
 * The policy for the reference page: scripts only with this response's nonce (the renderer, served by the API
 * itself, and the page's inline scripts), inline styles (Scalar sets `style` attributes, which a nonce cannot
 * allow), and network access to this API only. No other host is named: the page works without internet, and a
 * pasted API key is never sent through a third-party proxy.
 */
export const docsContentSecurityPolicy = (nonce: string) =>
  [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");

/**
 * How the renderer is set up: it reads `/openapi.json`, and everything in it that would call out is off —
 * telemetry, the default fonts (fonts.scalar.com), the developer tools (uploads to scalar.com, a booking widget),
 * the links that hand the document to the hosted client (client.scalar.com), the AI agent and MCP, and stored
 * credentials. The request proxy stays unset, so "Test Request" calls the API directly.
 */
const docsReferenceConfiguration = {
  url: "/openapi.json",
  telemetry: false,
  withDefaultFonts: false,
  persistAuth: false,
  showDeveloperTools: "never",
  hideClientButton: true,
  agent: { disabled: true },
  mcp: { disabled: true },
} satisfies NonNullable<ReferenceProps["configuration"]>;

/**
 * The reference page. Before the renderer loads, its bundled zod is told not to probe for `eval` (`jitless`): the
 * policy forbids `eval`, and the probe would be reported as a violation. `data:,` as icon spares the browser a
 * `/favicon.ico` that the API does not have.
 */
const docsPage = (nonce: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta property="csp-nonce" content="${nonce}" />
    <title>CoMensha API</title>
    <link rel="icon" href="data:," />
  </head>
  <body>
    <div id="app"></div>
    <script nonce="${nonce}">
      globalThis.__zod_globalConfig = { jitless: true };
    </script>
    <script src="${scalarBundle.path}" nonce="${nonce}"></script>
    <script nonce="${nonce}">
      Scalar.createApiReference("#app", ${JSON.stringify(docsReferenceConfiguration, null, 2).replaceAll("<", "\\u003c")});
    </script>
  </body>
</html>
`;

/**
 * `GET /docs`: the Scalar API reference rendering `/openapi.json`, under its own content security policy with a
 * fresh nonce per response, with the renderer served by the API (`/docs/assets/…`) instead of a CDN. The API
 * handles personal data of victims, and its reference page should talk to nobody else.
 */
export const docsRoutes = () =>
  new Hono<AppEnv>()
    .get("/docs", (c) => {
      const nonce = randomBytes(16).toString("base64");
      c.header("Content-Security-Policy", docsContentSecurityPolicy(nonce));
      c.header("Cache-Control", "no-store");
      return c.html(docsPage(nonce));
    })
    .route("/", docsAssetRoutes());
