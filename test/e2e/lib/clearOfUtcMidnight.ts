/**
 * Waits, when needed, until the next UTC midnight is at least `marginMs` away, and returns the UTC day number.
 *
 * A test that seeds reports by UTC day and then reads what the server counts for "today" and the days before
 * would see every day shift by one if midnight passed between the two steps. The server's clock is real (it
 * has no test hook), so the test steps out of the way of midnight instead of depending on the moment it runs.
 */
import { utcDay } from '../../../src/core/privacy';

const DAY_MS = 86_400_000;

export async function clearOfUtcMidnight(marginMs = 120_000): Promise<number> {
  const untilMidnight = DAY_MS - (Date.now() % DAY_MS);
  if (untilMidnight < marginMs) await new Promise((resolve) => setTimeout(resolve, untilMidnight + 1000));
  return utcDay(Date.now());
}
