/**
 * Public surface of the events module: schema, edge validation, scrubbing, and the parsers that turn what a shop
 * page exposes (JSON-LD, microdata, dataLayer, URL) into Tailor events. Pure: no DOM, no storage.
 */
export * from './schema';
export { validateEvent, type ValidationResult } from './validate';
export { REDACTED, QUERY_ALLOW_LIST, scrubPath, scrubText } from './scrub';
export { productsFromJsonLd, jsonLdTypes, pageTypeFromJsonLd } from './jsonld';
export { productsFromMicrodata, type MicrodataElement, type MicrodataRoot } from './microdata';
export { eventsFromDataLayer, pageHintFromDataLayer } from './datalayer';
export { DEFAULT_PAGE_RULES, inferPageType, type PageRule, type PageSignals } from './page-type';
export {
  SESSION_IDLE_MS, isNewSession, nextVisitorState, visitorFacts, type VisitorFacts, type VisitorState,
} from './session';
