/**
 * The page's wall clock, from the navigation's time origin plus the monotonic `performance.now()`, both captured
 * when Tailor's code first runs. A page that fakes `Date.now` (test shims, time-travel widgets, a theme's
 * countdown hack) therefore does not move Tailor's timestamps: with `Date.now` moved by +48 h every event was
 * rejected as from the future, and −24 h showed an offer "expiring in 24:30:00". What the device's own clock
 * gets wrong the worker corrects (api.ts, `ingest`'s `sentAt`).
 */
const perf = typeof performance !== 'undefined' && typeof performance.now === 'function' && Number.isFinite(performance.timeOrigin) ? performance : null;
const monotonic = perf ? perf.now.bind(perf) : null;
const origin = perf ? perf.timeOrigin : 0;
const wall = Date.now.bind(Date);

/** Milliseconds since the epoch, unaffected by the page redefining `Date.now` after Tailor loaded. */
export function pageClock(): number {
  return monotonic ? Math.round(origin + monotonic()) : wall();
}
