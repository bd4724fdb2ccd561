/** The collector's error body: `{error: code, message, field?}`, as in src/server/app.ts. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Sends a JSON error. */
export function jsonError(c: Context, status: ContentfulStatusCode, error: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return c.json({ error, message, ...extra }, status, { 'Cache-Control': 'no-store', ...headers });
}
