import type { Locale } from '../i18n/locale';

const formatters = new Map<Locale, Intl.NumberFormat>();

/** Formats an amount in cents as a currency string for the page's locale (USD everywhere: one price list). */
export function formatPrice(cents: number, locale: Locale): string {
  if (!Number.isInteger(cents)) {
    throw new TypeError(`'cents' passed to 'formatPrice' must be an integer number of cents, got ${cents}`);
  }
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' });
    formatters.set(locale, formatter);
  }
  return formatter.format(cents / 100);
}
