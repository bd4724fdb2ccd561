/**
 * Event ids: 32 hex characters, the first 8 a per-page sequence number and
 * the rest 96 random bits. Ids make writes idempotent (a retried flush or a
 * second tab never duplicates), and the sequence keeps events of the same
 * millisecond in the order they happened, since the store orders by
 * `(ts, id)`. They are local and never leave the device. `crypto.randomUUID`
 * needs a secure context, so this uses `getRandomValues`, which works on
 * plain-http shops too.
 */
let sequence = 0;

export function newId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  let out = (sequence++ >>> 0).toString(16).padStart(8, '0');
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
