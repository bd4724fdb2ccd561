/** How the demo shop is wired to Tailor (see createShopApp). */
export interface ShopOptions {
  /** Absolute URL of tailor.js (on Tailor's origin, or same-origin path). */
  tailorScriptUrl: string;
  /** data-endpoint for the tag (Tailor collector origin). */
  endpoint: string;
  /** data-site (default 'demo'). */
  site?: string;
  /** When set, sent as the Content-Security-Policy header on every HTML page. */
  csp?: string;
  /** Extra attributes for the Tailor tag, e.g. { 'data-consent': 'required' } (tests use this). */
  tagAttributes?: Record<string, string>;
  /** Base path the shop is mounted at ('' by default), so it can also be mounted under a prefix. */
  basePath?: string;
  /**
   * The merchant's server key (`tk_server_…`): the shop's backend redeems coupons at Tailor with it. Unset, the
   * coupon box answers that coupons are unavailable. It stays on the server: pages never see it.
   */
  couponServerKey?: string;
}

/** ShopOptions after validation, with defaults filled in and URLs normalised. */
export interface ShopConfig {
  readonly tailorScriptUrl: string;
  /** Without a trailing slash, so `${endpoint}/v1/...` is always well-formed. */
  readonly endpoint: string;
  readonly site: string;
  readonly csp: string | undefined;
  readonly tagAttributes: readonly (readonly [string, string])[];
  /** '' or '/prefix' (never a trailing slash). */
  readonly basePath: string;
  readonly couponServerKey: string | undefined;
}

// The tag's own attributes come from the other options; letting tagAttributes repeat them would give the browser
// two values and make it ambiguous which one Tailor reads.
const RESERVED_TAG_ATTRIBUTES = new Set(['src', 'async', 'data-site', 'data-endpoint', 'data-locale']);
const ATTRIBUTE_NAME = /^[a-zA-Z][a-zA-Z0-9_.:-]*$/;

function isUrlOrPath(value: string): boolean {
  if (value.startsWith('/') && !value.startsWith('//')) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function requireUrl(name: string, value: unknown): string {
  if (typeof value !== 'string' || !isUrlOrPath(value)) {
    throw new TypeError(
      `'${name}' passed to 'createShopApp' must be an absolute http(s) URL or a path starting with '/', ` +
        `got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function normaliseBasePath(value: unknown): string {
  if (value === undefined || value === '' || value === '/') return '';
  if (typeof value !== 'string' || !/^(\/[A-Za-z0-9._~-]+)+\/?$/.test(value)) {
    throw new TypeError(
      `'basePath' passed to 'createShopApp' must be '' or a path like '/shop', got ${JSON.stringify(value)}`,
    );
  }
  return value.replace(/\/$/, '');
}

function normaliseTagAttributes(value: Record<string, string> | undefined): [string, string][] {
  return Object.entries(value ?? {}).map(([name, attrValue]) => {
    if (!ATTRIBUTE_NAME.test(name) || RESERVED_TAG_ATTRIBUTES.has(name.toLowerCase())) {
      throw new TypeError(
        `'tagAttributes' passed to 'createShopApp' has invalid or reserved attribute name ${JSON.stringify(name)} ` +
          `(src, async, data-site, data-endpoint and data-locale come from the other options)`,
      );
    }
    if (typeof attrValue !== 'string') {
      throw new TypeError(`'tagAttributes.${name}' passed to 'createShopApp' must be a string`);
    }
    return [name, attrValue];
  });
}

/** Validates ShopOptions and fills in defaults; throws a TypeError naming the bad option. */
export function normaliseShopOptions(opts: ShopOptions): ShopConfig {
  const site = opts.site ?? 'demo';
  if (typeof site !== 'string' || site.length === 0) {
    throw new TypeError(`'site' passed to 'createShopApp' must be a non-empty string, got ${JSON.stringify(site)}`);
  }
  if (opts.csp !== undefined && (typeof opts.csp !== 'string' || /[\r\n]/.test(opts.csp))) {
    throw new TypeError("'csp' passed to 'createShopApp' must be a single-line string");
  }
  return {
    tailorScriptUrl: requireUrl('tailorScriptUrl', opts.tailorScriptUrl),
    endpoint: requireUrl('endpoint', opts.endpoint).replace(/\/+$/, ''),
    site,
    csp: opts.csp,
    tagAttributes: normaliseTagAttributes(opts.tagAttributes),
    basePath: normaliseBasePath(opts.basePath),
    couponServerKey: opts.couponServerKey,
  };
}
