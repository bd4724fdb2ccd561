/**
 * Where the server's merchants come from: `TAILOR_MERCHANTS` (a path to a JSON file, or the JSON itself), or, for
 * `npm start` on a laptop, one demo merchant whose two keys are generated on first start and kept in `server_meta`
 * (like the generated coupon secret), so they are the same on every restart and can be printed for the developer.
 * A production deployment sets `TAILOR_MERCHANTS`, which holds only key hashes.
 */
import { readFileSync } from 'node:fs';
import { loadOrCreateMeta, type Db } from '../db';
import { keyHash, newMerchantKey, type KeyKind } from './keys';
import { parseMerchants, type Merchant } from './registry';

/** The demo merchant's id. */
export const DEMO_MERCHANT = 'demo';

/** The demo merchant and its keys in clear (only ever for the generated demo). */
export interface DemoMerchant {
  merchant: Merchant;
  keys: Record<KeyKind, string>;
}

/** Reads `TAILOR_MERCHANTS`: inline JSON when it starts with `{`, else a file path. Throws naming the source. */
export function merchantsFromEnv(raw: string): Merchant[] {
  const inline = raw.trim().startsWith('{');
  const source = inline ? 'TAILOR_MERCHANTS' : `TAILOR_MERCHANTS (${raw})`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(inline ? raw : readFileSync(raw, 'utf8'));
  } catch (error) {
    throw new TypeError(`${source} must be a JSON document (or a path to one): ${(error as Error).message}`, { cause: error });
  }
  return parseMerchants(parsed, source);
}

/** The demo merchant owning `sites`, its keys made on first call and read back from `server_meta` after. */
export function loadOrCreateDemoMerchant(db: Db, sites: readonly string[]): DemoMerchant {
  const keyOf = (kind: KeyKind) => loadOrCreateMeta(db, `demo_${kind}_key`, () => newMerchantKey(kind), 'loadOrCreateDemoMerchant');
  const keys = { read: keyOf('read'), server: keyOf('server') };
  const [merchant] = parseMerchants(
    {
      merchants: [
        {
          id: DEMO_MERCHANT,
          name: 'Demo shop',
          sites: [...new Set(sites)],
          keys: [
            { id: 'demo-read', kind: 'read', sha256: keyHash(keys.read) },
            { id: 'demo-server', kind: 'server', sha256: keyHash(keys.server) },
          ],
        },
      ],
    },
    'the demo merchant',
  );
  return { merchant: merchant!, keys };
}
