/** A throwaway SDK directory holding a stand-in tailor.js and an empty assets/, for apps under test. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Makes the directory; returns its path. */
export function fakeSdkDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tailor-sdk-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'tailor.js'), 'console.log(1)');
  return dir;
}
