/**
 * Reads the consent signals a page exposes and keeps them current:
 * Global Privacy Control and Do Not Track (read once), IAB TCF v2 through
 * `__tcfapi('addEventListener', 2, …)`, and Google Consent Mode v2 from the
 * `gtag('consent', 'default'|'update', …)` entries in `dataLayer`.
 * Decisions are made by `decideConsent` in core; this only gathers inputs.
 */
import { observeDataLayer } from './observeDataLayer';
import type { ConsentModeSignal, ConsentSignals, TcfSignal } from '../../core/consent';

type Listener = () => void;

/** Page signals other than the tag mode and the explicit choice. */
export type PageSignals = Pick<ConsentSignals, 'gpc' | 'dnt' | 'tcf' | 'consentMode'>;

/**
 * Starts reading into `signals` (mutated in place, so a CMP that answers
 * synchronously is not lost); `onChange` runs whenever TCF or Consent Mode
 * changes.
 */
export function watchConsentSignals(signals: PageSignals, onChange: Listener): { stop(): void } {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean; doNotTrack?: string | null };
  const win = window as unknown as { doNotTrack?: string; __tcfapi?: (...a: unknown[]) => void; dataLayer?: unknown };
  signals.gpc = nav.globalPrivacyControl === true;
  signals.dnt = nav.doNotTrack === '1' || win.doNotTrack === '1';
  let listenerId: unknown = null;
  if (typeof win.__tcfapi === 'function') {
    try {
      win.__tcfapi('addEventListener', 2, (data: unknown, ok: boolean) => {
        if (!ok || !data || typeof data !== 'object') return;
        const d = data as { gdprApplies?: boolean; listenerId?: unknown; eventStatus?: string; purpose?: { consents?: Record<string, boolean> } };
        listenerId = d.listenerId ?? listenerId;
        if (d.eventStatus !== 'tcloaded' && d.eventStatus !== 'useractioncomplete') return;
        const consents: Record<number, boolean> = {};
        for (const [k, v] of Object.entries(d.purpose?.consents ?? {})) consents[Number(k)] = v === true;
        signals.tcf = { gdprApplies: d.gdprApplies === true, purposeConsents: consents } satisfies TcfSignal;
        onChange();
      });
    } catch {
      // A broken CMP must not break Tailor; without its answer nothing more is granted.
    }
  }
  const readConsentMode = (entry: unknown) => {
    const args = entry && typeof entry === 'object' && 'length' in (entry as object) ? Array.from(entry as ArrayLike<unknown>) : null;
    if (!args || args[0] !== 'consent' || (args[1] !== 'default' && args[1] !== 'update')) return false;
    const update = args[2];
    if (!update || typeof update !== 'object') return false;
    const next: ConsentModeSignal = { ...signals.consentMode };
    for (const key of ['analytics_storage', 'ad_personalization', 'ad_user_data', 'ad_storage'] as const) {
      const v = (update as Record<string, unknown>)[key];
      if (v === 'granted' || v === 'denied') next[key] = v;
    }
    signals.consentMode = next;
    return true;
  };
  const dl = Array.isArray(win.dataLayer) ? (win.dataLayer as unknown[] & { push: (...a: unknown[]) => number }) : null;
  let restore = () => {};
  if (dl) {
    for (const entry of dl) readConsentMode(entry);
    restore = observeDataLayer(dl, (entry) => {
      if (readConsentMode(entry)) onChange();
    }).stop;
  }
  return {
    stop() {
      restore();
      try {
        if (listenerId !== null) win.__tcfapi?.('removeEventListener', 2, () => {}, listenerId);
      } catch {
        // Nothing to undo.
      }
    },
  };
}
