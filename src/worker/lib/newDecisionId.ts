/** A random decision id (32 hex). Decision ids stay on the device; reports never carry them. */
export function newDecisionId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
