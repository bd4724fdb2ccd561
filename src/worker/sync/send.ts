/**
 * The one function in Tailor that sends anything over the network.
 *
 * Every request goes to the configured collector only, without cookies and
 * without a Referer (the collector must not learn which page the shopper is
 * on), and is appended to a bounded local outbound log that the audit view
 * shows: a shopper can see every byte that ever left the device.
 */
import type { Store } from '../store/store';

/** The `meta` key of the outbound log. */
export const OUTBOUND_LOG_KEY = 'outbound-log';
/** Entries kept in the outbound log (oldest dropped first). */
export const OUTBOUND_LOG_MAX = 200;

/** One logged request. */
export interface OutboundEntry {
  ts: number;
  method: 'GET' | 'POST';
  /** Path on the collector, e.g. `/v1/reports`. */
  path: string;
  /** The exact body sent, or null. */
  body: string | null;
  status: number | null;
  error?: string;
}

/** What {@link send} needs. */
export interface SendDeps {
  endpoint: string;
  store: Store | null;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Sends one request to the collector; resolves with the Response, or rejects on network failure. */
export async function send(deps: SendDeps, method: 'GET' | 'POST', path: string, body: unknown, init: { keepalive?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
  if (!path.startsWith('/v1/')) throw new TypeError(`'path' passed to 'send' must start with /v1/, got ${JSON.stringify(path)}`);
  const text = body === undefined ? null : JSON.stringify(body);
  const entry: OutboundEntry = { ts: (deps.now ?? Date.now)(), method, path, body: text, status: null };
  try {
    const response = await (deps.fetch ?? fetch)(`${deps.endpoint}${path}`, {
      method,
      ...(text !== null ? { body: text } : {}),
      headers: { ...(text !== null ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      keepalive: init.keepalive ?? false,
    });
    entry.status = response.status;
    return response;
  } catch (error) {
    entry.error = error instanceof Error ? error.message : String(error);
    throw error;
  } finally {
    await appendLog(deps.store, entry);
  }
}

async function appendLog(store: Store | null, entry: OutboundEntry): Promise<void> {
  if (!store) return;
  try {
    const log = (await store.getMeta<OutboundEntry[]>(OUTBOUND_LOG_KEY)) ?? [];
    log.push(entry);
    await store.setMeta(OUTBOUND_LOG_KEY, log.slice(-OUTBOUND_LOG_MAX));
  } catch {
    // The log is for audit; failing to write it must not fail the send.
  }
}
