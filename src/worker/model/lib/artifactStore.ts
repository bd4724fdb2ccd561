/**
 * Fetches model artifacts through Cache Storage, one cache per model version
 * (`tailor-model-v<version>`). Artifact URLs are content-hashed, so a cached response is valid
 * forever and a new model means a new cache; older caches are deleted once the new model has
 * loaded and validated. Where Cache Storage is missing (insecure context) or refuses (private
 * modes), plain fetch takes over and the reason is kept for diagnostics.
 */
import type { ModelStorage } from '../diagnostics';

/** Prefix of every cache the runtime creates; nothing else in the origin's caches is touched. */
export const CACHE_PREFIX = 'tailor-model-v';

/** The subset of `fetch` the store uses (tests pass one that reads files). */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** An open store for one model version. */
export interface ArtifactStore {
  /** The response for `url`: from the cache, else from the network (then cached). Throws on HTTP errors. */
  get(url: string): Promise<Response>;
  /** Storage facts so far; `hit` stays true until something had to be downloaded. */
  storage(): ModelStorage;
  /** Keeps `response` under `url` (the index, for offline starts) and deletes other versions' caches. */
  commit(url: string, response: Response): Promise<void>;
  /** Deletes this version's cache (it did not validate). */
  discard(): Promise<void>;
}

/** Cache name of a model version. */
export function cacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}

async function fetchOk(fetchImpl: FetchLike, url: string, init?: RequestInit): Promise<Response> {
  const response = await fetchImpl(url, init);
  if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
  return response;
}

/** Opens the store for `version`; never throws (falls back to plain fetch). */
export async function openArtifactStore(version: string, fetchImpl: FetchLike, caches: CacheStorage | null): Promise<ArtifactStore> {
  const name = cacheName(version);
  let cache: Cache | null = null;
  let reason: string | undefined = caches ? undefined : 'Cache Storage is not available in this context';
  if (caches) {
    try {
      cache = await caches.open(name);
    } catch (error) {
      reason = `Cache Storage refused to open: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  let hit = true;
  return {
    async get(url) {
      const cached = cache ? await cache.match(url).catch(() => undefined) : undefined;
      if (cached) return cached;
      hit = false;
      const response = await fetchOk(fetchImpl, url);
      // A failed put (quota) costs a download next time, never this load.
      if (cache) await cache.put(url, response.clone()).catch(() => undefined);
      return response;
    },
    storage: () => (cache ? { kind: 'cache-storage', cacheName: name, hit } : { kind: 'network', hit: false, ...(reason ? { reason } : {}) }),
    async commit(url, response) {
      if (!cache || !caches) return;
      await cache.put(url, response).catch(() => undefined);
      const names = await caches.keys().catch(() => [] as string[]);
      await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== name).map((n) => caches.delete(n).catch(() => false)));
    },
    async discard() {
      if (cache && caches) await caches.delete(name).catch(() => false);
    },
  };
}

/**
 * The index as last committed, for starting offline: a network failure on index.json should
 * not cost the shopper a model that is sitting in the cache.
 */
export async function cachedIndex(caches: CacheStorage | null, url: string): Promise<Response | null> {
  if (!caches) return null;
  try {
    for (const name of await caches.keys()) {
      if (!name.startsWith(CACHE_PREFIX)) continue;
      const hit = await (await caches.open(name)).match(url);
      if (hit) return hit;
    }
  } catch {
    // Cache Storage unusable: same as empty.
  }
  return null;
}

/** Fetches `url` bypassing the HTTP cache's freshness (the index must be revalidated). */
export function fetchFresh(fetchImpl: FetchLike, url: string): Promise<Response> {
  return fetchOk(fetchImpl, url, { cache: 'no-cache' });
}
