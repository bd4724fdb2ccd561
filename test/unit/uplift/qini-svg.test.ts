import { describe, expect, it } from 'vitest';
import { renderQiniSvg } from '../../../src/train/uplift/lib/qini-svg';

describe('renderQiniSvg', () => {
  it('draws one polyline per curve plus the random line, and escapes labels', () => {
    const x = Float64Array.from({ length: 1001 }, (_, i) => i);
    const y = x.map((v) => Math.sqrt(v));
    const svg = renderQiniSvg([{ label: 'a <b> & "c"', x, y }, { label: 'flat', x: Float64Array.of(0, 1000), y: Float64Array.of(0, Math.sqrt(1000)) }], 'T & U');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    const polylines = svg.match(/<polyline points="([^"]*)"/g) ?? [];
    expect(polylines).toHaveLength(3);
    // 1001 points are thinned to every 3rd (ceil(1001/400) = 3): indices 0, 3, …, 999 (334 points)
    // plus the end point 1000, which the stride skips → 335.
    const first = (polylines[1] as string).split('"')[1] as string;
    expect(first.split(' ')).toHaveLength(335);
    expect(first.split(' ').at(-1)).toBe('700.0,40.0');
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).toContain('T &amp; U');
    expect(svg).not.toContain('NaN');
  });

  it('rejects an empty list', () => {
    expect(() => renderQiniSvg([], 't')).toThrow(/'curves' passed to 'renderQiniSvg'/);
  });
});
