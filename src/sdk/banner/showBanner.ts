/**
 * Renders one offer: a fixed-position card in a shadow root, built with DOM
 * APIs from data (never `innerHTML`), so neither the merchant's CSS nor any
 * string from the page, the config or the server can break it or the page.
 *
 * Accessibility: a labelled `region` landmark whose offer is announced once
 * through a polite live region; focus is never moved (the shopper is in the
 * middle of something); every control is a real button; Escape dismisses
 * while focus is inside; the countdown is not announced every second.
 */
import type { Locale } from '../../core/config';
import type { OfferView } from '../../worker/protocol';
import { BANNER_CSS, THEME_KEYS, safeCssValue } from './styles';
import { STRINGS, fill, formatRemaining } from './strings';
import { pageClock } from '../lib/pageClock';

/** Interactions reported back to the tracker. */
export type BannerInteraction = 'shown' | 'clicked' | 'copied' | 'dismissed' | 'useful' | 'not_useful';

/** Options of {@link showBanner}. */
export interface BannerOptions {
  locale: Locale;
  theme?: Record<string, unknown>;
  onInteraction(kind: BannerInteraction): void;
  /** Called once when the banner goes away, for whatever reason. */
  onClose?(reason: 'dismissed' | 'expired' | 'closed'): void;
  now?: () => number;
}

/** A shown banner. */
export interface BannerHandle {
  readonly decisionId: string;
  /** Removes the banner without counting a dismiss (e.g. dismissed in another tab). */
  close(): void;
  readonly host: HTMLElement;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Shows `offer` and returns a handle; throws only if the DOM refuses (the caller catches). */
export function showBanner(offer: OfferView, opts: BannerOptions): BannerHandle {
  const t = STRINGS[opts.locale] ?? STRINGS.en;
  const now = opts.now ?? pageClock;
  const host = el('div', { 'data-tailor-banner': '', lang: opts.locale });
  for (const key of THEME_KEYS) {
    const value = safeCssValue(opts.theme?.[key]);
    if (value !== null) host.style.setProperty(`--tailor-${key}`, value);
  }
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style');
  style.textContent = BANNER_CSS;

  const titleId = 'tailor-offer-title';
  const card = el('section', { class: 'card', role: 'region', 'aria-labelledby': titleId });
  const regionLabel = el('span', { class: 'sr' }, `${t.region}: `);
  const title = el('h2', { id: titleId });
  title.append(regionLabel, document.createTextNode(fill(t.title, { tier: offer.tier })));
  const body = el('p', {}, t.body);
  const code = el('code', { 'data-part': 'code' }, offer.code);
  const copy = el('button', { type: 'button', class: 'copy', 'data-part': 'copy' }, t.copy);
  const status = el('span', { class: 'status', role: 'status', 'data-part': 'status' });
  const row = el('div', { class: 'row' });
  row.append(code, copy, status);
  const timer = el('p', { class: 'timer', 'data-part': 'timer', 'aria-hidden': 'true' });
  const close = el('button', { type: 'button', class: 'close', 'aria-label': t.dismiss, 'data-part': 'dismiss' }, '×');
  const minutes = Math.max(1, Math.round((offer.expiresAt - now()) / 60_000));
  const live = el('p', { class: 'sr', 'aria-live': 'polite' });
  card.append(title, body, row, timer, close, live);
  root.append(style, card);

  let closed = false;
  const finish = (reason: 'dismissed' | 'expired' | 'closed') => {
    if (closed) return;
    closed = true;
    clearInterval(tick);
    host.remove();
    opts.onClose?.(reason);
  };
  const update = () => {
    const left = offer.expiresAt - now();
    if (left <= 0) {
      timer.textContent = t.expired;
      finish('expired');
      return;
    }
    timer.textContent = fill(t.expiresIn, { time: formatRemaining(left) });
  };
  const tick = setInterval(update, 1000);
  update();

  copy.addEventListener('click', () => {
    opts.onInteraction('clicked');
    const done = (ok: boolean) => {
      status.textContent = ok ? t.copied : t.copyFailed;
      if (ok) opts.onInteraction('copied');
    };
    try {
      const clip = navigator.clipboard;
      if (clip?.writeText) clip.writeText(offer.code).then(() => done(true), () => done(selectCode(code)));
      else done(selectCode(code));
    } catch {
      done(selectCode(code));
    }
  });
  // After a dismiss, one optional tap: "was this offer useful?" (the seed's satisfaction signal).
  // Unanswered, it goes away by itself; answering or closing again ends it.
  let asking = false;
  const dismiss = () => {
    if (asking) return finish('dismissed');
    opts.onInteraction('dismissed');
    asking = true;
    clearInterval(tick);
    const question = el('p', { 'data-part': 'question' }, t.question);
    const yes = el('button', { type: 'button', class: 'copy', 'data-part': 'useful' }, `👍 ${t.useful}`);
    const no = el('button', { type: 'button', class: 'copy', 'data-part': 'not-useful' }, `👎 ${t.notUseful}`);
    const answers = el('div', { class: 'row' });
    answers.append(yes, no);
    const answer = (kind: 'useful' | 'not_useful') => {
      opts.onInteraction(kind);
      answers.replaceChildren(el('span', { class: 'status', role: 'status' }, t.thanks));
      setTimeout(() => finish('dismissed'), 1200);
    };
    yes.addEventListener('click', () => answer('useful'));
    no.addEventListener('click', () => answer('not_useful'));
    body.remove();
    row.remove();
    timer.remove();
    title.replaceChildren(regionLabel, document.createTextNode(t.question));
    card.insertBefore(answers, close);
    question.remove();
    setTimeout(() => finish('dismissed'), 15_000);
  };
  close.addEventListener('click', dismiss);
  card.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') dismiss();
  });

  if (closed) return { decisionId: offer.decisionId, close: () => {}, host };
  document.body.append(host);
  // Announce after insertion so screen readers pick up the live region change.
  setTimeout(() => (live.textContent = fill(t.announce, { tier: offer.tier, code: offer.code, minutes })), 50);
  opts.onInteraction('shown');
  return { decisionId: offer.decisionId, close: () => finish('closed'), host };
}

function selectCode(code: HTMLElement): boolean {
  try {
    const range = document.createRange();
    range.selectNodeContents(code);
    const selection = getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return false;
  } catch {
    return false;
  }
}
