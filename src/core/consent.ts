/**
 * The consent decision: one pure function from every signal Tailor honours to
 * what it may do. The page gathers the signals; this decides; the tracker,
 * the worker and the sync module obey. The table in PRIVACY.md is generated
 * from the same rules and the unit test walks every row.
 *
 * Three capabilities, from least to most outward:
 *  - `store`: keep events on this device (IndexedDB);
 *  - `personalise`: use them to decide offers on this device;
 *  - `sync`: send noised aggregate reports (and fetch coupon books) off the device.
 * The most restrictive signal wins. Unknown or absent signals do not grant
 * anything that the tag's `data-consent` mode does not already grant.
 */

/** What one capability decision rests on. */
export interface Capabilities {
  store: boolean;
  personalise: boolean;
  sync: boolean;
}

/** IAB TCF v2 data as `__tcfapi('addEventListener', 2, cb)` reports it (the fields Tailor reads). */
export interface TcfSignal {
  gdprApplies: boolean;
  /** Purpose consents by purpose id (1 store/access, 5–6 personalised content, 8 content measurement). */
  purposeConsents: Record<number, boolean>;
}

/** Google Consent Mode v2 state (`gtag('consent', 'default'|'update', …)`). */
export interface ConsentModeSignal {
  analytics_storage?: 'granted' | 'denied';
  ad_personalization?: 'granted' | 'denied';
  ad_user_data?: 'granted' | 'denied';
  ad_storage?: 'granted' | 'denied';
}

/** Every signal, as read on the page. */
export interface ConsentSignals {
  /** `data-consent` on the tag. */
  mode: 'granted' | 'required';
  /** The last `tailor.consent(x)` call, or null if never called. */
  explicit: boolean | null;
  /** `navigator.globalPrivacyControl === true`. */
  gpc: boolean;
  /** Do Not Track (`navigator.doNotTrack === '1'`). */
  dnt: boolean;
  tcf: TcfSignal | null;
  consentMode: ConsentModeSignal | null;
  /** Merchant option: keep personalising locally under GPC/DNT (nothing is sent either way). Default true. */
  personaliseUnderGpc?: boolean;
}

/** The decision, with the reasons that restricted it (for the audit view). */
export interface ConsentDecision extends Capabilities {
  reasons: string[];
}

/** TCF purposes Tailor maps each capability to. */
export const TCF_PURPOSES = { store: 1, personalise: [5, 6], sync: 8 } as const;

/** Decides what Tailor may do. Pure and total: never throws. */
export function decideConsent(s: ConsentSignals): ConsentDecision {
  const reasons: string[] = [];
  const base = s.explicit ?? s.mode === 'granted';
  const cap: Capabilities = { store: base, personalise: base, sync: base };
  if (s.explicit === false) reasons.push('tailor.consent(false)');
  else if (s.explicit === null && s.mode === 'required') reasons.push("data-consent='required' and no tailor.consent(true) yet");

  if (s.tcf?.gdprApplies) {
    const has = (p: number) => s.tcf!.purposeConsents[p] === true;
    if (!has(TCF_PURPOSES.store)) restrict(cap, ['store', 'personalise', 'sync'], reasons, 'TCF purpose 1 (store/access) not consented');
    if (!TCF_PURPOSES.personalise.every(has)) restrict(cap, ['personalise'], reasons, 'TCF purposes 5–6 (personalised content) not consented');
    if (!has(TCF_PURPOSES.sync)) restrict(cap, ['sync'], reasons, 'TCF purpose 8 (content measurement) not consented');
  }
  if (s.consentMode) {
    if (s.consentMode.analytics_storage === 'denied') restrict(cap, ['store', 'personalise', 'sync'], reasons, 'Consent Mode analytics_storage denied');
    if (s.consentMode.ad_personalization === 'denied') restrict(cap, ['personalise'], reasons, 'Consent Mode ad_personalization denied');
  }
  if (s.gpc || s.dnt) {
    const which = s.gpc ? 'Global Privacy Control' : 'Do Not Track';
    restrict(cap, ['sync'], reasons, `${which}: nothing leaves the device`);
    if (s.personaliseUnderGpc === false) restrict(cap, ['personalise'], reasons, `${which}: merchant turned off local personalisation`);
  }
  // Personalising and syncing both need the stored history.
  if (!cap.store) {
    cap.personalise = false;
    cap.sync = false;
  }
  return { ...cap, reasons };
}

function restrict(cap: Capabilities, keys: (keyof Capabilities)[], reasons: string[], reason: string): void {
  if (keys.some((k) => cap[k])) reasons.push(reason);
  for (const k of keys) cap[k] = false;
}
