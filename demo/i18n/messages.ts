import type { Locale } from './locale';
import { en } from './messages-en';
import { zh } from './messages-zh';

/**
 * Every piece of UI text in the shop. Templates use `{name}` placeholders filled by formatMessage (server) or
 * by shop.js (client), so each sentence is written once per language.
 */
export interface Messages {
  storeName: string;
  tagline: string;
  promoLabel: string;
  promoBar: string;
  navLabel: string;
  searchLabel: string;
  searchPlaceholder: string;
  searchButton: string;
  cart: string;
  cartCountLabel: string;
  switchLanguage: string;
  switchLanguageLabel: string;
  heroTitle: string;
  heroText: string;
  heroCta: string;
  categoriesHeading: string;
  featuredHeading: string;
  onSaleHeading: string;
  shopCategory: string;
  saleBadge: string;
  addToCart: string;
  quickAdd: string;
  soldOut: string;
  quantity: string;
  inStock: string;
  limitedStock: string;
  outOfStock: string;
  reviews: string;
  ratingOutOf: string;
  noReviews: string;
  sku: string;
  rateHeading: string;
  rateStar: string;
  rateSubmit: string;
  rateThanks: string;
  relatedHeading: string;
  home: string;
  sortLabel: string;
  sortFeatured: string;
  sortPriceAsc: string;
  sortPriceDesc: string;
  sortRating: string;
  productCount: string;
  searchTitle: string;
  searchResultsFor: string;
  searchNoResults: string;
  searchPrompt: string;
  cartTitle: string;
  cartEmpty: string;
  continueShopping: string;
  subtotal: string;
  shipping: string;
  shippingFree: string;
  freeShippingHint: string;
  discount: string;
  total: string;
  checkoutButton: string;
  remove: string;
  decrease: string;
  increase: string;
  each: string;
  checkoutTitle: string;
  contactHeading: string;
  fullName: string;
  email: string;
  address: string;
  city: string;
  postcode: string;
  country: string;
  couponLabel: string;
  couponPlaceholder: string;
  couponApply: string;
  couponApplying: string;
  couponApplied: string;
  couponEmpty: string;
  couponInvalid: string;
  couponNetworkError: string;
  placeOrder: string;
  orderSummary: string;
  checkoutEmpty: string;
  thankYouTitle: string;
  thankYouText: string;
  orderNumber: string;
  addedToCart: string;
  viewCart: string;
  noscript: string;
  loading: string;
  notFoundTitle: string;
  notFoundText: string;
  footerAbout: string;
  footerShipping: string;
  footerContact: string;
  skipToContent: string;
  footerAboutHeading: string;
  footerShippingHeading: string;
  footerContactHeading: string;
  breadcrumbLabel: string;
  footerNote: string;
}

const MESSAGES: Readonly<Record<Locale, Messages>> = { en, 'zh-CN': zh };

/** The UI text for a language. */
export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}

/** The messages shop.js renders itself (cart, checkout, coupon, toasts); only these are sent in the page data. */
export const CLIENT_MESSAGE_KEYS = [
  'cartEmpty', 'continueShopping', 'subtotal', 'shipping', 'shippingFree', 'freeShippingHint', 'discount', 'total',
  'remove', 'decrease', 'increase', 'each', 'couponApply', 'couponApplying', 'couponApplied', 'couponEmpty',
  'couponInvalid', 'couponNetworkError', 'checkoutEmpty', 'addedToCart', 'viewCart', 'rateThanks', 'quantity',
] as const satisfies readonly (keyof Messages)[];

/** The subset of Messages sent to shop.js. */
export type ClientMessages = Pick<Messages, (typeof CLIENT_MESSAGE_KEYS)[number]>;

/** Picks the client-side messages for a language. */
export function clientMessagesFor(locale: Locale): ClientMessages {
  const all = messagesFor(locale);
  return Object.fromEntries(CLIENT_MESSAGE_KEYS.map((key) => [key, all[key]])) as unknown as ClientMessages;
}
