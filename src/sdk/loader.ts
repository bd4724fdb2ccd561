/**
 * tailor.js — the one file a merchant's tag loads.
 *
 * A classic script, safe with `async`: it reads its own `data-*` attributes,
 * installs `window.tailor`, replays calls queued before it arrived, and starts
 * the worker when the page is idle. Nothing here may throw into the page.
 */
import { parseTagConfig } from '../core/config';
import { log } from '../core/logger';
import { createTailor, replay } from './tailor';
import { takeQueuedCalls } from './lib/replayQueue';

/** Injected at build time: the worker chunk's path relative to tailor.js. */
declare const __TAILOR_WORKER__: string;

function main(): void {
  const w = window as unknown as { tailor?: unknown };
  // A second copy of the tag must not start a second worker.
  if (w.tailor && typeof (w.tailor as { ready?: unknown }).ready === 'function' && 'version' in (w.tailor as object)) {
    log.warn('tailor.js loaded twice; the second copy does nothing');
    return;
  }
  const script = findOwnScript();
  const src = script?.src || location.href;
  const { config, warnings } = parseTagConfig({ ...(script?.dataset ?? {}) }, document.documentElement.lang);
  if (config.debug) log.level = 'debug';
  for (const warning of warnings) log.warn(warning);

  const queued = takeQueuedCalls(w.tailor);
  const api = createTailor({
    config,
    log,
    workerUrl: new URL(__TAILOR_WORKER__, src).href,
    sdkBase: new URL('.', src).href,
  });
  w.tailor = api;
  for (const call of queued) replay(api, call, log);
}

function findOwnScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // Some script loaders strip currentScript; fall back to the tag by file name.
  return document.querySelector<HTMLScriptElement>('script[src*="tailor.js"]');
}

try {
  main();
} catch (error) {
  log.error('failed to start; the page is unaffected:', error);
}
