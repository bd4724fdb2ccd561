/**
 * Starts `src/server/main.ts` as a child process on free ports with a fresh
 * database, exactly as `npm start` runs it, and reads its `listening` line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** URLs of a running server. */
export interface RunningServer {
  tailorUrl: string;
  /** The generated demo merchant's keys (absent when TAILOR_MERCHANTS is set). */
  demoKeys?: { read: string; server: string };
  shopUrl: string;
  strictShopUrl: string;
  dbPath: string;
  stop(): Promise<void>;
}

/** Spawns the server; resolves once it printed its URLs. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'tailor-db-')), 'tailor.db');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: '0', SHOP_PORT: '0', TAILOR_DB: dbPath, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const urls = await new Promise<{ tailorUrl: string; shopUrl: string; strictShopUrl: string; demoKeys?: { read: string; server: string } }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s:\n${stderr}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"event":"listening"'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${stderr}`));
    });
  });
  return {
    ...urls,
    dbPath,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
