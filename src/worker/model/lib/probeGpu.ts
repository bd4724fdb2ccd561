/**
 * Is there a hardware GPU behind WebGL in this worker? A software rasteriser (SwiftShader,
 * llvmpipe, Microsoft Basic Render) passes every WebGL check yet makes tfjs-webgl ~20x slower
 * than wasm for a network this size, so it counts as "no GPU".
 */

/** Renderer strings of software WebGL implementations. */
export const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;

/** What the probe found. */
export type GpuProbe = { ok: true; renderer: string } | { ok: false; reason: string };

interface DebugRendererInfo {
  readonly UNMASKED_RENDERER_WEBGL: number;
}

/** The renderer string of a WebGL context, unmasked when the browser allows it. */
export function rendererOf(gl: WebGL2RenderingContext | WebGLRenderingContext): string {
  const info = gl.getExtension('WEBGL_debug_renderer_info') as DebugRendererInfo | null;
  const renderer: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof renderer === 'string' ? renderer : '';
}

/** Classifies a renderer string; empty (hidden) renderers are not trusted to be hardware. */
export function classifyRenderer(renderer: string): GpuProbe {
  if (renderer.trim() === '') return { ok: false, reason: 'WebGL hides its renderer; a hardware GPU cannot be confirmed' };
  if (SOFTWARE_RENDERER.test(renderer)) return { ok: false, reason: `software WebGL renderer (${renderer})` };
  return { ok: true, renderer };
}

/**
 * Opens a throwaway WebGL 2 context on an OffscreenCanvas (tfjs-webgl needs both in a worker),
 * reads its renderer, and releases the context at once so it does not count against the
 * browser's limit on live contexts.
 */
export function probeGpu(): GpuProbe {
  if (typeof OffscreenCanvas === 'undefined') return { ok: false, reason: 'no OffscreenCanvas in this worker' };
  let gl: WebGL2RenderingContext | null = null;
  try {
    gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return { ok: false, reason: 'WebGL 2 is unavailable' };
    return classifyRenderer(rendererOf(gl));
  } catch (error) {
    return { ok: false, reason: `WebGL probe failed: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
