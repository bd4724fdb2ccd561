import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_CLASS_RULES, classifyPage, createPageClassifier } from '../../../src/core/sessionFeatures';
import { SESSION_IDLE_MS } from '../../../src/core/sessionFeatures';
import { SESSION_IDLE_MS as STORE_SESSION_IDLE_MS } from '../../../src/worker/store/lib/sessionRule';

describe('classifyPage', () => {
  it('maps Tailor page types onto UCI groups', () => {
    for (const type of ['product', 'category', 'search', 'cart'] as const) {
      expect(classifyPage(type, '/x')).toBe('productRelated');
    }
    expect(classifyPage('checkout', '/checkout')).toBe('administrative');
    expect(classifyPage('home', '/')).toBeNull();
  });

  it('splits "other" pages by whole path words, administrative first', () => {
    expect(classifyPage('other', '/account/orders')).toBe('administrative');
    expect(classifyPage('other', '/pages/Contact-Us?ref=x')).toBe('administrative');
    expect(classifyPage('other', '/customer/sign_in')).toBe('administrative');
    expect(classifyPage('other', '/policies/shipping-policy')).toBe('informational');
    expect(classifyPage('other', '/blogs/news/spring')).toBe('informational');
    expect(classifyPage('other', '/help/account')).toBe('administrative'); // both: admin wins
    // Substrings are not words: "contactless" is not "contact", "aboutique" not "about".
    expect(classifyPage('other', '/contactless-cards')).toBeNull();
    expect(classifyPage('other', '/aboutique')).toBeNull();
    // Only "other" pages are read by path: a product called "faq" stays a product.
    expect(classifyPage('product', '/p/faq')).toBe('productRelated');
  });

  it('follows custom rules, and rejects empty keywords', () => {
    const rules = { ...DEFAULT_PAGE_CLASS_RULES, informational: ['lookbook'], byPageType: { ...DEFAULT_PAGE_CLASS_RULES.byPageType, home: 'informational' as const } };
    const classify = createPageClassifier(rules);
    expect(classify('other', '/lookbook/2024')).toBe('informational');
    expect(classify('other', '/pages/faq')).toBeNull();
    expect(classify('home', '/')).toBe('informational');
    expect(() => createPageClassifier({ ...rules, administrative: ['--'] })).toThrow(/'rules.administrative' passed to 'createPageClassifier'/);
  });

  it('uses the same 30-minute session rule as the event store', () => {
    expect(SESSION_IDLE_MS).toBe(STORE_SESSION_IDLE_MS);
  });
});
