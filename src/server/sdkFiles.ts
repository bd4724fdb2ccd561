/**
 * Serves the built SDK (dist/sdk) to any origin.
 *
 * Hashed chunks are immutable for a year; tailor.js itself is revalidated
 * every 5 minutes so a release reaches shops quickly. Every file is sent with
 * CORS (`*`, no credentials): the blob-trampolined worker on a shop's origin
 * imports its module cross-origin. JavaScript also carries a locked-down CSP,
 * which a module worker takes from its own response: it may only load Tailor's
 * own scripts and talk to Tailor's own origin.
 */
import type { Hono } from 'hono';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

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
    const rel = decodeURIComponent(c.req.path.slice(prefix.length + 1));
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
    };
    if (type.startsWith('text/javascript')) headers['Content-Security-Policy'] = WORKER_CSP;
    return c.body(new Uint8Array(await readFile(file)), 200, headers);
  });
}
