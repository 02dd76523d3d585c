import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Ports, Webhook } from "@comensha/domain";
import { Redacted } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post } from "../src/services/webhooks.js";
import { AddressRefused, isPublicAddress, postOnce } from "../src/webhookPost.js";

describe("the addresses a webhook may reach", () => {
  it("takes public addresses, IPv4 and IPv6", () => {
    for (const address of ["8.8.8.8", "93.184.216.34", "145.97.39.155", "2606:4700:4700::1111", "2a00:1450::1"]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it("refuses this machine, private networks, link-local (cloud metadata), reserved ranges and mapped forms", () => {
    for (const address of [
      "127.0.0.1",
      "127.8.9.10",
      "0.0.0.0",
      "10.1.2.3",
      "172.16.5.4",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "198.18.0.1",
      "224.0.0.1",
      "255.255.255.255",
      "::",
      "::1",
      "fe80::1",
      "fd00::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "::ffff:7f00:1",
      "::ffff:a9fe:a9fe",
      "not-an-address",
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });
});

describe("posting a delivery", () => {
  let server: Server;
  let port = 0;
  const hits: Array<string> = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      hits.push(request.url ?? "");
      if (request.url === "/redirect") response.writeHead(302, { location: "http://127.0.0.1:1/elsewhere" }).end();
      else if (request.url === "/slow") setTimeout(() => response.writeHead(204).end(), 2000);
      else response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (path: string, allowInternal: boolean, host = "127.0.0.1", timeoutMs = 1000) =>
    postOnce(new URL(`http://${host}:${port}${path}`), { "content-type": "application/json" }, "{}", {
      timeoutMs,
      allowInternal,
    });

  it("reaches this machine only where allowed, by address or by a name that resolves to it", async () => {
    const before = hits.length;
    for (const host of ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]"]) {
      const refused = await send("/hooks", false, host);
      expect("error" in refused && refused.error instanceof AddressRefused, host).toBe(true);
    }
    expect(hits.length).toBe(before);
    expect(await send("/hooks", true)).toEqual({ status: 204 });
    expect(hits.length).toBe(before + 1);
  });

  it("follows no redirect, and gives up after its time", async () => {
    expect(await send("/redirect", true)).toEqual({ status: 302 });
    const slow = await send("/slow", true, "127.0.0.1", 200);
    expect("error" in slow && (slow.error as Error).name).toMatch(/TimeoutError|AbortError/);
  });

  it("records a refused address as a failed attempt in a few words, without the URL", async () => {
    const attempt: Ports.WebhookAttempt = {
      url: `http://localhost:${port}/hooks`,
      secret: Redacted.make(`whsec_${Buffer.alloc(32, 3).toString("base64")}`),
      delivery: {
        id: "0193a0b0-0000-7000-8000-00000000e001" as Webhook.WebhookDeliveryId,
        endpointId: "0193a0b0-0000-7000-8000-00000000e002" as Webhook.WebhookEndpointId,
        event: {
          type: "registration.received",
          timestamp: "2026-12-07T10:00:00.000Z",
          data: {
            registrationId: "0193a0b0-0000-7000-8000-000000000001" as never,
            status: "received",
            version: 1,
          },
        },
        status: "pending",
        attempts: 0,
        lastResponseStatus: null,
        lastError: null,
        nextAttemptAt: null,
        createdAt: "2026-12-07T10:00:00.000Z",
        deliveredAt: null,
      } as unknown as Webhook.WebhookDelivery,
    };
    const options = { timeoutMs: 1000, retryScale: 1 };
    expect(await post(attempt, { ...options, allowInternal: false })).toEqual({
      delivered: false,
      responseStatus: null,
      error: "address not allowed",
    });
    expect(await post(attempt, { ...options, allowInternal: true })).toEqual({
      delivered: true,
      responseStatus: 204,
      error: null,
    });
    expect(await post({ ...attempt, url: "http://127.0.0.1:1/hooks" }, { ...options, allowInternal: true })).toEqual({
      delivered: false,
      responseStatus: null,
      error: "connection refused",
    });
  });
});
