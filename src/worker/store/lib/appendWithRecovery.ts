/**
 * The public side of an append: input checks, the result shape, and the one recovery from a full quota.
 */
import type { StoredEvent, StoredEventInput } from '../schema';
import type { AppendResult, RetentionResult } from '../store';
import { prepareBatch } from './appendBatch';
import { isQuotaError, toStoreError } from './storeError';

/** Share of the events kept by the retention sweep that follows a quota error (the oldest 20 % go). */
export const QUOTA_RECOVERY_KEEP = 0.8;

/**
 * Validates `input`, runs `append` and never throws. On a quota error, runs `recover` (a retention sweep down
 * to {@link QUOTA_RECOVERY_KEEP} of the events) and retries once; a second failure is reported in the result.
 */
export async function appendWithRecovery(
  input: unknown,
  append: (events: StoredEventInput[]) => Promise<{ written: StoredEvent[]; duplicates: number }>,
  recover: () => Promise<RetentionResult>,
): Promise<AppendResult> {
  if (!Array.isArray(input)) {
    const message = "'events' passed to 'appendEvents' must be an array of events";
    return { written: 0, duplicates: 0, rejected: 0, error: { name: 'TypeError', message } };
  }
  const batch = prepareBatch(input);
  const base = { duplicates: batch.duplicates, rejected: batch.rejected };
  if (batch.events.length === 0) return { written: 0, ...base };
  const attempt = async (): Promise<AppendResult> => {
    const { written, duplicates } = await append(batch.events);
    return { written: written.length, duplicates: base.duplicates + duplicates, rejected: base.rejected, stored: written };
  };

  try {
    return await attempt();
  } catch (error) {
    if (!isQuotaError(error)) return { written: 0, ...base, error: toStoreError(error) };
    let quotaRecovery: RetentionResult;
    try {
      quotaRecovery = await recover();
    } catch {
      return { written: 0, ...base, error: toStoreError(error) };
    }
    try {
      return { ...(await attempt()), quotaRecovery };
    } catch (retryError) {
      return { written: 0, ...base, quotaRecovery, error: toStoreError(retryError) };
    }
  }
}
