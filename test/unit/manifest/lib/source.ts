/** Reads the project's own source files, for tests that hold the manifest against literals in the code. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root (tests run from it). */
export const ROOT = process.cwd();

/** Text of a file, by path relative to the root. */
export function source(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** `.ts` files under `dir` (relative to the root), recursively, as root-relative paths. */
export function tsFiles(dir: string): string[] {
  const entries = readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .sort();
}

/** Every first capture group of `re` (global) across `files`, with the file it came from. */
export function matchesIn(files: string[], re: RegExp): { file: string; match: RegExpExecArray }[] {
  const out: { file: string; match: RegExpExecArray }[] = [];
  for (const file of files) for (const match of source(file).matchAll(re)) out.push({ file, match });
  return out;
}
