/**
 * The JSON error shape of the `/v1` API: `{error: 'code', message: 'human text'}`.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Responds with status `status` and `{error, message}`; never cached. */
export function problem(c: Context, status: ContentfulStatusCode, error: string, message: string, headers: Record<string, string> = {}): Response {
  return c.json({ error, message }, status, { 'Cache-Control': 'no-store', ...headers });
}
