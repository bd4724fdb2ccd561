/**
 * Two builds from one config:
 *  1. the lazily loaded ES chunks (the module worker now; banner, audit UI and
 *     model later), content-hashed under dist/sdk/assets/;
 *  2. then dist/sdk/tailor.js, the classic IIFE loader a merchant's tag loads,
 *     built with the worker's hashed file name baked in.
 * The loader is built last, from the first build's output, because only then is
 * the worker's hash known.
 */
import { build, defineConfig, type Plugin } from 'vite';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** Entry points of the lazily loaded chunks, by name. */
export const LAZY_ENTRIES = { worker: 'src/worker/index.ts' } as const;

function tailorLoader(): Plugin {
  return {
    name: 'tailor-loader',
    apply: 'build',
    async writeBundle(_options, bundle) {
      const worker = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'worker');
      if (!worker) throw new Error("tailor-loader: the 'worker' entry is missing from the chunk build");
      await build({
        configFile: false,
        logLevel: 'warn',
        define: { __TAILOR_WORKER__: JSON.stringify(worker.fileName), __TAILOR_VERSION__: JSON.stringify(pkg.version) },
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
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  plugins: [tailorLoader()],
});
