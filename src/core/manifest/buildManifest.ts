/**
 * The data manifest: what Tailor may store on a device, for how long, what it may send, with which noise, and
 * which consent signals it obeys. The build writes it to `dist/sdk/tailor-manifest.json`
 * (scripts/vite/manifestPlugin.ts), the server serves it beside tailor.js, and `tailor.audit()` includes it, so
 * the shopper, the merchant and an auditor read the same document. Everything in it comes from the descriptors
 * of this folder, which the tests in test/unit/manifest hold against the code.
 *
 * Deterministic (no build time, no random) so two builds of the same code give the same file.
 */
import { VERSION } from '../version';
import { EVENT_NAMES } from '../events/schema';
import { ENVELOPE_FIELDS, EVENT_FIELDS, type FieldMap } from './eventFields';
import { DATABASE_NAME, META_KEYS, OBJECT_STORES, OTHER_STORAGE, RETENTION_DAYS, type MetaKeySpec, type ObjectStoreSpec, type OtherStorageSpec } from './storage';
import { ENDPOINTS, TRANSPORT, type EndpointSpec } from './endpoints';
import { measurementFields, reportFields, reportLimits, type MeasurementFieldSpec, type ReportFieldSpec } from './reportFields';
import { CONSENT_SIGNALS, consentTable, type ConsentRow, type ConsentSignalSpec } from './consentTable';

/** Identifies the file. */
export const MANIFEST_FORMAT = 'tailor-data-manifest';
/** Bumped on any incompatible change to the manifest's shape. */
export const MANIFEST_VERSION = 1;
/** File name under the SDK base URL. */
export const MANIFEST_FILE = 'tailor-manifest.json';

/** The manifest document. */
export interface DataManifest {
  format: typeof MANIFEST_FORMAT;
  formatVersion: typeof MANIFEST_VERSION;
  /** Tailor version it describes. */
  tailorVersion: string;
  summary: string[];
  storage: {
    database: string;
    retentionDays: number;
    objectStores: readonly ObjectStoreSpec[];
    metaKeys: readonly MetaKeySpec[];
    other: readonly OtherStorageSpec[];
  };
  events: { envelope: FieldMap; byName: Record<string, FieldMap> };
  network: {
    transport: typeof TRANSPORT;
    endpoints: readonly EndpointSpec[];
    reportFields: ReportFieldSpec[];
    /** The central channel's report (sent instead of `reportFields` when the collector serves per-cell allocations). */
    measurementFields: MeasurementFieldSpec[];
    reportLimits: ReturnType<typeof reportLimits>;
    staticFiles: string;
  };
  consent: { signals: readonly ConsentSignalSpec[]; table: ConsentRow[] };
  rights: { method: string; does: string }[];
}

/** Builds the manifest from the descriptors. */
export function buildManifest(): DataManifest {
  return {
    format: MANIFEST_FORMAT,
    formatVersion: MANIFEST_VERSION,
    tailorVersion: VERSION,
    summary: [
      'Behaviour events are validated, scrubbed of personal data and stored only on this device, in this shop\'s IndexedDB database "tailor".',
      'Features, the model and the offer decision run on this device.',
      `Stored events, visits, decisions and unsent reports are deleted after ${RETENTION_DAYS} days.`,
      'Only the requests under network.endpoints leave the device: coupon books, noised reports (or, on the central channel, measurement reports only ever summed before noise) and the policy config; no cookies, no Referer, no identifier.',
    ],
    storage: { database: DATABASE_NAME, retentionDays: RETENTION_DAYS, objectStores: OBJECT_STORES, metaKeys: META_KEYS, other: OTHER_STORAGE },
    events: { envelope: ENVELOPE_FIELDS, byName: Object.fromEntries(EVENT_NAMES.map((name) => [name, EVENT_FIELDS[name]])) },
    network: {
      transport: TRANSPORT,
      endpoints: ENDPOINTS,
      reportFields: reportFields(),
      measurementFields: measurementFields(),
      reportLimits: reportLimits(),
      staticFiles: "Tailor's own files (this manifest, the model index, model weights, wasm) are fetched from the SDK's origin with no body and nothing about the shopper.",
    },
    consent: { signals: CONSENT_SIGNALS, table: consentTable() },
    rights: [
      { method: 'tailor.audit()', does: 'returns everything stored, every request ever sent and this manifest' },
      { method: 'tailor.exportData({download: true})', does: 'saves the same as a JSON file' },
      { method: 'tailor.forget()', does: 'deletes the database, the page-side buffer and the caches in every tab; nothing is stored again until tailor.consent(true)' },
      { method: '#tailor-audit', does: 'opens the audit panel on any page of the shop (also tailor.openAudit())' },
    ],
  };
}
