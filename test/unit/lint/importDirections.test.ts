import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// Proves the layer rules of ARCHITECTURE.md are enforced, not just written down.
const eslint = new ESLint();

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import directions', () => {
  it('keeps src/core free of other layers and platform libraries', async () => {
    expect(await violations('src/core/x.ts', "import { a } from '../sdk/tailor';\nexport const b = a;\n")).toHaveLength(1);
    expect(await violations('src/core/x.ts', "import { openDB } from 'idb';\nexport const b = openDB;\n")).toHaveLength(1);
    expect(await violations('src/core/x.ts', "import { log } from './logger';\nexport const b = log;\n")).toHaveLength(0);
  });

  it('lets src/sdk reach the worker only through protocol.ts, and never tfjs', async () => {
    expect(await violations('src/sdk/x.ts', "import type { TailorWorkerApi } from '../worker/protocol';\nexport type A = TailorWorkerApi;\n")).toHaveLength(0);
    expect(await violations('src/sdk/x.ts', "import { createWorkerApi } from '../worker/api';\nexport const a = createWorkerApi;\n")).toHaveLength(1);
    expect(await violations('src/sdk/x.ts', "import * as tf from '@tensorflow/tfjs-core';\nexport const a = tf;\n")).toHaveLength(1);
  });

  it('forbids importing server or train from other layers', async () => {
    expect(await violations('src/worker/x.ts', "import { openDatabase } from '../server/db';\nexport const a = openDatabase;\n")).toHaveLength(1);
    expect(await violations('src/train/x.ts', "import { createTailorApp } from '../server/app';\nexport const a = createTailorApp;\n")).toHaveLength(1);
    expect(await violations('demo/x.ts', "import { VERSION } from '../src/core/version';\nexport const a = VERSION;\n")).toHaveLength(1);
  });
});

describe('network access', () => {
  async function network(filePath: string, code: string): Promise<number> {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-globals' || m.ruleId === 'no-restricted-properties').length;
  }

  it('allows only the sync module to send', async () => {
    expect(await network('src/worker/sync/x.ts', "export const r = fetch('/v1/reports');\n")).toBe(0);
    expect(await network('src/worker/offers/x.ts', "export const r = fetch('https://evil.example');\n")).toBe(1);
    expect(await network('src/sdk/x.ts', "export const r = navigator.sendBeacon('/x', '');\n")).toBe(1);
    expect(await network('src/sdk/x.ts', "export const r = new XMLHttpRequest();\n")).toBe(1);
    expect(await network('src/core/x.ts', "export const r = globalThis.fetch('/x');\n")).toBe(1);
  });
});
