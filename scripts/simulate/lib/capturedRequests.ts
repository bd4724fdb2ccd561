/**
 * Records every request a browser context makes to Tailor's `/v1` API, from
 * the page or from Tailor's worker (Playwright sees both), with the exact
 * body and headers, and whether it failed on the network. The shop's own
 * coupon call at checkout goes to the shop's own backend (which redeems server to server) and is not captured.
 */
import type { BrowserContext, Request } from 'playwright-core';

/** One request Tailor made. */
export interface CapturedRequest {
  method: string;
  url: string;
  /** Path on the collector, e.g. `/v1/reports`. */
  path: string;
  body: string | null;
  /** All request headers as sent (resolved once the request is on its way). */
  headers: Promise<Record<string, string>>;
  /** True once the request failed on the network (aborted, refused). */
  failed: boolean;
}

/** Starts recording on `context`; read the returned array at any time. */
export function captureTailorRequests(context: BrowserContext, tailorUrl: string): CapturedRequest[] {
  const captured: CapturedRequest[] = [];
  const byRequest = new Map<Request, CapturedRequest>();
  const isTailors = (r: Request) => r.url().startsWith(`${tailorUrl}/v1/`) && new URL(r.url()).pathname !== '/v1/coupons/redeem';
  context.on('request', (r) => {
    if (!isTailors(r)) return;
    const entry: CapturedRequest = { method: r.method(), url: r.url(), path: new URL(r.url()).pathname, body: r.postData(), headers: r.allHeaders(), failed: false };
    byRequest.set(r, entry);
    captured.push(entry);
  });
  context.on('requestfailed', (r) => {
    const entry = byRequest.get(r);
    if (entry) entry.failed = true;
  });
  return captured;
}

/** Bytes a request puts on the wire above TCP: request line, headers and body (HTTP/1.1 framing). */
export async function requestBytes(request: CapturedRequest): Promise<number> {
  const headers = await request.headers;
  const target = new URL(request.url);
  let bytes = Buffer.byteLength(`${request.method} ${target.pathname}${target.search} HTTP/1.1\r\n`);
  for (const [name, value] of Object.entries(headers)) if (!name.startsWith(':')) bytes += Buffer.byteLength(`${name}: ${value}\r\n`);
  return bytes + 2 + (request.body === null ? 0 : Buffer.byteLength(request.body));
}
