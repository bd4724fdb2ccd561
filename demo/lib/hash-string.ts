/**
 * 32-bit FNV-1a hash of a string. Used to derive stable colours and shapes for product images from the product id,
 * so an image never changes between requests or deployments.
 */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
