/**
 * A random 128-bit id as 32 hex digits. `crypto.getRandomValues` rather than `crypto.randomUUID`, because the
 * latter only exists in secure contexts and a merchant's page (hence its worker) may be served over plain http.
 */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
