/**
 * Errors as the store reports them in results, and the quota check that decides on recovery.
 */
import type { StoreError } from '../store';

/** Reduces anything thrown to `{ name, message }`. */
export function toStoreError(value: unknown): StoreError {
  if (value && typeof value === 'object') {
    const { name, message } = value as { name?: unknown; message?: unknown };
    return { name: typeof name === 'string' ? name : 'Error', message: String(message ?? value) };
  }
  return { name: 'Error', message: String(value) };
}

/**
 * Whether `value` is a storage-quota failure: `QuotaExceededError` per the spec, Firefox's legacy name, or a
 * DOMException with the legacy code 22 (older WebKit).
 */
export function isQuotaError(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const { name, code } = value as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22;
}
