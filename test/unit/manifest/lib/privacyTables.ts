/**
 * The tables of PRIVACY.md, rendered from the manifest's descriptors. PRIVACY.md keeps each one between
 * `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`; test/unit/manifest/privacyDoc.test.ts fails when a
 * block differs from what the code says now, and
 *   npx tsx test/unit/manifest/lib/privacyTables.ts --write
 * rewrites the blocks in place.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONSENT_SIGNALS, ENDPOINTS, META_KEYS, OBJECT_STORES, OTHER_STORAGE, consentTable, measurementFields, reportFields } from '../../../../src/core/manifest';

const cell = (s: string | number) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: (string | number)[]) => `| ${cells.map(cell).join(' | ')} |`;
const head = (cells: string[]) => [row(cells), row(cells.map(() => '---'))];
const yes = (b: boolean) => (b ? 'yes' : '**no**');
const code = (s: string) => `\`${s}\``;

/** Every generated block by name, as markdown. */
export function renderBlocks(): Record<string, string> {
  return {
    'consent-signals': [
      ...head(['Signal', 'Read from', 'Effect']),
      ...CONSENT_SIGNALS.map((s) => row([s.signal, s.source, s.effect])),
    ].join('\n'),
    'consent-table': [
      ...head(['Situation', 'Store', 'Personalise', 'Sync', 'Reasons recorded']),
      ...consentTable().map((r) => row([r.when, yes(r.store), yes(r.personalise), yes(r.sync), r.reasons.join('; ') || '—'])),
    ].join('\n'),
    'object-stores': [
      ...head(['Object store', 'Key', 'Indexes', 'Holds', 'Kept for']),
      ...OBJECT_STORES.map((s) => row([code(s.name), s.keyPath ? code(s.keyPath) : 'out-of-line', Object.keys(s.indexes).map(code).join(', ') || '—', s.holds, s.retention])),
    ].join('\n'),
    'meta-keys': [...head(['`meta` key', 'Holds', 'Kept for']), ...META_KEYS.map((k) => row([code(k.key), k.holds, k.retention]))].join('\n'),
    'other-storage': [...head(['Where', 'Key', 'Holds', 'Kept for']), ...OTHER_STORAGE.map((o) => row([o.kind, code(o.key), o.holds, o.retention]))].join('\n'),
    endpoints: [
      ...head(['Request', 'Body fields', 'Query', 'When', 'What the collector learns']),
      ...ENDPOINTS.map((e) => row([code(`${e.method} ${e.path}`), e.body.map(code).join(', ') || '—', e.query.map(code).join(', ') || '—', e.when, e.reveals])),
    ].join('\n'),
    'report-fields': [
      ...head(['Field', 'Noise', 'Values', 'k', 'ε', 'P(true value sent)', 'Meaning']),
      ...reportFields().map((f) => row([code(f.field), f.noise, f.values, f.k ?? '—', f.epsilon ?? '—', f.pTruth ?? '—', f.description])),
    ].join('\n'),
    'measurement-fields': [...head(['Field', 'Values', 'Meaning']), ...measurementFields().map((f) => row([code(f.field), f.values, f.description]))].join('\n'),
  };
}

const BLOCK = /(<!-- generated:([\w-]+) -->\n)([\s\S]*?)(<!-- \/generated:\2 -->)/g;

/** `markdown` with every generated block replaced by its current rendering; throws on an unknown block name. */
export function applyBlocks(markdown: string): string {
  const blocks = renderBlocks();
  return markdown.replace(BLOCK, (_m, open: string, name: string, _body: string, close: string) => {
    const body = blocks[name];
    if (body === undefined) throw new Error(`PRIVACY.md has a generated block '${name}' that privacyTables.ts does not render`);
    return `${open}${body}\n${close}`;
  });
}

/** Names of the generated blocks present in `markdown`. */
export function blockNames(markdown: string): string[] {
  return [...markdown.matchAll(BLOCK)].map((m) => m[2]!);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  const doc = readFileSync('PRIVACY.md', 'utf8');
  writeFileSync('PRIVACY.md', applyBlocks(doc));
  console.log('PRIVACY.md tables regenerated');
}
