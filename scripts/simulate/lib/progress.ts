/**
 * A one-line progress bar on stderr: redrawn in place on a terminal, and on
 * a pipe (CI, logs) a line every tenth of the way so the log stays short.
 */

/** Where progress goes; `process.stderr` by default. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** A running bar. */
export interface ProgressBar {
  /** One more step done; `note` is shown after the count (e.g. failures so far). */
  tick(note?: string): void;
  /** Ends the bar with a summary line. */
  done(note?: string): void;
}

const WIDTH = 30;

/** Starts a bar of `total` steps labelled `label`. */
export function progressBar(label: string, total: number, stream: ProgressStream = process.stderr): ProgressBar {
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`'total' passed to 'progressBar' must be an integer ≥ 1, got ${String(total)}`);
  const started = Date.now();
  let count = 0;
  let lastTenth = 0;
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  const eta = () => (count > 0 && count < total ? `, ~${(((Date.now() - started) / count) * (total - count) / 1000).toFixed(0)} s left` : '');
  return {
    tick(note = '') {
      count++;
      const suffix = `${count}/${total} ${elapsed()}${eta()}${note ? ` ${note}` : ''}`;
      if (stream.isTTY) {
        const filled = Math.round((count / total) * WIDTH);
        stream.write(`\r\x1b[2K${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${suffix}`);
      } else if (Math.floor((count / total) * 10) > lastTenth || count === total) {
        lastTenth = Math.floor((count / total) * 10);
        stream.write(`${label}: ${suffix}\n`);
      }
    },
    done(note = '') {
      if (stream.isTTY) stream.write('\r\x1b[2K');
      stream.write(`${label}: ${count}/${total} in ${elapsed()}${note ? ` (${note})` : ''}\n`);
    },
  };
}
