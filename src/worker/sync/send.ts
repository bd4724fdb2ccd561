/**
 * The one function in Tailor that sends anything over the network.
 *
 * Every request goes to the configured collector only, without cookies and
 * without a Referer (the collector must not learn which page the shopper is
 * on), and is appended to a bounded local outbound log that the audit view
 * shows: a shopper can see every byte that ever left the device.
 *
 * Manners: every request is cut off after {@link SEND_TIMEOUT_MS} (a slow collector must not hold an offer or a
 * page hide), and a `Retry-After` on a 429 or 503 pauses every request to the collector until then — kept in the
 * store, so other pages and tabs wait too — instead of each caller retrying on its own schedule.
 */
import type { Store } from '../store/store';

/** Default time a request may take before it is aborted. */
export const SEND_TIMEOUT_MS = 8000;
/** The `meta` key of the collector's requested pause (`{ until }`, epoch ms). */
export const COLLECTOR_PAUSE_KEY = 'collector-pause';
/** A `Retry-After` longer than this is capped: a misconfigured proxy must not silence a device for weeks. */
export const MAX_PAUSE_MS = 24 * 60 * 60 * 1000;

/** Milliseconds a `Retry-After` value asks for (delta seconds or an HTTP date), or null when unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(MAX_PAUSE_MS, Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.min(MAX_PAUSE_MS, Math.max(0, at - now)) : null;
}

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
  /** Abort a request after this long (default {@link SEND_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** Told every answer's `Date` header with the request's start and end on `now` (the device-clock check). */
  onServerDate?: (dateHeader: string | null, sentAt: number, receivedAt: number) => void;
}

/**
 * Sends one request to the collector; resolves with the Response, or rejects on network failure, on a timeout,
 * or without any request while the collector's `Retry-After` pause lasts.
 */
export async function send(deps: SendDeps, method: 'GET' | 'POST', path: string, body: unknown, init: { keepalive?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
  if (!path.startsWith('/v1/')) throw new TypeError(`'path' passed to 'send' must start with /v1/, got ${JSON.stringify(path)}`);
  const now = (deps.now ?? Date.now)();
  const pause = await deps.store?.getMeta<{ until: number }>(COLLECTOR_PAUSE_KEY).catch(() => undefined);
  if (pause && pause.until > now) throw new Error(`the collector asked to wait until ${new Date(pause.until).toISOString()} (Retry-After); nothing sent`);
  const text = body === undefined ? null : JSON.stringify(body);
  const entry: OutboundEntry = { ts: now, method, path, body: text, status: null };
  const timeoutMs = deps.timeoutMs ?? SEND_TIMEOUT_MS;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`no answer from the collector within ${timeoutMs} ms`)), timeoutMs);
  try {
    const response = await (deps.fetch ?? fetch)(`${deps.endpoint}${path}`, {
      method,
      ...(text !== null ? { body: text } : {}),
      headers: { ...(text !== null ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      keepalive: init.keepalive ?? false,
      signal: abort.signal,
    });
    entry.status = response.status;
    try {
      deps.onServerDate?.(response.headers.get('Date'), now, (deps.now ?? Date.now)());
    } catch {
      // The clock check is advisory; it never fails a send.
    }
    const wait = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get('Retry-After'), now) : null;
    if (wait !== null && wait > 0) await deps.store?.setMeta(COLLECTOR_PAUSE_KEY, { until: now + wait }).catch(() => {});
    return response;
  } catch (error) {
    const reason = abort.signal.aborted ? abort.signal.reason : error;
    entry.error = reason instanceof Error ? reason.message : String(reason);
    throw reason instanceof Error ? reason : error;
  } finally {
    clearTimeout(timer);
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
