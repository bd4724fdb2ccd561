import { describe, expect, it } from 'vitest';
import { toWireError } from '../../../src/worker/protocol';
import { createWorkerApi } from '../../../src/worker/api';

describe('toWireError', () => {
  it('keeps only name and message', () => {
    const e = new RangeError('out of range');
    expect(toWireError(e)).toEqual({ name: 'RangeError', message: 'out of range' });
    expect(Object.keys(toWireError(e))).toEqual(['name', 'message']);
    expect(toWireError({ name: 'X', message: 'y', stack: 'secret' })).toEqual({ name: 'X', message: 'y' });
    expect(toWireError('plain')).toEqual({ name: 'Error', message: 'plain' });
  });
});

describe('worker api', () => {
  it('reports health and counts ingested events', async () => {
    const api = createWorkerApi();
    expect((await api.health()).initialised).toBe(false);
    await api.init({ config: { site: 's', endpoint: null, consent: 'granted', locale: 'en', debug: false }, sdkBase: 'http://x/sdk/' });
    expect(await api.ingest([{ name: 'a', props: {}, ts: 1 }])).toBe(1);
    const health = await api.health();
    expect(health).toMatchObject({ ok: true, initialised: true, eventsReceived: 1 });
  });

  it('names the argument and the function on bad input', async () => {
    const api = createWorkerApi();
    await expect(api.ingest('x' as never)).rejects.toThrow("'events' passed to 'ingest' must be an array");
    await expect(api.init(null as never)).rejects.toThrow("'init' passed to 'init'");
  });
});
