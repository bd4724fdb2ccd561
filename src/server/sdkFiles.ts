/**
 * Serves the built SDK (dist/sdk) to any origin.
 *
 * Hashed chunks are immutable for a year; tailor.js itself is revalidated
 * every 5 minutes so a release reaches shops quickly. Every file is sent with
 * CORS (`*`, no credentials): the blob-trampolined worker on a shop's origin
 * imports its module cross-origin. JavaScript also carries a locked-down CSP,
 * which a module worker takes from its own response: it may only load Tailor's
 * own scripts and talk to Tailor's own origin.
 *
 * Files are sent compressed when the client accepts it (brotli, else gzip), each file compressed once per
 * version and kept in memory, so the tag's weight on the wire is what BENCHMARKS.md's gzip/brotli figures say.
 * `Timing-Allow-Origin: *` lets a merchant's own performance monitoring see Tailor's timings.
 */
import type { Hono } from 'hono';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** A content coding the server sends. */
type Coding = 'br' | 'gzip' | 'identity';

/** The client's preferred coding among br and gzip (q-values honoured, q=0 refused), else identity. */
export function chooseCoding(acceptEncoding: string | undefined): Coding {
  const offers = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((x) => /^\s*q=([0-9.]+)\s*$/.exec(x)?.[1]).find((x) => x !== undefined);
    offers.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (c: string) => offers.get(c) ?? offers.get('*') ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}

/** Compressed bodies by file, coding and modification time: each version of a file is compressed once. */
const compressed = new Map<string, Uint8Array<ArrayBuffer>>();
const MAX_CACHED = 256;

function encode(file: string, mtimeMs: number, coding: Exclude<Coding, 'identity'>, raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const key = `${coding}|${mtimeMs}|${file}`;
  const hit = compressed.get(key);
  if (hit) return hit;
  const body = new Uint8Array(coding === 'br'
    ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
    : gzipSync(raw, { level: 9 }));
  if (compressed.size >= MAX_CACHED) compressed.delete(compressed.keys().next().value!);
  compressed.set(key, body);
  return body;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

/** CSP sent on Tailor's scripts; applies when one of them is a worker's main script. */
export const WORKER_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";

/** Mounts `GET {prefix}/*` serving files from `root`. */
export function mountSdkFiles(app: Hono, prefix: string, root: string): void {
  const base = normalize(root) + sep;
  app.get(`${prefix}/*`, async (c) => {
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path.slice(prefix.length + 1));
    } catch {
      return c.json({ error: 'bad_path', message: 'the path is not valid percent-encoding' }, 400);
    }
    const file = normalize(join(base, rel));
    if (!file.startsWith(base) || rel.includes('\0')) return c.json({ error: 'not_found' }, 404);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return c.json({ error: 'not_found', path: `${prefix}/${rel}` }, 404);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    // Content-hashed names never change content; the model index points at them and must stay fresh.
    const hashed = (rel.startsWith('assets/') || rel.startsWith('models/') || rel.startsWith('wasm/')) && rel !== 'models/index.json';
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=300, must-revalidate',
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
      'Timing-Allow-Origin': '*',
      Vary: 'Accept-Encoding',
    };
    if (type.startsWith('text/javascript')) headers['Content-Security-Policy'] = WORKER_CSP;
    const raw = new Uint8Array(await readFile(file));
    const coding = raw.length >= 256 ? chooseCoding(c.req.header('Accept-Encoding')) : 'identity';
    if (coding === 'identity') return c.body(raw, 200, headers);
    return c.body(encode(file, info.mtimeMs, coding, raw), 200, { ...headers, 'Content-Encoding': coding });
  });
}
