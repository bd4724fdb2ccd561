/**
 * Test transport for the model loader: `fetch` over a folder (what the server does for
 * dist/sdk), recording every URL asked for, plus an in-memory Cache Storage with the semantics
 * the loader relies on (responses keyed by URL, caches listed, opened and deleted by name).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A fetch over `root` for URLs under `base`, with a log of requests and a switch to go offline. */
export interface FileFetch {
  (url: string, init?: RequestInit): Promise<Response>;
  readonly requests: string[];
  offline: boolean;
}

/** Serves files of `root` at `base` (e.g. 'https://tailor.test/sdk/'); missing files are 404. */
export function fileFetch(root: string, base: string): FileFetch {
  const requests: string[] = [];
  const f = (async (url: string) => {
    requests.push(url);
    if (f.offline) throw new TypeError('Failed to fetch');
    if (!url.startsWith(base)) return new Response('not found', { status: 404 });
    try {
      return new Response(await readFile(join(root, decodeURIComponent(url.slice(base.length)))), { status: 200 });
    } catch {
      return new Response('not found', { status: 404 });
    }
  }) as FileFetch;
  Object.assign(f, { requests, offline: false });
  return f;
}

class MemoryCache {
  readonly entries = new Map<string, { body: ArrayBuffer; status: number }>();
  async match(request: RequestInfo | URL): Promise<Response | undefined> {
    const hit = this.entries.get(String(request instanceof Request ? request.url : request));
    return hit ? new Response(hit.body.slice(0), { status: hit.status }) : undefined;
  }
  async put(request: RequestInfo | URL, response: Response): Promise<void> {
    this.entries.set(String(request instanceof Request ? request.url : request), { body: await response.arrayBuffer(), status: response.status });
  }
}

/** Cache Storage in memory; `as unknown as CacheStorage` where the loader wants one. */
export class MemoryCacheStorage {
  readonly caches = new Map<string, MemoryCache>();
  async open(name: string): Promise<MemoryCache> {
    let cache = this.caches.get(name);
    if (!cache) this.caches.set(name, (cache = new MemoryCache()));
    return cache;
  }
  async keys(): Promise<string[]> {
    return [...this.caches.keys()];
  }
  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }
  async has(name: string): Promise<boolean> {
    return this.caches.has(name);
  }
  async match(): Promise<undefined> {
    return undefined;
  }
  /** The loader's view of this object. */
  get asCacheStorage(): CacheStorage {
    return this as unknown as CacheStorage;
  }
}
