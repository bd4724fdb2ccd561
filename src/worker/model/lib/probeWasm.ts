/**
 * Can this worker compile WebAssembly? A page CSP without 'wasm-unsafe-eval' (a blob worker
 * inherits the page's policy) makes every compile throw, and tfjs would only find out after
 * downloading its glue code and the 400 KB binary. Compiling the smallest valid module (8 bytes)
 * answers the same question up front.
 */

/** `\0asm` + version 1: the smallest module WebAssembly accepts. */
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** What the probe found. */
export type WasmProbe = { ok: true } | { ok: false; reason: string };

/** Compiles an empty module; a CSP refusal names the missing source expression. */
export async function probeWasm(): Promise<WasmProbe> {
  if (typeof WebAssembly === 'undefined' || typeof WebAssembly.compile !== 'function') {
    return { ok: false, reason: 'WebAssembly is not available' };
  }
  try {
    await WebAssembly.compile(EMPTY_MODULE);
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const csp = /content security policy|wasm-unsafe-eval|unsafe-eval|refused to compile/i.test(message);
    return {
      ok: false,
      reason: csp ? `the Content-Security-Policy blocks WebAssembly (needs 'wasm-unsafe-eval'): ${message}` : `WebAssembly cannot compile: ${message}`,
    };
  }
}
