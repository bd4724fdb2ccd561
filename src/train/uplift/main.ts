/** Standalone entry: `npx tsx src/train/uplift/main.ts [flags]` (same flags as `tailor uplift`). */
import { runUpliftCommand } from './command';

runUpliftCommand(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`uplift: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
