/**
 * `tailor page-values`: the site-wide page-value table from the merchant's order export (and analytics views),
 * written as the JSON file the collector serves to devices (TAILOR_PAGE_VALUES). Nothing about a shopper is read
 * on a device for it: the merchant's own books are the source.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parsePageValueTable } from '../../core/pageValues';
import { parseFlags, requiredFlag } from '../discount/lib/flags';
import { buildPageValueTable } from './buildPageValueTable';

/** Help text of `tailor page-values`. */
export const PAGE_VALUES_HELP = `Usage: tailor page-values --orders FILE.csv [options]

Builds the site-wide page-value table devices price PageValues with (GA's page value: revenue of the orders
that followed a page ÷ its unique page views), and writes it for the collector to serve in GET /v1/config
(start it with TAILOR_PAGE_VALUES=<the file>).

  --orders FILE.csv   one row per order: order_id, value (order revenue, ≥ 0), paths (the product pages or
                      product URLs bought, separated by '|'); other columns are ignored
  --views FILE.csv    optional: path, unique_views per page from your analytics; without it, views are
                      estimated as orders ÷ --conversion
  --conversion <p>    view-to-order conversion of a product page for the estimate (default 0.05)
  --funnel <paths>    comma-separated paths every order passes through (e.g. /cart,/checkout)
  --currency <code>   ISO 4217 code of the values (e.g. EUR)
  --as-of <date>      YYYY-MM-DD of the newest order (default: today, UTC)
  --out <file>        where the table goes (default: page-values.json)
  -h, --help          show this help`;

async function readText(path: string, flag: string): Promise<{ text: string; source: string }> {
  const source = resolve(path);
  try {
    return { text: await readFile(source, 'utf8'), source };
  } catch (error) {
    throw new Error(`tailor page-values: '--${flag}' file cannot be read: ${source} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
}

/** Runs `tailor page-values` with the arguments after the subcommand. */
export async function runPageValuesCommand(argv: string[]): Promise<void> {
  const command = 'page-values';
  const flags = parseFlags(argv, command, {
    orders: { type: 'string' }, views: { type: 'string' }, conversion: { type: 'string' }, funnel: { type: 'string' },
    currency: { type: 'string' }, 'as-of': { type: 'string' }, out: { type: 'string' },
  }, PAGE_VALUES_HELP);
  if (!flags) return;
  const orders = await readText(requiredFlag(flags, 'orders', command), 'orders');
  const views = typeof flags.views === 'string' ? await readText(flags.views, 'views') : null;
  const conversion = flags.conversion === undefined ? undefined : Number(flags.conversion);
  if (conversion !== undefined && !(conversion > 0 && conversion <= 1)) {
    throw new Error(`tailor ${command}: '--conversion' must be a share in (0, 1], got '${String(flags.conversion)}'`);
  }
  const asOf = typeof flags['as-of'] === 'string' ? flags['as-of'] : new Date().toISOString().slice(0, 10);
  const built = buildPageValueTable(orders, views, {
    asOf,
    ...(conversion !== undefined ? { conversion } : {}),
    ...(typeof flags.funnel === 'string' ? { funnel: flags.funnel.split(',').map((p) => p.trim()).filter(Boolean) } : {}),
    ...(typeof flags.currency === 'string' ? { currency: flags.currency } : {}),
  });
  // The collector validates the file the same way at start-up; failing here names the flag instead.
  const table = parsePageValueTable(built.table, `tailor ${command}`);
  const out = resolve(typeof flags.out === 'string' ? flags.out : 'page-values.json');
  await writeFile(out, `${JSON.stringify(table, null, 2)}\n`);
  const paths = Object.keys(table.values).length;
  process.stdout.write(`${built.orders} orders, revenue ${built.revenue.toFixed(2)}${table.currency ? ` ${table.currency}` : ''}; ${paths} paths priced`
    + ` (views ${built.measuredViews ? 'from --views' : `estimated at conversion ${conversion ?? 0.05}`})`
    + `${built.dropped ? `; ${built.dropped} lowest-revenue paths left out (at most ${paths})` : ''}\nwrote ${out}\n`
    + `serve it: TAILOR_PAGE_VALUES=${out} npm start\n`);
}
