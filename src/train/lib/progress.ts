/**
 * A tiny progress bar on stderr. On a TTY it redraws one line (throttled); otherwise (CI, pipes)
 * it prints only a start and an end line so logs stay readable.
 */

/** Where progress is written; `process.stderr` by default. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** A running progress indicator. */
export interface Progress {
  /** Advances by `steps` (default 1) with an optional short note (e.g. the current loss). */
  tick(steps?: number, note?: string): void;
  /** Ends the bar with a summary line. */
  finish(note?: string): void;
}

const WIDTH = 24;
const REDRAW_MS = 100;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** Starts a progress indicator for `total` steps labelled `label`. */
export function createProgress(label: string, total: number, stream: ProgressStream = process.stderr): Progress {
  const started = Date.now();
  const tty = stream.isTTY === true;
  let done = 0;
  let lastDraw = 0;
  let finished = false;
  if (!tty) stream.write(`${label}: started (${total} steps)\n`);
  const draw = (note: string): void => {
    const filled = total > 0 ? Math.round((Math.min(done, total) / total) * WIDTH) : WIDTH;
    const bar = `${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}`;
    stream.write(`\r\x1b[2K${label} [${bar}] ${done}/${total} ${seconds(Date.now() - started)}${note ? ` ${note}` : ''}`);
  };
  return {
    tick(steps = 1, note = '') {
      done += steps;
      const now = Date.now();
      if (tty && now - lastDraw >= REDRAW_MS) {
        lastDraw = now;
        draw(note);
      }
    },
    finish(note = '') {
      if (finished) return;
      finished = true;
      if (tty) stream.write(`\r\x1b[2K`);
      stream.write(`${label}: done ${done}/${total} in ${seconds(Date.now() - started)}${note ? ` (${note})` : ''}\n`);
    },
  };
}
