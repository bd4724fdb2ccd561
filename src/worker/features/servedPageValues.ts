/**
 * The page-value table the server last served (`pageValues` in the cached `GET /v1/config`), for the feature
 * source. Read from the store's cache, never from the network: features stay offline, and only the sync module
 * talks to the collector. Parsed once per fetched config; an invalid table is no table.
 */
import { pageValueTableOrNull, type PageValueTable } from '../../core/pageValues';
import type { Store } from '../store/store';
import { POLICY_CONFIG_KEY, type CachedConfig } from '../sync/policyConfigKey';

/** A reader of the served table that re-parses only when a newer config was cached. */
export function servedPageValues(store: () => Promise<Store>): () => Promise<PageValueTable | null> {
  let memo: { fetchedAt: number; table: PageValueTable | null } | null = null;
  return async () => {
    const cached = await (await store()).getMeta<CachedConfig<{ pageValues?: unknown }>>(POLICY_CONFIG_KEY);
    if (!cached) return null;
    if (memo?.fetchedAt !== cached.fetchedAt) memo = { fetchedAt: cached.fetchedAt, table: pageValueTableOrNull(cached.snapshot?.pageValues) };
    return memo.table;
  };
}
