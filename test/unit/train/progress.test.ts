import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../src/train/lib/progress';

function sink(isTTY: boolean): { text: () => string; write: (t: string) => void; isTTY: boolean } {
  const chunks: string[] = [];
  return { isTTY, write: (t) => void chunks.push(t), text: () => chunks.join('') };
}

describe('createProgress', () => {
  it('prints only a start and an end line when not on a TTY', () => {
    const out = sink(false);
    const bar = createProgress('fold 1 mlp', 10, out);
    for (let i = 0; i < 10; i++) bar.tick(1, `loss ${i}`);
    bar.finish('best epoch 4');
    bar.finish('again');
    const lines = out.text().split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('fold 1 mlp: started (10 steps)');
    expect(lines[1]).toMatch(/^fold 1 mlp: done 10\/10 in \d+\.\ds \(best epoch 4\)$/);
  });

  it('redraws one line in place on a TTY', () => {
    const out = sink(true);
    const bar = createProgress('gbdt', 4, out);
    bar.tick(2, 'half');
    bar.finish();
    expect(out.text()).toContain('\r\x1b[2Kgbdt [############............] 2/4');
    expect(out.text()).toContain('half');
    expect(out.text().trimEnd().split('\n')).toHaveLength(1);
  });
});
