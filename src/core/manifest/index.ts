/** The data manifest (`tailor-manifest.json`) and the descriptors it is built from. */
export { MANIFEST_FILE, MANIFEST_FORMAT, MANIFEST_VERSION, buildManifest, type DataManifest } from './buildManifest';
export { CUSTOM_NAME_PATTERN, EARLIEST_TS, ENVELOPE_FIELDS, EVENT_FIELDS, MAX_EVENT_ID_LENGTH, eventFieldsOf, type FieldMap, type FieldSpec, type FieldType } from './eventFields';
export * from './storage';
export { ENDPOINTS, TRANSPORT, findEndpoint, type EndpointSpec } from './endpoints';
export { measurementFields, reportFields, reportLimits, type MeasurementFieldSpec, type ReportFieldSpec } from './reportFields';
export { CONSENT_SCENARIOS, CONSENT_SIGNALS, consentTable, type ConsentRow, type ConsentScenario, type ConsentSignalSpec } from './consentTable';
