import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_TRIGGERS, matchLocale, parseTagConfig } from '../../../src/core/config';

describe('parseTagConfig', () => {
  it('accepts a well-formed tag', () => {
    const { config, warnings } = parseTagConfig({
      site: 'Demo',
      endpoint: 'https://collector.example/',
      consent: 'required',
      locale: 'zh-CN',
    });
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({ site: 'demo', endpoint: 'https://collector.example', consent: 'required', locale: 'zh-CN', debug: false, personaliseUnderGpc: true, triggers: DEFAULT_TRIGGERS, theme: {} });
  });

  it('replaces bad values with safe defaults and names the attribute', () => {
    const { config, warnings } = parseTagConfig({ site: 'bad site!', endpoint: 'javascript:alert(1)', consent: 'maybe', locale: 'fr' });
    expect(config.site).toBe('default');
    expect(config.endpoint).toBeNull();
    expect(config.consent).toBe('required'); // fails closed
    expect(config.locale).toBe('en');
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toContain("'data-site'");
    expect(warnings[1]).toContain("'data-endpoint'");
    expect(warnings[2]).toContain("'data-consent'");
    expect(warnings[3]).toContain("'data-locale'");
  });

  it('rejects endpoints with credentials, queries or fragments', () => {
    for (const endpoint of ['https://u:p@x.example', 'https://x.example/?a=1', 'https://x.example/#f', 'ftp://x.example', '/relative']) {
      expect(parseTagConfig({ site: 's', endpoint }).config.endpoint).toBeNull();
    }
  });

  it('warns when site is missing and falls back to the page language', () => {
    const { config, warnings } = parseTagConfig({}, 'zh-Hans');
    expect(config.locale).toBe('zh-CN');
    expect(warnings).toEqual(["'data-site' is missing; using 'default'"]);
  });

  it('never throws and always returns a usable config', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('site', 'endpoint', 'consent', 'locale', 'debug', 'x'), fc.string()), fc.option(fc.string()), (raw, lang) => {
        const { config } = parseTagConfig(raw, lang ?? undefined);
        expect(['granted', 'required']).toContain(config.consent);
        expect(['en', 'zh-CN']).toContain(config.locale);
        expect(config.site).toMatch(/^[a-z0-9][a-z0-9_-]{0,63}$/);
        if (config.endpoint !== null) expect(config.endpoint).toMatch(/^https?:\/\//);
      }),
    );
  });
});

describe('matchLocale', () => {
  it('maps Chinese variants to zh-CN and English variants to en', () => {
    expect(matchLocale('zh')).toBe('zh-CN');
    expect(matchLocale('zh-CN')).toBe('zh-CN');
    expect(matchLocale('en-GB')).toBe('en');
    expect(matchLocale('zh-TW')).toBeNull();
    expect(matchLocale('de')).toBeNull();
  });
});

describe('data-triggers and data-theme', () => {
  it('turns on only the listed triggers, with thresholds in seconds', () => {
    const { config, warnings } = parseTagConfig({ site: 's', triggers: 'exit-intent, product-dwell:20, idle-cart' });
    expect(config.triggers).toEqual({ exitIntent: true, productDwellMs: 20_000, idleCartMs: 60_000, returnVisit: false });
    expect(warnings).toEqual([]);
    expect(parseTagConfig({ site: 's' }).config.triggers).toEqual(DEFAULT_TRIGGERS);
  });

  it('reports unknown triggers, bad thresholds and unknown theme keys, keeping the rest', () => {
    const { config, warnings } = parseTagConfig({ site: 's', triggers: 'exit-intent,popup,idle-cart:-5', theme: 'accent:#0b57d0; colour:red ;radius:8px' });
    expect(config.triggers).toEqual({ exitIntent: true, productDwellMs: 0, idleCartMs: 0, returnVisit: false });
    expect(config.theme).toEqual({ accent: '#0b57d0', radius: '8px' });
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain("'data-triggers'");
    expect(warnings[2]).toContain("'data-theme'");
  });
});
