import { type ClientOptions, Comensha, type Fetch, type Registration, type RegistrationInput } from "../src/index.js";

/** A request as the mocked fetch saw it. */
export interface SeenRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: unknown;
  readonly signal: AbortSignal | undefined;
}

/** What the mocked fetch does for one request: answer, fail like a network, or decide from the request. */
export type Reply = Response | Error | ((request: SeenRequest) => Response | Promise<Response>);

/** A fetch that answers the replies in order, and records every request it gets. */
export const mockFetch = (...replies: ReadonlyArray<Reply>) => {
  const requests: Array<SeenRequest> = [];
  const fetch: Fetch = async (url, init) => {
    const request: SeenRequest = {
      url,
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      signal: init.signal ?? undefined,
    };
    requests.push(request);
    const reply = replies[requests.length - 1];
    if (reply === undefined) throw new Error(`unexpected request #${requests.length}: ${request.method} ${url}`);
    if (reply instanceof Error) throw reply;
    return typeof reply === "function" ? reply(request) : reply;
  };
  return { fetch, requests };
};

/** A fetch reply that never answers, and fails like fetch does when its signal aborts. */
export const hang = (request: SeenRequest): Promise<Response> =>
  new Promise((_, reject) => {
    request.signal?.addEventListener("abort", () => reject(request.signal?.reason), { once: true });
  });

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "X-Request-Id": "req-ok", ...headers },
  });

export const problem = (
  status: number,
  slug: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) =>
  new Response(
    JSON.stringify({
      type: `https://comensha.nl/problems/${slug}`,
      title: `Problem ${slug}`,
      status,
      instance: "/v1/registrations",
      requestId: `req-${slug}`,
      ...extra,
    }),
    { status, headers: { "Content-Type": "application/problem+json", "X-Request-Id": "req-header", ...headers } },
  );

export const apiKey = "cmk_abcd1234_s3cr3t";

export const clientWith = (fetch: Fetch, options: ClientOptions = {}) =>
  new Comensha({ apiKey, baseUrl: "http://api.test", fetch, ...options });

export const input = (): RegistrationInput => ({
  reportedOn: "2026-11-20",
  person: {
    familyName: "Example",
    givenNames: "Anna Maria",
    aliases: [],
    dateOfBirth: "1999-04-12",
    sex: "female",
    nationalities: ["NG"],
  },
  exploitation: { forms: ["sexual"], country: "NL", policeRegion: "amsterdam" },
  dossierType: "registration_and_shelter",
  legalBasis: "statutory",
  consentToShareWithShelter: true,
  reflectionPeriod: { offeredOn: "2026-11-20", offeredBy: "police", startsOn: "2026-11-20", dublin: false },
});

export const registration = (overrides: Partial<Registration> = {}): Registration => ({
  ...input(),
  id: "0193a5b2-7c1e-7f00-8000-000000000001",
  status: "received",
  version: 1,
  createdAt: "2026-11-20T09:30:00.000Z",
  updatedAt: "2026-11-20T09:30:00.000Z",
  ...overrides,
});

/** Settles a promise into its value or its error, so a test can advance timers before looking. */
export const settle = <T>(promise: PromiseLike<T>): Promise<{ value?: T; error?: unknown }> =>
  Promise.resolve(promise).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
