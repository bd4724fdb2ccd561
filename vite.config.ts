/**
 * Two builds from one config:
 *  1. the lazily loaded ES chunks (the runtime the loader imports, the module
 *     worker; banner, audit UI and model later), content-hashed under dist/sdk/assets/;
 *  2. then dist/sdk/tailor.js, the classic IIFE loader a merchant's tag loads,
 *     built with the worker's hashed file name baked in.
 * The loader is built last, from the first build's output, because only then is
 * the worker's hash known.
 */
import { build, defineConfig, type Plugin } from 'vite';
import { tailorManifest } from './scripts/vite/manifestPlugin';
import { copyModels } from './scripts/vite/copyModels';
import { comlinkNoFinalizers } from './scripts/vite/comlinkNoFinalizers';

/** Entry points of the lazily loaded chunks, by name. */
export const LAZY_ENTRIES = { worker: 'src/worker/index.ts', runtime: 'src/sdk/runtime.ts', esm: 'src/index.ts' } as const;

function tailorLoader(): Plugin {
  return {
    name: 'tailor-loader',
    apply: 'build',
    async writeBundle(_options, bundle) {
      const entry = (name: string) => {
        const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === name);
        if (!chunk) throw new Error(`tailor-loader: the '${name}' entry is missing from the chunk build`);
        return chunk.fileName;
      };
      // Every chunk an entry imports statically, transitively: fetched beside the entry instead of after it.
      const staticDeps = (fileName: string): string[] => {
        const seen = new Set<string>();
        const walk = (name: string) => {
          const chunk = bundle[name];
          if (chunk?.type !== 'chunk') return;
          for (const dep of chunk.imports) {
            if (seen.has(dep)) continue;
            seen.add(dep);
            walk(dep);
          }
        };
        walk(fileName);
        return [...seen];
      };
      await build({
        configFile: false,
        logLevel: 'warn',
        define: {
          __TAILOR_WORKER__: JSON.stringify(entry('worker')),
          __TAILOR_WORKER_DEPS__: JSON.stringify(staticDeps(entry('worker'))),
          __TAILOR_RUNTIME__: JSON.stringify(entry('runtime')),
          __TAILOR_RUNTIME_DEPS__: JSON.stringify(staticDeps(entry('runtime'))),
        },
        build: {
          outDir: 'dist/sdk',
          emptyOutDir: false,
          target: 'es2019',
          modulePreload: false,
          minify: true,
          lib: { entry: 'src/sdk/loader.ts', formats: ['iife'], name: 'tailorLoader', fileName: () => 'tailor.js' },
        },
      });
    },
  };
}

export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/sdk',
    emptyOutDir: true,
    target: 'es2022',
    // The modulepreload polyfill is page code; the worker and the loader need none.
    modulePreload: false,
    manifest: 'manifest.json',
    minify: true,
    rollupOptions: {
      input: LAZY_ENTRIES,
      preserveEntrySignatures: 'strict',
      output: {
        format: 'es',
        // The ES-module entry keeps a stable name, like tailor.js: apps import it by URL.
        entryFileNames: (chunk) => (chunk.name === 'esm' ? 'tailor.mjs' : 'assets/[name]-[hash].js'),
        // Lazily imported chunks keep their module's name (banner, decisionModule…);
        // shared modules (core, comlink) get a neutral one: which entry they came from is noise.
        chunkFileNames: (chunk) => (chunk.isDynamicEntry ? 'assets/[name]-[hash].js' : 'assets/chunk-[hash].js'),
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  plugins: [comlinkNoFinalizers(), tailorLoader(), tailorManifest(), copyModels()],
});
