/**
 * Keeps comlink's proxy finalizers out of the build. comlink registers every proxy it creates (one per property
 * access, `remote.init`, `remote.decide` …) in a FinalizationRegistry so that an endpoint is released when all
 * of its proxies are collected. A finalizer is JavaScript the garbage collector may run at any time, including
 * while the page sits in the back/forward cache, and Chrome evicts a cached page the moment JavaScript runs in
 * it ("JavaScriptExecution"): every page with Tailor lost the instant back navigation. Tailor's worker lives as
 * long as its page, so the release the finalizers exist for never matters here.
 *
 * The build fails if comlink changes the line this relies on, so an upgrade cannot quietly bring the eviction
 * back (test/e2e/tabs.e2e.ts restores a page from the cache).
 */
import type { Plugin } from 'vite';

const FEATURE_TEST = '"FinalizationRegistry" in globalThis';

export function comlinkNoFinalizers(): Plugin {
  return {
    name: 'comlink-no-finalizers',
    transform(code, id) {
      if (!/[\\/]comlink[\\/]dist[\\/]/.test(id)) return null;
      if (!code.includes(FEATURE_TEST)) throw new Error(`comlink-no-finalizers: '${FEATURE_TEST}' is not in ${id} any more; check how this comlink version registers proxy finalizers`);
      return { code: code.replace(FEATURE_TEST, 'false'), map: null };
    },
  };
}
