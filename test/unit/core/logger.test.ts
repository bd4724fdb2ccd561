import { describe, expect, it } from 'vitest';
import { createLogger, LOG_PREFIX } from '../../../src/core/logger';

function sink() {
  const lines: [string, unknown[]][] = [];
  const at = (level: string) => (...args: unknown[]) => lines.push([level, args]);
  return { lines, sink: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('createLogger', () => {
  it('prefixes every line and filters below the level (warn by default)', () => {
    const s = sink();
    const log = createLogger(undefined, s.sink);
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(s.lines).toEqual([
      ['warn', [LOG_PREFIX, 'w']],
      ['error', [LOG_PREFIX, 'e']],
    ]);
    log.level = 'debug';
    log.debug('now');
    expect(s.lines.at(-1)).toEqual(['debug', [LOG_PREFIX, 'now']]);
  });

  it('survives a throwing console', () => {
    const broken = { debug() { throw new Error('x'); }, info() { throw new Error('x'); }, warn() { throw new Error('x'); }, error() { throw new Error('x'); } };
    expect(() => createLogger('debug', broken).error('boom')).not.toThrow();
  });
});
