/**
 * The ES-module entry for shops built as apps: `import { init } from …/tailor.mjs`.
 *
 * It installs exactly what the script tag installs — the same loader, from
 * the same origin as this module — configured from typed options instead of
 * `data-*` attributes, and resolves with the page API once it is there. Like
 * the tag, it never throws into the app: bad options are warned about and
 * replaced by safe defaults (see `parseTagConfig`).
 */
import type { ConsentMode, Locale } from '../core/config';
import type { TailorApi } from './tailor';

export type { TailorApi, ReadyState, TailorDebug } from './tailor';

/** Options of {@link init}; the same as the tag's `data-*` attributes. */
export interface InitOptions {
  site: string;
  /** Collector origin; omit to keep everything on the device. */
  endpoint?: string;
  consent?: ConsentMode;
  locale?: Locale;
  debug?: boolean;
  /** Same syntax as `data-triggers`, e.g. `exit-intent,product-dwell:20`. */
  triggers?: string;
  /** Same syntax as `data-theme`, e.g. `accent:#0b57d0;radius:8px`. */
  theme?: string;
  /** URL of tailor.js; defaults to the one beside this module. */
  src?: string;
}

/** Loads Tailor (once) and resolves with `window.tailor` when its runtime is up. */
export function init(options: InitOptions): Promise<TailorApi> {
  const w = window as unknown as { tailor?: TailorApi & { track?: unknown } };
  const existing = document.querySelector<HTMLScriptElement>('script[data-tailor-esm]');
  if (!existing) {
    const script = document.createElement('script');
    script.async = true;
    // Not `new URL('tailor.js', import.meta.url)`: the bundler would treat that as an asset to copy.
    script.src = options.src ?? `${import.meta.url.replace(/[^/]*$/, '')}tailor.js`;
    script.dataset.tailorEsm = '';
    script.dataset.site = String(options.site ?? '');
    if (options.endpoint) script.dataset.endpoint = options.endpoint;
    if (options.consent) script.dataset.consent = options.consent;
    if (options.locale) script.dataset.locale = options.locale;
    if (options.debug) script.dataset.debug = '';
    if (options.triggers) script.dataset.triggers = options.triggers;
    if (options.theme) script.dataset.theme = options.theme;
    document.head.append(script);
  }
  return new Promise((resolve) => {
    const check = () => {
      const api = w.tailor;
      if (api && typeof api.ready === 'function' && typeof api.version === 'string') void api.ready().then(() => resolve(api));
      else setTimeout(check, 10);
    };
    check();
  });
}
