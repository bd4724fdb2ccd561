/**
 * The one logger Tailor uses, everywhere: page, worker, server and CLI.
 *
 * Every line carries the `[tailor]` prefix so a merchant can filter Tailor's
 * output and a privacy reviewer can grep for it. The default level is `warn`
 * because a merchant's console is not ours to fill.
 */

/** Levels in increasing order of severity; `silent` turns everything off. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Minimal console shape, so tests and the worker can inject their own sink. */
export interface LogSink {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** A prefixed logger with a mutable level. */
export interface Logger {
  level: LogLevel;
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** The prefix every Tailor log line starts with. */
export const LOG_PREFIX = '[tailor]';

/**
 * Creates a logger that writes to `sink` (the console by default).
 * Logging itself never throws: a broken console must not break the page.
 */
export function createLogger(level: LogLevel = 'warn', sink: LogSink = console): Logger {
  const emit = (at: Exclude<LogLevel, 'silent'>) => (...args: unknown[]): void => {
    if (ORDER[at] < ORDER[logger.level]) return;
    try {
      sink[at](LOG_PREFIX, ...args);
    } catch {
      // A throwing console (patched by a merchant's tooling) is not our problem to surface.
    }
  };
  const logger: Logger = { level, debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
  return logger;
}

/** The shared default logger. */
export const log: Logger = createLogger();
