/**
 * The audit panel's stylesheet, scoped by its shadow root. `:host { all: initial }` keeps the merchant's
 * inherited styles out; the banner's custom properties (which do inherit) theme it too:
 *   --tailor-bg, --tailor-fg, --tailor-accent, --tailor-accent-fg, --tailor-radius, --tailor-font,
 * plus --tailor-danger for the delete button. Default colours meet WCAG AA contrast (text ≥ 7:1, buttons ≥ 4.5:1).
 * The dialog is fixed and centred; on narrow screens it fills the viewport and tables wrap instead of scrolling.
 */
export const AUDIT_CSS = `
:host { all: initial; font-family: var(--tailor-font, system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif); }
dialog { position: fixed; inset: 0; margin: auto; box-sizing: border-box; width: min(760px, calc(100vw - 32px)); max-height: calc(100vh - 32px);
  overflow: auto; padding: 0; border: 1px solid rgba(0,0,0,.2); border-radius: var(--tailor-radius, 12px); z-index: 2147483001;
  background: var(--tailor-bg, #ffffff); color: var(--tailor-fg, #1b1b1f); font-size: 15px; line-height: 1.45; font-family: inherit;
  box-shadow: 0 12px 40px rgba(0,0,0,.3); }
dialog::backdrop { background: rgba(0,0,0,.55); }
.body { padding: 20px 24px 24px; }
h2 { font-size: 22px; margin: 0 40px 8px 0; line-height: 1.25; }
h3 { font-size: 17px; margin: 24px 0 8px; }
p { margin: 0 0 8px; }
section { border-top: 1px solid rgba(0,0,0,.12); }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 4px 0 8px; font-size: 14px; }
caption { text-align: start; font-weight: 600; padding: 4px 0; }
th, td { text-align: start; vertical-align: top; padding: 5px 8px 5px 0; border-bottom: 1px solid rgba(0,0,0,.1); overflow-wrap: anywhere; }
th { font-weight: 600; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin: 6px 0 0;
  padding: 8px; background: rgba(0,0,0,.05); border-radius: 6px; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
ul { margin: 0 0 8px; padding-inline-start: 20px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 20px; align-items: center; }
.confirm { flex-basis: 100%; }
button { font: inherit; font-weight: 600; cursor: pointer; border-radius: 8px; min-height: 44px; padding: 8px 16px;
  border: 2px solid var(--tailor-accent, #0b57d0); background: transparent; color: var(--tailor-accent, #0b57d0); }
.primary { background: var(--tailor-accent, #0b57d0); color: var(--tailor-accent-fg, #ffffff); }
.danger { border-color: var(--tailor-danger, #b3261e); color: var(--tailor-danger, #b3261e); }
.danger.primary { background: var(--tailor-danger, #b3261e); color: #ffffff; }
.x { position: absolute; top: 10px; right: 10px; min-width: 44px; border: 0; font-size: 24px; line-height: 1; padding: 0; color: inherit; }
summary { cursor: pointer; color: var(--tailor-accent, #0b57d0); }
button:focus-visible, summary:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--tailor-accent, #0b57d0); outline-offset: 2px; }
.status:empty { display: none; }
.status { font-weight: 600; margin-top: 12px; }
@media (max-width: 560px) { dialog { width: 100vw; max-width: 100vw; height: 100%; max-height: 100%; border-radius: 0; }
  .body { padding: 16px; } th, td { font-size: 13px; } }
@media (forced-colors: active) { dialog { border: 2px solid CanvasText; } button { border: 2px solid ButtonText; } }
`;
