/** Tailor's ES-module entry: `init` and the public types. Re-exports only. */
export { init, type InitOptions, type TailorApi, type ReadyState, type TailorDebug } from './sdk/init';
