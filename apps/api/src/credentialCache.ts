import type { Organisation } from "@comensha/domain";
import type { ApiKeyPrincipal } from "./auth.js";

/** A map whose entries expire `ttlMs` after they were set; cleared as a whole when it holds `maxEntries`. */
export class TtlCache<K, V> {
  readonly #entries = new Map<K, { readonly value: V; readonly expiresAt: number }>();

  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 10_000,
  ) {}

  get(key: K, now = Date.now()): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    if (this.#entries.size >= this.maxEntries) this.#entries.clear();
    this.#entries.set(key, { value, expiresAt: now + this.ttlMs });
  }

  clear(): void {
    this.#entries.clear();
  }
}

/**
 * How long a process trusts what it read about a caller, in milliseconds: an API key's principal and an
 * organisation. A key revoked (or an organisation deactivated) through this process stops working at once, since
 * every change under `/v1/organisations` and `/v1/api-keys` clears the caches (see `makeApp`); through another process (a second
 * replica, the CLI) within this time.
 */
export const credentialTtlMs = 5_000;

/**
 * What the API remembers briefly between requests, so that a partner's burst of reports does not read its key and
 * organisation again for each one: API keys by the SHA-256 of the whole key (never the key itself; only keys that
 * were valid), and organisations by id.
 */
export interface CredentialCache {
  readonly apiKeys: TtlCache<string, ApiKeyPrincipal>;
  readonly organisations: TtlCache<Organisation.OrganisationId, Organisation.Organisation>;
  readonly clear: () => void;
}

export const makeCredentialCache = (ttlMs: number = credentialTtlMs): CredentialCache => {
  const apiKeys = new TtlCache<string, ApiKeyPrincipal>(ttlMs);
  const organisations = new TtlCache<Organisation.OrganisationId, Organisation.Organisation>(ttlMs);
  return {
    apiKeys,
    organisations,
    clear: () => {
      apiKeys.clear();
      organisations.clear();
    },
  };
};
