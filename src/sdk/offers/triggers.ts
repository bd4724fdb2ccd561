/**
 * When to ask the worker for a decision. Triggers are OR'd (any one fires a
 * request), as OptiMonk does; conditions are AND'd and live in the worker's
 * policy (excluded pages, caps, cool-down, holdout…), so a trigger never
 * shows anything by itself.
 */
import type { Trigger } from '../../worker/protocol';

import type { TriggerSettings } from '../../core/config';
import { pageClock } from '../lib/pageClock';

/** Which triggers are on, and their thresholds (from the tag's `data-triggers`). */
export type TriggerConfig = TriggerSettings;

/** What the trigger watcher needs from the tracker. */
export interface TriggerSources {
  /** Current page type. */
  pageType(): string;
  /** Active dwell of the current page view (ms). */
  activeDwellMs(): number;
  /** Registers a listener for tracked event names. */
  onEvent(fn: (name: string) => void): void;
}

/** Starts watching; `fire` is called with each trigger as it happens. Returns the stop function. */
export function watchTriggers(config: TriggerConfig, sources: TriggerSources, fire: (t: Trigger) => void): () => void {
  const timers: ReturnType<typeof setInterval>[] = [];
  let dwellFired = false;
  let lastInput = pageClock();
  sources.onEvent((name) => {
    if (name === 'exit_intent' && config.exitIntent) fire('exit_intent');
    if (name === 'page_view') dwellFired = false;
  });
  if (config.productDwellMs > 0) {
    timers.push(
      setInterval(() => {
        if (!dwellFired && sources.pageType() === 'product' && sources.activeDwellMs() >= config.productDwellMs) {
          dwellFired = true;
          fire('product_dwell');
        }
      }, 1000),
    );
  }
  const onInput = () => (lastInput = pageClock());
  if (config.idleCartMs > 0) {
    for (const t of ['pointerdown', 'keydown', 'scroll', 'touchstart'] as const) addEventListener(t, onInput, { passive: true, capture: true });
    timers.push(
      setInterval(() => {
        if (document.visibilityState === 'visible' && pageClock() - lastInput >= config.idleCartMs) {
          lastInput = pageClock();
          fire('idle_cart');
        }
      }, 1000),
    );
  }
  if (config.returnVisit) setTimeout(() => fire('return_visit'), 0);
  return () => {
    timers.forEach(clearInterval);
    for (const t of ['pointerdown', 'keydown', 'scroll', 'touchstart'] as const) removeEventListener(t, onInput, { capture: true });
  };
}
