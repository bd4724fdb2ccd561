/**
 * Reading and validating a JSON request body, with errors that name the field.
 */
import type { Context } from 'hono';
import type { z } from 'zod';

/** The parsed body, or the message of a 400 `bad_request`. */
export type BodyResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses `c`'s body as JSON and validates it with `schema`; the first issue becomes "'field' must …". */
export async function readBody<T>(c: Context, schema: z.ZodType<T>): Promise<BodyResult<T>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    return { ok: false, message: 'the request body must be a JSON object' };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue === undefined || issue.path.length === 0) return { ok: false, message: 'the request body must be a JSON object' };
  const field = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
  return { ok: false, message: `'${field}' ${issue.message}` };
}
