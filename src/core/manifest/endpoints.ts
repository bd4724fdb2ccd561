/**
 * Every request Tailor can send to the collector. The worker's sync module (`src/worker/sync/send.ts`) is the
 * only code allowed to use the network (an ESLint rule), and test/unit/manifest/endpoints.test.ts reads every
 * `'/v1/…'` literal in src/worker/sync and checks it is declared here with the same method, checks each
 * declared endpoint is a route of the server, and checks the coupon-book body and the transport options
 * against what `send` really does.
 */

/** How every request is made (see `send`): no cookies, no Referer, no HTTP cache. */
export const TRANSPORT = {
  credentials: 'omit',
  referrerPolicy: 'no-referrer',
  cache: 'no-store',
  contentType: 'application/json',
} as const;

/** One collector endpoint. */
export interface EndpointSpec {
  method: 'GET' | 'POST';
  path: string;
  /** When it is called, and under which consent. */
  when: string;
  /** Top-level fields of the JSON body (none for GET). */
  body: readonly string[];
  /** Query parameters. */
  query: readonly string[];
  /** What the collector can learn from it. */
  reveals: string;
}

/** The collector endpoints a device calls (nothing else leaves the device). */
export const ENDPOINTS: readonly EndpointSpec[] = [
  {
    method: 'POST',
    path: '/v1/coupons/book',
    when: 'in a sync round (every consented device, holdout included) or before an offer, whenever no book with more than an hour of validity is cached (sync consent needed)',
    body: ['site', 'tiers'],
    query: [],
    reveals: 'that some device of this shop runs Tailor with sync consent and holds no fresh book; every consented device fetches one (holdout included), and the book holds every tier, so neither whether nor which offer is shown',
  },
  {
    method: 'POST',
    path: '/v1/reports',
    when: "after an offer's outcome window closes, in batches, within the privacy budget (sync consent needed)",
    body: ['site', 'reports'],
    query: [],
    reveals: 'noised, categorical reports (see the report fields): no identifier, no URL, no product, day-level time only',
  },
  {
    method: 'POST',
    path: '/v1/measurements',
    when: "on the central channel only (the collector serves `cells`): after a decision's outcome window closes, at most one a device per week (the contribution bound), in batches (sync consent needed)",
    body: ['site', 'measurements'],
    query: [],
    reveals: 'one entry of the (cell × arm × bought) measurement per report (see the measurement fields), which the collector only adds to its batch; what anyone learns is the batch released once with discrete Gaussian noise',
  },
  {
    method: 'GET',
    path: '/v1/config',
    when: 'to refresh the policy configuration (sync consent needed)',
    body: [],
    query: ['site'],
    reveals: 'that some device of this shop is running Tailor',
  },
];

/** The endpoint declared for `method` and `path` (query string ignored), or undefined. */
export function findEndpoint(method: string, path: string): EndpointSpec | undefined {
  const bare = path.split('?')[0];
  return ENDPOINTS.find((e) => e.method === method && e.path === bare);
}
