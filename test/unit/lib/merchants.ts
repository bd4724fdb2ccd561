/**
 * Merchants for tests: fixed keys (well-formed, never used outside tests), the merchants that own them and a guard
 * over them, plus request options that present a key.
 */
import { createMerchantGuard, keyHash, MerchantAccess, parseMerchants, type Merchant, type MerchantGuard } from '../../../src/server/merchants';

export const READ_KEY = `tk_read_${'A'.repeat(43)}`;
export const SERVER_KEY = `tk_server_${'B'.repeat(43)}`;
/** Another merchant's read and server keys: it owns site 'rival' only. */
export const RIVAL_READ_KEY = `tk_read_${'C'.repeat(43)}`;
export const RIVAL_SERVER_KEY = `tk_server_${'D'.repeat(43)}`;

/** The test merchant (sites default, demo, other; the first is what a request without a site reads) and its rival (site rival). */
export function testMerchants(sites: readonly string[] = ['default', 'demo', 'other'], maxOrderValue?: number): Merchant[] {
  return parseMerchants(
    {
      merchants: [
        {
          id: 'test',
          name: 'Test shop',
          sites,
          ...(maxOrderValue !== undefined ? { maxOrderValue } : {}),
          keys: [
            { id: 'r1', kind: 'read', sha256: keyHash(READ_KEY) },
            { id: 's1', kind: 'server', sha256: keyHash(SERVER_KEY) },
          ],
        },
        {
          id: 'rival',
          sites: ['rival'],
          keys: [
            { id: 'r1', kind: 'read', sha256: keyHash(RIVAL_READ_KEY) },
            { id: 's1', kind: 'server', sha256: keyHash(RIVAL_SERVER_KEY) },
          ],
        },
      ],
    },
    'testMerchants',
  );
}

/** A guard over {@link testMerchants}, with a limit no test reaches unless it sets one. */
export function testGuard(options: { now?: () => number; sites?: readonly string[]; maxOrderValue?: number; rateLimit?: { limit: number; windowMs: number } } = {}): MerchantGuard {
  const now = options.now ?? Date.now;
  return createMerchantGuard({
    access: new MerchantAccess(testMerchants(options.sites, options.maxOrderValue), now),
    sessionSecret: new Uint8Array(32).fill(7),
    now,
    rateLimit: options.rateLimit ?? { limit: 1_000_000, windowMs: 60_000 },
  });
}

/** `Authorization` headers for a key. */
export const bearer = (key: string): Record<string, string> => ({ Authorization: `Bearer ${key}` });
/** Request options of the test merchant's read key. */
export const asReader: RequestInit = { headers: bearer(READ_KEY) };

/** The access {@link testMerchants} give, for `createTailorApp({merchants})`. */
export const testAccess = (now?: () => number): MerchantAccess => new MerchantAccess(testMerchants(), now);
