/** The site-wide page-value table: its layout and validation, and how a session is priced with it. */
export {
  MAX_PAGE_VALUE, MAX_PAGE_VALUE_PATHS, PAGE_VALUE_TABLE_VERSION, pageValueKey, pageValueTableOrNull, parsePageValueTable,
  type PageValueSource, type PageValueTable,
} from './pageValueTable';
export { sessionPageValue, type ViewedPath } from './sessionPageValue';
