import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

/**
 * The addresses a webhook must not reach from a production worker: this machine, private and shared networks,
 * link-local (cloud metadata at 169.254.169.254), benchmarking, multicast and reserved ranges, in IPv4 and IPv6
 * (IPv4-mapped IPv6 addresses are checked as the IPv4 address they carry). A partner's key could otherwise make the
 * worker probe the network it runs in (server-side request forgery, OWASP API7:2023).
 */
const internal = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  internal.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  internal.addSubnet(network, prefix, "ipv6");
}

const mappedIpv4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** Whether `address` (an IP address) is on the public internet, not one of the ranges above. */
export const isPublicAddress = (address: string): boolean => {
  const mapped = mappedIpv4.exec(address)?.[1];
  if (mapped !== undefined) return isPublicAddress(mapped);
  const family = isIP(address);
  if (family === 0) return false;
  return !internal.check(address, family === 4 ? "ipv4" : "ipv6");
};

/** The post went nowhere: its host is, or resolves to, an address the worker must not reach. */
export class AddressRefused extends Error {
  override name = "AddressRefused";
}

/**
 * A `lookup` for the connection itself that answers only public addresses: checked on the very address the socket
 * connects to, so a name that resolves differently the second time (DNS rebinding) cannot slip past.
 */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error !== null) return callback(error, "", 0);
    const allowed = (addresses as Array<LookupAddress>).filter((entry) => isPublicAddress(entry.address));
    const first = allowed[0];
    if (first === undefined) return callback(new AddressRefused(`${hostname} resolves to no public address`), "", 0);
    if (options.all === true) return (callback as unknown as (e: null, a: Array<LookupAddress>) => void)(null, allowed);
    return callback(null, first.address, first.family);
  });
};

/** What a post came to: the answer's status (its body is read and dropped), or the error that ended it. */
export type PostResult = { readonly status: number } | { readonly error: unknown };

/**
 * Posts `body` to `url` once: no redirect is followed, the answer's body is not kept, and the whole exchange ends
 * after `timeoutMs`. Unless `allowInternal`, the host must be a public address or resolve to one ({@link
 * isPublicAddress}); the worker of a deployment that tests against a receiver on its own machine allows it.
 */
export const postOnce = (
  url: URL,
  headers: Readonly<Record<string, string>>,
  body: string,
  options: { readonly timeoutMs: number; readonly allowInternal: boolean },
): Promise<PostResult> =>
  new Promise((resolve) => {
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    if (!options.allowInternal && isIP(host) !== 0 && !isPublicAddress(host)) {
      resolve({ error: new AddressRefused(`${host} is not a public address`) });
      return;
    }
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, {
      method: "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      signal: AbortSignal.timeout(options.timeoutMs),
      ...(options.allowInternal ? {} : { lookup: publicLookup }),
    });
    request.on("response", (response: IncomingMessage) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0 }));
      response.on("error", (error) => resolve({ error }));
    });
    request.on("error", (error) => resolve({ error }));
    request.end(body);
  });
