/** The shop's languages, as BCP 47 tags (used verbatim in <html lang> and the Tailor tag's data-locale). */
export type Locale = 'en' | 'zh-CN';

/** A string in every shop language. */
export type Localized = Readonly<Record<Locale, string>>;

/** Each language with the path prefix its pages live under ('' for the default language). */
export const LOCALES: readonly { readonly locale: Locale; readonly prefix: string }[] = [
  { locale: 'en', prefix: '' },
  { locale: 'zh-CN', prefix: '/zh' },
];

/** The path prefix of a language's pages, e.g. '/zh' for Simplified Chinese. */
export function localePrefix(locale: Locale): string {
  return locale === 'zh-CN' ? '/zh' : '';
}

/** The other language, which the header's language switcher links to. */
export function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'zh-CN' : 'en';
}
