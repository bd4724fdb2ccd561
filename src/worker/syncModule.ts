/** The sync code (reports, noise, delivery, policy pull), in its own lazily imported chunk. */
export { syncCycle, type SyncResult } from './sync/syncCycle';
export { cachedPolicy, effectivePolicy } from './sync/policyConfig';
