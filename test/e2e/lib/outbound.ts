/** What the privacy tests check outbound payloads against: the core report validator and the event names. */
export { validateReport } from '../../../src/core/privacy';
import { EVENT_NAMES } from '../../../src/core/events/schema';

/** Event names that must never appear in a payload (short generic ones excluded: 'search', 'rating' and 'dwell' collide with field names). */
export const EVENT_NAMES_FOR_TEST = EVENT_NAMES.filter((n) => n.includes('_'));
