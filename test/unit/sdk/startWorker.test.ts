/**
 * How the worker is started: directly on Tailor's own origin (a strict `worker-src 'self'` CSP allows nothing
 * else), through a blob trampoline elsewhere — one that imports the worker's chunks beside the worker module, so
 * none of them waits for the worker to arrive first.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startWorker } from '../../../src/sdk/lib/startWorker';

const started: { url: string; options: WorkerOptions }[] = [];
const blobs = new Map<string, Blob>();

beforeEach(() => {
  started.length = 0;
  vi.stubGlobal('location', { href: 'https://shop.example/p/1', origin: 'https://shop.example' });
  vi.stubGlobal('Worker', class {
    constructor(url: string | URL, options: WorkerOptions) {
      started.push({ url: String(url), options });
    }
  });
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:https://shop.example/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void blobs.delete(url));
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  blobs.clear();
});

describe('startWorker', () => {
  it('starts a module worker from the URL itself on the same origin', () => {
    startWorker('https://shop.example/sdk/assets/worker-a.js', 'https://shop.example', ['https://shop.example/sdk/assets/chunk-b.js']);
    expect(started).toEqual([{ url: 'https://shop.example/sdk/assets/worker-a.js', options: { type: 'module', name: 'tailor' } }]);
    expect(blobs.size).toBe(0);
  });

  it("imports the worker's chunks beside the worker module from a blob on another origin, and frees the blob", async () => {
    const { release } = startWorker('https://cdn.tailor.example/sdk/assets/worker-a.js', 'https://shop.example', [
      'https://cdn.tailor.example/sdk/assets/chunk-b.js',
      './chunk-c.js', // relative: to the worker's URL, as its own imports are
    ]);
    expect(started).toHaveLength(1);
    const source = await blobs.get(started[0]!.url)!.text();
    expect(source.split('\n')).toEqual([
      'import "https://cdn.tailor.example/sdk/assets/chunk-b.js";',
      'import "https://cdn.tailor.example/sdk/assets/chunk-c.js";',
      'import "https://cdn.tailor.example/sdk/assets/worker-a.js";',
    ]);
    release();
    expect(blobs.size).toBe(0);
  });
});
