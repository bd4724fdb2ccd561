/**
 * The tag configuration: what a merchant writes as `data-*` attributes on the
 * one `<script>` tag, validated into a typed object.
 *
 * Validation never throws: a typo in a merchant's tag must not break the page.
 * Bad values are replaced by safe defaults and reported as warnings, which the
 * loader prints once through the logger.
 */

/** Consent mode from `data-consent`. */
export type ConsentMode = 'granted' | 'required';

/** UI locales Tailor ships strings for. */
export type Locale = 'en' | 'zh-CN';

/** Supported locales, in order of preference for fallback. */
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/** When the page asks for an offer (triggers are OR'd; the policy's guardrails are AND'd). */
export interface TriggerSettings {
  exitIntent: boolean;
  /** Active dwell on a product page before asking (ms); 0 = off. */
  productDwellMs: number;
  /** No input for this long with a cart (ms); 0 = off. */
  idleCartMs: number;
  returnVisit: boolean;
}

/** Every trigger on: exit intent, 30 s on a product page, 60 s idle with a cart, return visits. */
export const DEFAULT_TRIGGERS: Readonly<TriggerSettings> = Object.freeze({ exitIntent: true, productDwellMs: 30_000, idleCartMs: 60_000, returnVisit: true });

/** Validated configuration of one Tailor installation. */
export interface TailorConfig {
  /** Merchant's site key; lower-case letters, digits, `-` and `_`, 1–64 characters. */
  site: string;
  /** Collector origin (absolute http(s) URL without a trailing slash), or null when sync is off. */
  endpoint: string | null;
  /** Whether Tailor may store before the shopper consents. */
  consent: ConsentMode;
  /** Locale of the banner and audit UI. */
  locale: Locale;
  /** Logger level (`data-debug` turns on `debug`). */
  debug: boolean;
  /** Under GPC / Do Not Track, keep personalising locally (nothing is sent either way). `data-gpc-personalise="false"` turns it off. */
  personaliseUnderGpc: boolean;
  /** `data-triggers`, e.g. `exit-intent,product-dwell:20,idle-cart:90` (seconds); absent = all defaults. */
  triggers: TriggerSettings;
  /** `data-theme`, e.g. `accent:#0b57d0;radius:8px`: banner theme keys (values are checked again by the banner). */
  theme: Record<string, string>;
}

/** Result of {@link parseTagConfig}: always a usable config, plus what was wrong. */
export interface ParsedConfig {
  config: TailorConfig;
  warnings: string[];
}

const SITE_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * Validates raw tag attributes (a script element's `dataset`, or an object a
 * shop built as an app passes to `init`).
 *
 * @param raw - attribute values by camel-cased name (`site`, `endpoint`, `consent`, `locale`, `debug`).
 * @param pageLocale - the page's `<html lang>`, used when `data-locale` is absent.
 */
export function parseTagConfig(raw: Record<string, string | undefined>, pageLocale?: string): ParsedConfig {
  const warnings: string[] = [];
  const config: TailorConfig = {
    site: 'default',
    endpoint: null,
    consent: 'granted',
    locale: 'en',
    debug: false,
    personaliseUnderGpc: true,
    triggers: { ...DEFAULT_TRIGGERS },
    theme: {},
  };

  const site = raw.site?.trim().toLowerCase();
  if (site === undefined || site === '') {
    warnings.push("'data-site' is missing; using 'default'");
  } else if (SITE_RE.test(site)) {
    config.site = site;
  } else {
    warnings.push(`'data-site' must be 1-64 characters of a-z, 0-9, '-' or '_'; got ${quote(site)}; using 'default'`);
  }

  const endpoint = raw.endpoint?.trim();
  if (endpoint) {
    const url = parseHttpUrl(endpoint);
    if (url) config.endpoint = url;
    else warnings.push(`'data-endpoint' must be an absolute http(s) URL; got ${quote(endpoint)}; sync is off`);
  }

  const consent = raw.consent?.trim().toLowerCase();
  if (consent === 'granted' || consent === 'required') config.consent = consent;
  else if (consent !== undefined && consent !== '') {
    // Unknown consent values fail closed: storing without consent is the worse mistake.
    config.consent = 'required';
    warnings.push(`'data-consent' must be 'granted' or 'required'; got ${quote(consent)}; using 'required'`);
  }

  const locale = raw.locale?.trim();
  if (locale) {
    const match = matchLocale(locale);
    if (match) config.locale = match;
    else warnings.push(`'data-locale' must be one of ${LOCALES.join(', ')}; got ${quote(locale)}; using 'en'`);
  } else if (pageLocale) {
    config.locale = matchLocale(pageLocale) ?? 'en';
  }

  config.debug = raw.debug !== undefined && raw.debug !== 'false';
  config.personaliseUnderGpc = raw.gpcPersonalise !== 'false';
  if (raw.triggers !== undefined) config.triggers = parseTriggers(raw.triggers, warnings);
  if (raw.theme !== undefined) config.theme = parseTheme(raw.theme, warnings);
  return { config, warnings };
}

/** Maps a BCP 47 tag to a supported locale (`zh`, `zh-Hans`, `zh-CN` → `zh-CN`). */
export function matchLocale(tag: string): Locale | null {
  const t = tag.toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'zh' || t === 'zh-cn' || t.startsWith('zh-hans') || t === 'zh-sg') return 'zh-CN';
  return null;
}

function parseHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password || url.search || url.hash) return null;
    return url.href.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

const THEME_KEYS = ['bg', 'fg', 'accent', 'accent-fg', 'radius', 'font', 'shadow'];

/** `exit-intent,product-dwell:30,idle-cart:60,return-visit`: listed triggers are on, others off. */
function parseTriggers(value: string, warnings: string[]): TriggerSettings {
  const t: TriggerSettings = { exitIntent: false, productDwellMs: 0, idleCartMs: 0, returnVisit: false };
  for (const token of value.split(',').map((x) => x.trim()).filter(Boolean)) {
    const [name, seconds] = token.split(':');
    const ms = seconds === undefined ? null : Number(seconds) * 1000;
    if (ms !== null && !(Number.isFinite(ms) && ms > 0 && ms <= 3_600_000)) {
      warnings.push(`'data-triggers': ${quote(token)} needs a number of seconds in (0, 3600]; ignored`);
      continue;
    }
    if (name === 'exit-intent') t.exitIntent = true;
    else if (name === 'return-visit') t.returnVisit = true;
    else if (name === 'product-dwell') t.productDwellMs = ms ?? DEFAULT_TRIGGERS.productDwellMs;
    else if (name === 'idle-cart') t.idleCartMs = ms ?? DEFAULT_TRIGGERS.idleCartMs;
    else warnings.push(`'data-triggers': unknown trigger ${quote(token)}; use exit-intent, product-dwell[:s], idle-cart[:s], return-visit`);
  }
  return t;
}

/** `accent:#0b57d0;radius:8px` → theme keys; unknown keys are reported. */
function parseTheme(value: string, warnings: string[]): Record<string, string> {
  const theme: Record<string, string> = {};
  for (const pair of value.split(';').map((x) => x.trim()).filter(Boolean)) {
    const at = pair.indexOf(':');
    const key = at > 0 ? pair.slice(0, at).trim() : '';
    if (!THEME_KEYS.includes(key)) {
      warnings.push(`'data-theme': unknown key ${quote(key || pair)}; use ${THEME_KEYS.join(', ')}`);
      continue;
    }
    theme[key] = pair.slice(at + 1).trim();
  }
  return theme;
}
