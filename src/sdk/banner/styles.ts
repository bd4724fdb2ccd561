/**
 * The banner's stylesheet, scoped by its shadow root. `:host { all: initial }`
 * keeps the merchant's inherited styles out; custom properties (which do
 * inherit) are the documented theming surface:
 *   --tailor-bg, --tailor-fg, --tailor-accent, --tailor-accent-fg,
 *   --tailor-radius, --tailor-font, --tailor-shadow.
 * Position is fixed, so showing it never shifts the page's layout (CLS 0).
 */
export const BANNER_CSS = `
:host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; max-width: min(380px, calc(100vw - 32px));
  font-family: var(--tailor-font, system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif); }
.card { box-sizing: border-box; background: var(--tailor-bg, #ffffff); color: var(--tailor-fg, #1b1b1f); border-radius: var(--tailor-radius, 12px);
  box-shadow: var(--tailor-shadow, 0 8px 28px rgba(0,0,0,.22)); padding: 16px 44px 16px 16px; position: relative;
  border: 1px solid rgba(0,0,0,.12); animation: tailor-in .24s ease-out; font-size: 15px; line-height: 1.4; }
@keyframes tailor-in { from { transform: translateY(12px); opacity: 0 } to { transform: none; opacity: 1 } }
@media (prefers-reduced-motion: reduce) { .card { animation: none } }
h2 { font-size: 18px; margin: 0 0 6px; font-weight: 700; }
p { margin: 0 0 10px; }
.row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
code { font: 600 16px/1.2 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; letter-spacing: .04em; padding: 8px 10px;
  border: 1px dashed currentColor; border-radius: 8px; user-select: all; -webkit-user-select: all; }
button { font: inherit; cursor: pointer; border-radius: 8px; min-height: 40px; min-width: 40px; }
.copy { background: var(--tailor-accent, #0b57d0); color: var(--tailor-accent-fg, #ffffff); border: 0; padding: 8px 14px; font-weight: 600; }
.close { position: absolute; top: 6px; right: 6px; background: transparent; color: inherit; border: 0; font-size: 22px; line-height: 1; }
button:focus-visible { outline: 3px solid var(--tailor-accent, #0b57d0); outline-offset: 2px; }
.close:focus-visible { outline-color: currentColor; }
.timer { font-size: 13px; opacity: .85; margin: 10px 0 0; }
.status { font-size: 13px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
@media (max-width: 480px) { :host { right: 8px; left: 8px; bottom: 8px; max-width: none; } }
@media (forced-colors: active) { .card { border: 2px solid CanvasText; } .copy { border: 2px solid ButtonText; } }
`;

/** Theme keys a merchant may set from config; values are checked before use. */
export const THEME_KEYS = ['bg', 'fg', 'accent', 'accent-fg', 'radius', 'font', 'shadow'] as const;

/** Only plain colour / length / font-name values: no url(), no expression, no semicolons. */
export function safeCssValue(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 120) return null;
  return /^[#\w\s.,%()'"-]+$/.test(value) && !/url\s*\(|expression|[;{}<>\\]/i.test(value) ? value : null;
}
