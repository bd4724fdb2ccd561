import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../demo/lib/escape-html';
import { SafeHtml, html } from '../../../demo/lib/html';
import { jsonScript } from '../../../demo/lib/json-script';

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('escapeHtml', () => {
  it('neutralises a script tag and attribute breakouts', () => {
    expect(escapeHtml('<script>alert("x")</script>')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(escapeHtml(`" onmouseover='x'`)).toBe('&quot; onmouseover=&#39;x&#39;');
    expect(escapeHtml('Ember & Leaf')).toBe('Ember &amp; Leaf');
    expect(escapeHtml(12.5)).toBe('12.5');
  });

  it('never leaves a markup-significant character and round-trips any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const escaped = escapeHtml(s);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        expect(unescape(escaped)).toBe(s);
      }),
    );
  });
});

describe('html template', () => {
  it('escapes interpolated strings but keeps nested templates', () => {
    const name = '<img src=x onerror=alert(1)>';
    const out = html`<p title="${name}">${name}${html`<b>${'&'}</b>`}</p>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.value).toBe(
      '<p title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;<b>&amp;</b></p>',
    );
  });

  it('renders arrays item by item and drops null, undefined and booleans', () => {
    expect(html`${['<a>', html`<i></i>`]}|${null}|${undefined}|${false}|${true}|${0}`.value).toBe(
      '&lt;a&gt;<i></i>|||||0',
    );
  });
});

describe('jsonScript', () => {
  it('keeps a hostile string inside the data block and parses back to the same value', () => {
    const data = { name: '</script><script>alert(1)</script><!--', sep: '\u2028' };
    const out = jsonScript('application/ld+json', data).value;
    const body = /^<script type="application\/ld\+json">([\s\S]*)<\/script>$/.exec(out)?.[1];
    expect(body).toBeDefined();
    expect(body).not.toMatch(/<|>/);
    expect(JSON.parse(body ?? '')).toEqual(data);
  });

  it('rejects values JSON cannot represent, naming the argument', () => {
    expect(() => jsonScript('application/json', undefined)).toThrow(/'data' passed to 'jsonScript'/);
  });
});
