import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideConsent, type ConsentSignals } from '../../../src/core/consent';

const base: ConsentSignals = { mode: 'granted', explicit: null, gpc: false, dnt: false, tcf: null, consentMode: null };
const caps = (s: Partial<ConsentSignals>) => {
  const d = decideConsent({ ...base, ...s });
  return [d.store, d.personalise, d.sync];
};
const allTcf = { 1: true, 5: true, 6: true, 8: true };

describe('decideConsent — the decision table of PRIVACY.md', () => {
  it.each([
    ['granted, no signals', {}, [true, true, true]],
    ['required, not yet consented', { mode: 'required' as const }, [false, false, false]],
    ['required, consent(true)', { mode: 'required' as const, explicit: true }, [true, true, true]],
    ['granted, consent(false)', { explicit: false }, [false, false, false]],
    ['GPC', { gpc: true }, [true, true, false]],
    ['DNT', { dnt: true }, [true, true, false]],
    ['GPC, merchant stops local personalisation', { gpc: true, personaliseUnderGpc: false }, [true, false, false]],
    ['GPC beats consent(true) for sync', { gpc: true, explicit: true }, [true, true, false]],
    ['TCF all purposes', { tcf: { gdprApplies: true, purposeConsents: allTcf } }, [true, true, true]],
    ['TCF no purpose 1', { tcf: { gdprApplies: true, purposeConsents: { ...allTcf, 1: false } } }, [false, false, false]],
    ['TCF no purpose 5', { tcf: { gdprApplies: true, purposeConsents: { ...allTcf, 5: false } } }, [true, false, true]],
    ['TCF no purpose 8', { tcf: { gdprApplies: true, purposeConsents: { ...allTcf, 8: false } } }, [true, true, false]],
    ['TCF, GDPR does not apply', { tcf: { gdprApplies: false, purposeConsents: {} } }, [true, true, true]],
    ['Consent Mode analytics_storage denied', { consentMode: { analytics_storage: 'denied' as const } }, [false, false, false]],
    ['Consent Mode ad_personalization denied', { consentMode: { ad_personalization: 'denied' as const } }, [true, false, true]],
    ['TCF consent cannot override data-consent=required', { mode: 'required' as const, tcf: { gdprApplies: true, purposeConsents: allTcf } }, [false, false, false]],
  ])('%s', (_name, signals, expected) => {
    expect(caps(signals)).toEqual(expected);
  });

  it('gives a reason whenever it restricts', () => {
    expect(decideConsent({ ...base, gpc: true }).reasons).toEqual(['Global Privacy Control: nothing leaves the device']);
    expect(decideConsent(base).reasons).toEqual([]);
  });

  it('never grants more than the tag and the explicit choice allow, and never syncs without storing', () => {
    const arb = fc.record({
      mode: fc.constantFrom('granted' as const, 'required' as const),
      explicit: fc.constantFrom(null, true, false),
      gpc: fc.boolean(),
      dnt: fc.boolean(),
      tcf: fc.option(fc.record({ gdprApplies: fc.boolean(), purposeConsents: fc.dictionary(fc.constantFrom('1', '5', '6', '8').map(Number), fc.boolean()) })),
      consentMode: fc.option(fc.record({ analytics_storage: fc.constantFrom('granted' as const, 'denied' as const), ad_personalization: fc.constantFrom('granted' as const, 'denied' as const) })),
    });
    fc.assert(
      fc.property(arb, (s) => {
        const d = decideConsent(s as ConsentSignals);
        const allowed = s.explicit ?? s.mode === 'granted';
        if (!allowed) expect([d.store, d.personalise, d.sync]).toEqual([false, false, false]);
        if (s.gpc || s.dnt) expect(d.sync).toBe(false);
        if (d.sync || d.personalise) expect(d.store).toBe(true);
      }),
    );
  });
});
