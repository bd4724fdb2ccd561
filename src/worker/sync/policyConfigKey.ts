/** The `meta` key of the cached server config (`GET /v1/config`): written by the sync module, read by features too. */
export const POLICY_CONFIG_KEY = 'policy-config';

/** What the cache under {@link POLICY_CONFIG_KEY} holds. */
export interface CachedConfig<T> {
  snapshot: T;
  fetchedAt: number;
}
