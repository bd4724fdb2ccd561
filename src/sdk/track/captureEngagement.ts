/**
 * Scroll-depth milestones, active dwell time and exit intent.
 *
 * Dwell is *active* time: it only runs while the tab is visible and the
 * shopper did something in the last 30 s. Exit intent fires once per page
 * view: the pointer leaving through the top edge (desktop), a fast scroll up
 * (touch devices), or the back button on a single-page shop.
 */
import { SCROLL_DEPTHS } from '../../core/events/schema';
import type { Capture } from './context';

/** Idle after this long without input: dwell pauses. */
export const IDLE_MS = 30_000;

/** Active dwell of the current page view, settled at the last input or visibility change. */
export const dwell = { activeMs: 0, runningSince: null as number | null, lastInput: 0 };

/** Live active dwell of the current page view (ms), for the offer triggers. */
export function activeDwellMs(now = performance.now()): number {
  if (dwell.runningSince === null) return dwell.activeMs;
  const end = Math.min(now, dwell.lastInput + IDLE_MS);
  return dwell.activeMs + Math.max(0, end - dwell.runningSince);
}

export const captureEngagement: Capture = (ctx) => {
  let milestones = new Set<number>();
  let exitFired = false;
  let lastInput = performance.now();
  let runningSince: number | null = document.visibilityState === 'visible' ? performance.now() : null;
  let lastScrollY = scrollY;
  let lastScrollT = performance.now();

  const mirror = () => {
    dwell.runningSince = runningSince;
    dwell.lastInput = lastInput;
  };
  const settle = (now = performance.now()) => {
    if (runningSince !== null) {
      // Count only up to the idle cut-off after the last input.
      const end = Math.min(now, lastInput + IDLE_MS);
      if (end > runningSince) dwell.activeMs += end - runningSince;
      runningSince = now - lastInput < IDLE_MS && document.visibilityState === 'visible' ? now : null;
    }
    mirror();
  };
  const onInput = () => {
    const now = performance.now();
    settle(now);
    lastInput = now;
    if (runningSince === null && document.visibilityState === 'visible') runningSince = now;
    mirror();
  };
  const flushDwell = () => {
    settle();
    if (dwell.activeMs >= 1000) ctx.emit({ name: 'dwell', props: { active_ms: Math.round(dwell.activeMs) } });
    dwell.activeMs = 0;
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flushDwell();
    else runningSince = performance.now();
    lastInput = performance.now();
    mirror();
  };
  const exit = (via: 'pointer' | 'scroll' | 'back') => {
    if (exitFired) return;
    exitFired = true;
    ctx.emit({ name: 'exit_intent', props: { via } });
  };
  const onScroll = () => {
    onInput();
    const doc = document.documentElement;
    const max = Math.max(1, doc.scrollHeight - innerHeight);
    const pct = Math.min(100, Math.round((scrollY / max) * 100));
    for (const m of SCROLL_DEPTHS) {
      if (pct >= m && !milestones.has(m)) {
        milestones.add(m);
        ctx.emit({ name: 'scroll_depth', props: { percent: m } });
      }
    }
    const now = performance.now();
    const velocity = (lastScrollY - scrollY) / Math.max(1, now - lastScrollT); // px/ms, upwards positive
    if (matchMedia('(pointer: coarse)').matches && velocity > 2.5 && scrollY < innerHeight) exit('scroll');
    lastScrollY = scrollY;
    lastScrollT = now;
  };
  const onMouseOut = (e: MouseEvent) => {
    if (!e.relatedTarget && e.clientY <= 0) exit('pointer');
  };
  const onPopState = () => exit('back');

  const inputs = ['pointerdown', 'keydown', 'mousemove', 'touchstart', 'wheel'] as const;
  for (const t of inputs) addEventListener(t, onInput, { passive: true, capture: true });
  addEventListener('scroll', onScroll, { passive: true });
  document.addEventListener('mouseout', onMouseOut);
  document.addEventListener('visibilitychange', onVisibility);
  addEventListener('popstate', onPopState);
  addEventListener('pagehide', flushDwell);
  // The old page's dwell is emitted before the new page_view, so it is attributed to the page it belongs to.
  ctx.beforePageView(flushDwell);
  ctx.onPageView(() => {
    dwell.activeMs = 0;
    milestones = new Set();
    exitFired = false;
    runningSince = document.visibilityState === 'visible' ? performance.now() : null;
    lastInput = performance.now();
    mirror();
  });
  mirror();
  return () => {
    for (const t of inputs) removeEventListener(t, onInput, { capture: true });
    removeEventListener('scroll', onScroll);
    document.removeEventListener('mouseout', onMouseOut);
    document.removeEventListener('visibilitychange', onVisibility);
    removeEventListener('popstate', onPopState);
    removeEventListener('pagehide', flushDwell);
  };
};
