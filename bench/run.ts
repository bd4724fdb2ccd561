/**
 * `npm run bench`: builds nothing itself (run `npm run build` first — the npm
 * script does), starts the server, runs every bench/*.bench.ts in one process,
 * and writes bench/results.json plus the table in BENCHMARKS.md.
 * `--quick` runs fewer repetitions; `--only NAME` runs matching files only.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { startServer } from '../test/e2e/lib/server';
import type { Benchmark, Figure } from './lib/figure';

const quick = process.argv.includes('--quick');
const onlyIdx = process.argv.indexOf('--only');
const only = onlyIdx > 0 ? process.argv[onlyIdx + 1] : undefined;

const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
const server = await startServer();
const date = new Date().toISOString();
const machine = `${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const sections: { title: string; figures: Figure[] }[] = [];
const failed: string[] = [];
try {
  for (const file of files) {
    const { benchmark } = (await import(`./${file}`)) as { benchmark: Benchmark };
    process.stderr.write(`bench: ${benchmark.title} (${file})…\n`);
    try {
      const figures = await benchmark.run({ ...server, quick });
      sections.push({ title: benchmark.title, figures });
      for (const f of figures) process.stderr.write(`  ${f.name}: median ${f.median} ${f.unit} (${f.runs} runs)\n`);
    } catch (error) {
      // One broken benchmark must not throw away the others' figures; the run still fails at the end.
      failed.push(file);
      process.stderr.write(`  FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
} finally {
  await server.stop();
}

// Merge with earlier results so `--only` refreshes some figures and keeps the rest.
let previous: { figures: (Figure & { date: string; machine: string; section: string })[] } = { figures: [] };
try {
  previous = JSON.parse(readFileSync('bench/results.json', 'utf8'));
} catch {
  // First run.
}
const fresh = sections.flatMap((s) => s.figures.map((f) => ({ ...f, section: s.title, date, machine })));
const names = new Set(fresh.map((f) => f.name));
const all = [...previous.figures.filter((f) => !names.has(f.name)), ...fresh];
writeFileSync('bench/results.json', `${JSON.stringify({ figures: all }, null, 2)}\n`);

const md = readFileSync('BENCHMARKS.md', 'utf8');
const table = [
  '| section | figure | median | min | max | unit | runs | date | note |',
  '|---|---|---:|---:|---:|---|---:|---|---|',
  ...all.map((f) => `| ${f.section} | ${f.name} | ${f.median} | ${f.min} | ${f.max} | ${f.unit} | ${f.runs} | ${f.date.slice(0, 10)} | ${f.note ?? ''} |`),
].join('\n');
const start = '<!-- results:start -->';
const end = '<!-- results:end -->';
const next = md.includes(start)
  ? `${md.slice(0, md.indexOf(start) + start.length)}\n\nMachine: ${machine}\n\n${table}\n\n${md.slice(md.indexOf(end))}`
  : `${md}\n${start}\n\n${table}\n\n${end}\n`;
writeFileSync('BENCHMARKS.md', next);
console.log(`wrote bench/results.json (${all.length} figures) and BENCHMARKS.md`);
if (failed.length) {
  console.error(`benchmarks failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
