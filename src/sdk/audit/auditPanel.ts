/**
 * The audit panel: everything Tailor keeps on this device and everything it sent, as a modal dialog the
 * shopper opens with the `#tailor-audit` fragment or `tailor.openAudit()`. Lazily loaded; built with DOM APIs
 * from data (never `innerHTML`) in a shadow root, so neither the merchant's CSS nor any stored or received
 * string can break it or the page.
 *
 * Accessibility: a native `<dialog>` opened with `showModal()` (the page behind becomes inert), labelled by
 * its heading and described by its introduction; focus moves to the heading on open, is kept inside (Tab
 * wraps) and returns to where it was on close; Escape closes; "Delete my data" asks for confirmation inside
 * the dialog and announces the result through a status message.
 */
import type { Locale } from '../../core/config';
import type { Logger } from '../../core/logger';
import type { AuditData } from '../../worker/protocol';
import type { TailorApi } from '../tailor';
import { AUDIT_CSS } from './styles';
import { AUDIT_STRINGS, fill, type AuditStrings } from './strings';
import { auditView } from './auditView';
import { renderSections } from './sections';
import { el } from './lib/dom';
import { trapFocus } from './lib/focusTrap';

/** Options of {@link openAuditPanel}. */
export interface AuditPanelOptions {
  api: TailorApi;
  locale: Locale;
  log: Logger;
}

/** An open panel. */
export interface AuditPanelHandle {
  readonly host: HTMLElement;
  close(): void;
}

const FRAGMENT = '#tailor-audit';
let current: (AuditPanelHandle & { focus(): void }) | null = null;

/** The focused element, looking through open shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/** Opens the panel (or focuses the one already open) and loads the data into it. */
export function openAuditPanel(opts: AuditPanelOptions): AuditPanelHandle {
  if (current?.host.isConnected) {
    current.focus();
    return current;
  }
  const t: AuditStrings = AUDIT_STRINGS[opts.locale] ?? AUDIT_STRINGS.en;
  const returnFocus = deepActiveElement();
  const host = el('div', { 'data-tailor-audit': '', lang: opts.locale });
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style');
  style.textContent = AUDIT_CSS;

  const title = el('h2', { id: 'tailor-audit-title', tabindex: '-1' }, t.title);
  const intro = el('p', { id: 'tailor-audit-intro' }, t.intro);
  const content = el('div', { 'aria-busy': 'true' }, el('p', {}, t.loading));
  const status = el('p', { class: 'status', role: 'status', tabindex: '-1' });
  const actions = el('div', { class: 'actions' });
  const corner = el('button', { type: 'button', class: 'x', 'aria-label': t.close }, '×');
  const dialog = el(
    'dialog',
    { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': title.id, 'aria-describedby': intro.id, 'data-part': 'dialog' },
    corner,
    el('div', { class: 'body' }, title, intro, content, status, actions),
  );
  root.append(style, dialog);

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    try {
      if (dialog.open) dialog.close();
    } catch {
      // Already closed by the browser.
    }
    host.remove();
    current = null;
    // The fragment opened the panel; leaving it would reopen it on reload.
    if (location.hash === FRAGMENT) history.replaceState(history.state, '', location.pathname + location.search);
    if (returnFocus?.isConnected) returnFocus.focus();
  };
  const say = (message: string) => {
    status.textContent = message;
    status.focus();
  };
  const button = (label: string, cls: string, part: string, onClick: () => void) => {
    const b = el('button', { type: 'button', class: cls, 'data-part': part }, label);
    b.addEventListener('click', onClick);
    return b;
  };

  const load = async (): Promise<void> => {
    let data: AuditData | null = null;
    try {
      data = await opts.api.audit();
    } catch (error) {
      opts.log.warn('audit panel could not read the data:', error);
    }
    // No data because Tailor never started here: say why, as the console did once.
    const state = data ? null : await opts.api.ready().catch(() => null);
    if (closed) return;
    content.removeAttribute('aria-busy');
    const missing = state && !state.ok ? fill(t.notStarted, { reason: state.reason }) : t.unavailable;
    content.replaceChildren(...(data ? renderSections(auditView(data), t, opts.locale) : [el('p', {}, missing)]));
  };

  const showActions = () =>
    actions.replaceChildren(
      button(t.download, 'primary', 'download', () => {
        opts.api.exportData({ download: true }).then(
          (blob) => say(blob ? t.downloaded : t.failedAction),
          () => say(t.failedAction),
        );
      }),
      button(t.delete, 'danger', 'delete', confirmDelete),
      button(t.close, '', 'close', close),
    );

  function confirmDelete(): void {
    const question = el('p', { id: 'tailor-audit-confirm', tabindex: '-1' }, t.confirmText);
    const yes = button(t.confirmYes, 'danger primary', 'confirm-delete', () => {
      yes.disabled = true;
      opts.api
        .forget()
        .then(load)
        .then(
          () => {
            showActions();
            say(t.deleted);
          },
          () => {
            showActions();
            say(t.failedAction);
          },
        );
    });
    const no = button(t.confirmNo, '', 'cancel-delete', () => {
      showActions();
      (actions.querySelector('[data-part="delete"]') as HTMLElement | null)?.focus();
    });
    actions.replaceChildren(el('div', { class: 'confirm', role: 'group', 'aria-labelledby': question.id }, question, yes, ' ', no));
    question.focus();
  }

  corner.addEventListener('click', close);
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  dialog.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    close();
  });
  trapFocus(dialog, () => root.activeElement);
  showActions();

  (document.body ?? document.documentElement).append(host);
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.setAttribute('open', '');
  title.focus();
  void load();
  current = { host, close, focus: () => title.focus() };
  return current;
}
