/** Merchants, their keys and the guard in front of their endpoints (README "Merchant keys", SECURITY.md). */
export { KEY_PREFIX, keyHash, kindOfKey, newMerchantKey, type KeyKind } from './keys';
export { DEFAULT_MAX_ORDER_VALUE, MerchantAccess, parseMerchants, type Merchant, type MerchantKey, type Principal } from './registry';
export { authenticate, closedMerchantGuard, createMerchantGuard, refuseSite, requestedSite, type MerchantGuard, type MerchantGuardOptions } from './guard';
export { loadOrCreateSessionSecret, SESSION_COOKIE, SESSION_TTL_MS, signSession, verifySession } from './session';
export { DEMO_MERCHANT, loadOrCreateDemoMerchant, merchantsFromEnv, type DemoMerchant } from './config';
