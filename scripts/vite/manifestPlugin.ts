/**
 * Build step: writes the data manifest (`tailor-manifest.json`, see src/core/manifest) next to tailor.js, so it
 * is generated from the code's own descriptors at every build and never edited by hand. The worker fetches it
 * from `${sdkBase}tailor-manifest.json` for `tailor.audit()`; auditors can `curl` it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { MANIFEST_FILE, buildManifest } from '../../src/core/manifest';

/** The manifest as written: pretty-printed (people read it), newline-terminated, deterministic. */
export function manifestJson(): string {
  return `${JSON.stringify(buildManifest(), null, 2)}\n`;
}

/** Writes `outDir/tailor-manifest.json`; returns its path. */
export async function writeManifest(outDir: string): Promise<string> {
  const file = join(resolve(outDir), MANIFEST_FILE);
  await mkdir(resolve(outDir), { recursive: true });
  await writeFile(file, manifestJson());
  return file;
}

/** The Vite plugin: writes the manifest into the build's outDir once the bundle is written. */
export function tailorManifest(): Plugin {
  let config: ResolvedConfig | undefined;
  return {
    name: 'tailor-manifest',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async writeBundle() {
      if (!config) throw new Error('tailorManifest: the Vite config was not resolved before writeBundle');
      await writeManifest(resolve(config.root, config.build.outDir));
    },
  };
}
