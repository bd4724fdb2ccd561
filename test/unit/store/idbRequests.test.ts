import { describe, expect, it, vi } from 'vitest';
import { inTransaction, requestAll } from '../../../src/worker/store/lib/idbRequests';

const named = (name: string) => new DOMException(name, name);

/** A transaction double: `done` settles as told, `abort` is recorded. */
function transaction(error: DOMException | null, done: Promise<void> = error ? Promise.reject(error) : Promise.resolve()) {
  return { done, error, abort: vi.fn() };
}

describe('requestAll', () => {
  it('resolves with every result in order', async () => {
    expect(await requestAll([1, 2, 3], async (n) => n * 2)).toEqual([2, 4, 6]);
  });

  it('rejects with a synchronous throw and still observes the requests issued before it', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    const issued: Promise<number>[] = [];
    const result = requestAll([1, 2, 3], (n) => {
      if (n === 3) throw named('DataCloneError');
      const request = Promise.reject<number>(named('AbortError'));
      issued.push(request);
      return request;
    });
    await expect(result).rejects.toMatchObject({ name: 'DataCloneError' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off('unhandledRejection', unhandled);
    expect(issued).toHaveLength(2);
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe('inTransaction', () => {
  it('resolves with the result once the transaction completed', async () => {
    const tx = transaction(null);
    expect(await inTransaction(tx, async () => 7)).toBe(7);
    expect(tx.abort).not.toHaveBeenCalled();
  });

  it('aborts when the work fails, so partial writes do not commit', async () => {
    const tx = transaction(null, new Promise<void>(() => undefined));
    await expect(inTransaction(tx, async () => { throw new TypeError('bug'); })).rejects.toThrow('bug');
    expect(tx.abort).toHaveBeenCalledTimes(1);
  });

  it("reports the transaction's error when the browser aborted it (a full disk), not a request's AbortError", async () => {
    const tx = transaction(named('QuotaExceededError'));
    await expect(inTransaction(tx, async () => { throw named('AbortError'); })).rejects.toMatchObject({ name: 'QuotaExceededError' });
  });

  it('reports a failed commit', async () => {
    const tx = transaction(named('QuotaExceededError'));
    await expect(inTransaction(tx, async () => 'written')).rejects.toMatchObject({ name: 'QuotaExceededError' });
  });
});
