/**
 * tailor.js — the one file a merchant's tag loads.
 *
 * A tiny classic script, safe with `async`: it reads its own `data-*`
 * attributes, installs a buffering `window.tailor`, and imports the runtime
 * chunk (tracker + worker client) from its own origin. Calls made before —
 * queued by the merchant, or made on the buffering API — are replayed in order
 * once the runtime is up. Nothing here may throw into the page.
 */
import { parseTagConfig } from '../core/config';
import { log } from '../core/logger';
import { VERSION } from '../core/version';
import { takeQueuedCalls, type QueuedCall } from './lib/replayQueue';
import { EARLY_CALLS_KEY, dropEarly, saveEarly, takeEarly } from './lib/earlyBuffer';
import type { RuntimeModule, TailorApi } from './runtime';

/** Injected at build time: chunk paths relative to tailor.js, and the chunks each entry imports statically. */
declare const __TAILOR_WORKER__: string;
declare const __TAILOR_WORKER_DEPS__: string[];
declare const __TAILOR_RUNTIME__: string;
declare const __TAILOR_RUNTIME_DEPS__: string[];

function main(): void {
  const w = window as unknown as { tailor?: unknown };
  const existing = w.tailor as { version?: unknown } | undefined;
  // A second copy of the tag must not start a second runtime.
  if (existing && typeof existing === 'object' && existing.version === VERSION) {
    log.warn('tailor.js loaded twice; the second copy does nothing');
    return;
  }
  const script = findOwnScript();
  const src = script?.src || location.href;
  const { config, warnings } = parseTagConfig({ ...(script?.dataset ?? {}) }, document.documentElement.lang);
  if (config.debug) log.level = 'debug';
  for (const warning of warnings) log.warn(warning);

  // Calls an earlier page queued before its runtime came up (earlyBuffer.ts) run first, then this page's.
  const queue: QueuedCall[] = [...takeEarly<QueuedCall>(EARLY_CALLS_KEY), ...takeQueuedCalls(w.tailor)];
  // Until the runtime is up, a hiding page saves what the runtime would have read (earlyBuffer.ts).
  const pageId = Math.random().toString(36).slice(2);
  const onHide = () => {
    if (!real) saveEarly(pageId, queue);
  };
  addEventListener('pagehide', onHide, { capture: true });
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && onHide(), { capture: true });
  let real: TailorApi | null = null;
  const waiting: ((api: TailorApi | null) => void)[] = [];
  const settle = (api: TailorApi | null) => waiting.splice(0).forEach((fn) => fn(api));

  // Until the runtime arrives, every call is queued; afterwards it is forwarded.
  const call = (method: string) => (...args: unknown[]) => {
    if (real) return (real as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args);
    queue.push([method, ...args]);
    return undefined;
  };
  // Promise-returning methods called early wait for the runtime (null if it never comes).
  const later = (method: 'audit' | 'exportData' | 'forget' | 'openAudit') => (...args: unknown[]) => {
    const run = (r: TailorApi) => (r[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    return real ? run(real) : new Promise((resolve) => waiting.push((r) => resolve(r ? run(r) : null)));
  };
  const api: Record<string, unknown> = {
    version: VERSION,
    track: call('track'),
    consent: call('consent'),
    push: (...calls: unknown[]) => {
      if (real) return real.push(...calls);
      for (const c of calls) if (Array.isArray(c)) queue.push(c as QueuedCall);
      return calls.length;
    },
    ready: () =>
      real
        ? real.ready()
        : new Promise((resolve) => waiting.push((r) => resolve(r ? r.ready() : { ok: false, reason: 'runtime failed to load' }))),
    audit: later('audit'),
    exportData: later('exportData'),
    forget: later('forget'),
    openAudit: later('openAudit'),
  };
  w.tailor = api;

  const runtimeUrl = new URL(__TAILOR_RUNTIME__, src).href;
  // The runtime's own imports are requested with it, not after it has arrived and been parsed: one round trip.
  for (const dep of __TAILOR_RUNTIME_DEPS__) import(/* @vite-ignore */ new URL(dep, src).href).catch(() => {});
  import(/* @vite-ignore */ runtimeUrl)
    .then((mod: RuntimeModule) => {
      // This page is up after all: what it saved while hidden is read from its own dataLayer and queue now.
      dropEarly(pageId);
      const workerDeps = __TAILOR_WORKER_DEPS__.map((dep) => new URL(dep, src).href);
      real = mod.start({ config, log, workerUrl: new URL(__TAILOR_WORKER__, src).href, workerDeps, sdkBase: new URL('.', src).href }, queue);
      // Keep the object identity merchants may have captured; swap in the real methods.
      for (const [key, value] of Object.entries(real)) if (key !== 'version') api[key] = value;
      settle(real);
    })
    .catch((error: unknown) => {
      log.warn('runtime failed to load; no offers on this page:', error);
      settle(null);
    });
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
