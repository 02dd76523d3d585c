import { createHash } from "node:crypto";
import { IdempotencyStore, type IdempotencyTaken, type StoredResponse } from "@comensha/db";
import { Effect } from "effect";
import type { Context } from "hono";
import type { AppEnv } from "./env.js";
import { ProblemError, ProblemType } from "./problem.js";
import { callerOf } from "./routes/audited.js";
import type { AppRuntime } from "./runtime.js";
import { audit } from "./services/audit.js";

const keyPattern = /^[\x21-\x7e]{1,255}$/;

/** Headers of a stored response that a replay repeats. */
const replayedHeaders = ["content-type", "etag", "location"] as const;

/** The response as stored for replays: status, the headers that matter, the body. */
export const storedResponse = (status: number, body: unknown, headers: Readonly<Record<string, string>> = {}) =>
  ({
    status,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  }) satisfies StoredResponse;

const toResponse = (stored: StoredResponse, replayed: boolean) => {
  const headers = new Headers();
  for (const name of replayedHeaders) {
    const value = stored.headers[name];
    if (value !== undefined) headers.set(name, value);
  }
  if (replayed) headers.set("Idempotent-Replayed", "true");
  return new Response(stored.body, { status: stored.status, headers });
};

/**
 * Runs a call at most once per `Idempotency-Key` (required on creates; honoured when sent on updates, so a retry
 * after a lost answer gets that answer instead of a 412) (scoped to the caller's organisation): the same key and
 * body replay the stored answer; another body is 422; a first request still running is 409. `run` gets the
 * `complete` effect, which it must run inside the transaction of its change, so the change and the stored answer
 * commit together. When `run` fails, the claim is released so that a retry runs again.
 */
/**
 * Audits a replayed answer of an audited route as `<action>.replay` about its resource (the path's, or the one the
 * answer names): a replay can hand out personal data or a key again (a placement request's medical needs, a
 * registration's names, a new API key), so who was shown it a second time stays on record.
 */
/** The `id` of a stored JSON answer, if it has one. */
const createdId = (stored: StoredResponse): string | undefined => {
  try {
    const body = JSON.parse(stored.body) as { readonly id?: unknown };
    return typeof body.id === "string" ? body.id : undefined;
  } catch {
    return undefined;
  }
};

const auditReplay = async (c: Context<AppEnv>, runtime: AppRuntime, stored: StoredResponse) => {
  const audited = c.get("audited") as AppEnv["Variables"]["audited"];
  if (audited === undefined) return;
  // The resource of the path (`/v1/organisations/{id}/api-keys`, `/v1/registrations/{id}`), else the one created.
  const id = c.req.param("id") ?? createdId(stored);
  await runtime.runPromise(
    audit(callerOf(c), `${audited.action}.replay`, "success", {
      type: audited.resourceType,
      ...(id === undefined ? {} : { id }),
    }),
  );
};

/** The key of a request that claims it in its own transaction was taken: the transaction rolls back, then the
 * stored answer is replayed (or the request refused). A defect, so no use case has to name it in its errors. */
class IdempotencyKeyTaken extends Error {
  constructor() {
    super("The Idempotency-Key was taken");
  }
}

/** What a use case gets to make its change idempotent: the claim to run first in its transaction, and `complete`. */
export interface IdempotentWrite {
  /** Stores the answer; run inside the transaction of the change, so the change and the answer commit together. */
  readonly complete: (response: StoredResponse) => Effect.Effect<void, never, IdempotencyStore>;
  /**
   * Claims the key as the first statement of the change's transaction (with `claimInTransaction`; else nothing, the
   * key was claimed before `run`). A key already taken rolls the transaction back and its answer is replayed.
   */
  readonly claim: Effect.Effect<void, never, IdempotencyStore>;
}

export const idempotent = async (
  c: Context<AppEnv>,
  runtime: AppRuntime,
  body: Uint8Array,
  run: (complete: IdempotentWrite["complete"], claim: IdempotentWrite["claim"]) => Promise<StoredResponse>,
  options: {
    readonly required: boolean;
    /**
     * Turns the stored answer into the one sent, the first time and on every replay: for an answer that holds a
     * secret, which is stored sealed (encrypted) and unsealed here.
     */
    readonly present?: (stored: StoredResponse) => Promise<StoredResponse>;
    /**
     * Whether `run` claims the key in its own transaction (`claim`), instead of a claim committed before it: one
     * commit per request, and a retry sent while the first request runs waits for it and gets its answer. Only for
     * a `run` whose every write is in that one transaction.
     */
    readonly claimInTransaction?: boolean;
  } = { required: true },
): Promise<Response> => {
  const present = options.present ?? (async (stored: StoredResponse) => stored);
  const key = c.req.header("Idempotency-Key");
  if (key === undefined && !options.required) {
    return toResponse(await present(await run(() => Effect.void, Effect.void)), false);
  }
  if (key === undefined || !keyPattern.test(key)) {
    throw new ProblemError(400, ProblemType.badRequest, "An Idempotency-Key header is required", {
      detail: "Send Idempotency-Key with 1-255 visible ASCII characters; a fresh UUID per logical request is best.",
    });
  }
  const scope = `${c.get("principal").organisationId}:${c.req.method} ${c.req.path}`;
  const requestHash = createHash("sha256")
    .update(c.req.header("If-Match") ?? "")
    .update("\n")
    .update(body)
    .digest("hex");
  const complete = (response: StoredResponse) =>
    Effect.flatMap(IdempotencyStore, (store) => store.complete(scope, key, response));
  if (options.claimInTransaction === true) {
    const claim = Effect.flatMap(IdempotencyStore, (store) => store.claim(scope, key, requestHash)).pipe(
      Effect.flatMap((claimed) => (claimed ? Effect.void : Effect.die(new IdempotencyKeyTaken()))),
    );
    try {
      return toResponse(await present(await run(complete, claim)), false);
    } catch (error) {
      if (!(error instanceof IdempotencyKeyTaken)) throw error;
    }
    return answerTaken(
      c,
      runtime,
      present,
      await runtime.runPromise(Effect.flatMap(IdempotencyStore, (store) => store.lookup(scope, key, requestHash))),
    );
  }
  const begun = await runtime.runPromise(
    Effect.flatMap(IdempotencyStore, (store) => store.begin(scope, key, requestHash)),
  );
  if (begun.state !== "started") return answerTaken(c, runtime, present, begun);
  let stored: StoredResponse;
  try {
    stored = await run(complete, Effect.void);
  } catch (error) {
    await runtime.runPromise(Effect.flatMap(IdempotencyStore, (store) => store.release(scope, key)));
    throw error;
  }
  return toResponse(await present(stored), false);
};

/** The answer to a request whose key was taken: the stored answer again, or why not. */
const answerTaken = async (
  c: Context<AppEnv>,
  runtime: AppRuntime,
  present: (stored: StoredResponse) => Promise<StoredResponse>,
  begun: IdempotencyTaken,
): Promise<Response> => {
  switch (begun.state) {
    case "replay": {
      const presented = await present(begun.response);
      await auditReplay(c, runtime, presented);
      return toResponse(presented, true);
    }
    case "mismatch":
      throw new ProblemError(422, ProblemType.idempotencyKeyReused, "This Idempotency-Key was used with another body", {
        detail: "Use a new Idempotency-Key for a different request.",
      });
    case "in_flight":
      throw new ProblemError(
        409,
        ProblemType.idempotencyInFlight,
        "A request with this Idempotency-Key is still running",
        {
          detail: "Retry after it has finished.",
        },
      );
  }
};
