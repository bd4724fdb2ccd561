/**
 * The merchants this server answers to: who owns which sites, with which keys. Read from `TAILOR_MERCHANTS` (a JSON
 * file or inline JSON; README "Merchant keys") or, for `npm start` without one, the demo merchant main.ts makes.
 *
 * A site belongs to at most one merchant; a merchant's keys see only its own sites. Several keys of one kind may be
 * live at once, each with an optional expiry: that is how a key is rotated without downtime (add the new key, move
 * the callers, let the old one expire).
 */
import { keyHash, kindOfKey, type KeyKind } from './keys';

/** Ids and site names: the collector's site rule. */
const NAME_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const SHA256_RE = /^[0-9a-f]{64}$/;
/** Largest order value a merchant may allow, in currency units: keeps the coupon routes' cent arithmetic exact. */
export const ORDER_VALUE_CEILING = 1_000_000_000;
/** The order-value bound of a merchant that sets none, in currency units. */
export const DEFAULT_MAX_ORDER_VALUE = 100_000;

/** One configured key, by hash. */
export interface MerchantKey {
  id: string;
  kind: KeyKind;
  sha256: string;
  /** Epoch ms after which the key is refused; null for no expiry. */
  expiresAt: number | null;
}

/** One merchant. */
export interface Merchant {
  id: string;
  name: string;
  sites: readonly string[];
  /** The highest order value the coupon routes accept for this merchant's sites. */
  maxOrderValue: number;
  keys: readonly MerchantKey[];
}

/** A caller that presented a live key. */
export interface Principal {
  merchant: Merchant;
  key: MerchantKey;
}

/** Checks a parsed `TAILOR_MERCHANTS` document; throws naming the field and `source`. */
export function parseMerchants(raw: unknown, source: string): Merchant[] {
  const fail = (path: string, rule: string, got: unknown): never => {
    throw new TypeError(`${source}: '${path}' ${rule}, got ${JSON.stringify(got)}`);
  };
  const list = (raw as { merchants?: unknown } | null)?.merchants;
  if (!Array.isArray(list)) fail('merchants', 'must be an array of merchants', list);
  const owners = new Map<string, string>();
  const ids = new Set<string>();
  return (list as unknown[]).map((entry, i) => {
    const at = `merchants[${i}]`;
    const m = (entry ?? {}) as Record<string, unknown>;
    if (typeof m.id !== 'string' || !NAME_RE.test(m.id)) fail(`${at}.id`, "must be 1-64 characters of a-z, 0-9, '-' or '_'", m.id);
    const id = m.id as string;
    if (ids.has(id)) fail(`${at}.id`, 'must be unique', id);
    ids.add(id);
    if (m.name !== undefined && typeof m.name !== 'string') fail(`${at}.name`, 'must be a string', m.name);
    if (!Array.isArray(m.sites) || m.sites.length === 0) fail(`${at}.sites`, 'must be a non-empty array of site names', m.sites);
    const sites = (m.sites as unknown[]).map((site, j) => {
      if (typeof site !== 'string' || !NAME_RE.test(site)) fail(`${at}.sites[${j}]`, "must be 1-64 characters of a-z, 0-9, '-' or '_'", site);
      const owner = owners.get(site as string);
      if (owner !== undefined) fail(`${at}.sites[${j}]`, `is already merchant '${owner}''s`, site);
      owners.set(site as string, id);
      return site as string;
    });
    const maxOrderValue = m.maxOrderValue ?? DEFAULT_MAX_ORDER_VALUE;
    if (typeof maxOrderValue !== 'number' || !(maxOrderValue > 0) || maxOrderValue > ORDER_VALUE_CEILING) {
      fail(`${at}.maxOrderValue`, `must be a number above 0 and at most ${ORDER_VALUE_CEILING}`, maxOrderValue);
    }
    if (!Array.isArray(m.keys) || m.keys.length === 0) fail(`${at}.keys`, 'must be a non-empty array of keys', m.keys);
    const keyIds = new Set<string>();
    const keys = (m.keys as unknown[]).map((k, j): MerchantKey => {
      const kat = `${at}.keys[${j}]`;
      const key = (k ?? {}) as Record<string, unknown>;
      if (typeof key.id !== 'string' || !NAME_RE.test(key.id) || keyIds.has(key.id)) fail(`${kat}.id`, "must be a unique 1-64 characters of a-z, 0-9, '-' or '_'", key.id);
      keyIds.add(key.id as string);
      if (key.kind !== 'read' && key.kind !== 'server') fail(`${kat}.kind`, "must be 'read' or 'server'", key.kind);
      if (typeof key.sha256 !== 'string' || !SHA256_RE.test(key.sha256)) fail(`${kat}.sha256`, 'must be the 64 lower-case hex digits `npm run merchant-key` prints', key.sha256);
      let expiresAt: number | null = null;
      if (key.expires !== undefined) {
        expiresAt = typeof key.expires === 'string' ? Date.parse(key.expires) : NaN;
        if (!Number.isFinite(expiresAt)) fail(`${kat}.expires`, 'must be an ISO date or time (e.g. 2027-01-31)', key.expires);
      }
      return { id: key.id as string, kind: key.kind as KeyKind, sha256: key.sha256 as string, expiresAt };
    });
    return { id, name: typeof m.name === 'string' ? m.name : id, sites, maxOrderValue: maxOrderValue as number, keys };
  });
}

/** Who is calling: key lookups by hash, and sessions resumed by merchant and key id. */
export class MerchantAccess {
  private readonly byHash = new Map<string, Principal>();
  private readonly byId = new Map<string, Merchant>();

  constructor(
    readonly merchants: readonly Merchant[],
    private readonly now: () => number = Date.now,
  ) {
    for (const merchant of merchants) {
      this.byId.set(merchant.id, merchant);
      for (const key of merchant.keys) this.byHash.set(key.sha256, { merchant, key });
    }
  }

  /** The principal behind a presented key, if it is well-formed, configured and not expired. */
  authenticate(presented: string): Principal | null {
    if (kindOfKey(presented) === null) return null;
    const principal = this.byHash.get(keyHash(presented));
    return principal && this.live(principal.key) ? principal : null;
  }

  /** The principal of a session that named merchant and key ids, if that key is still configured and live. */
  resume(merchantId: string, keyId: string): Principal | null {
    const merchant = this.byId.get(merchantId);
    const key = merchant?.keys.find((k) => k.id === keyId);
    return merchant && key && this.live(key) ? { merchant, key } : null;
  }

  private live(key: MerchantKey): boolean {
    return key.expiresAt === null || this.now() < key.expiresAt;
  }
}
