import { hashString } from '../lib/hash-string';
import type { Product } from './types';

// Beans and leaves keep their natural colours whatever the palette, or a purple coffee bean looks wrong.
const BEAN = 'hsl(22 52% 30%)';
const LEAF = 'hsl(105 38% 36%)';

interface Palette {
  readonly main: string;
  readonly light: string;
  readonly accent: string;
}

// Distinct bit ranges of one hash drive independent choices, so neighbouring ids still look unrelated.
function bits(hash: number, shift: number, modulo: number): number {
  return (hash >>> shift) % modulo;
}

function coffeeBag(p: Palette): string {
  return `<path d="M130 130 L150 100 H250 L270 130 V330 H130 Z" fill="${p.main}"/>
<path d="M150 100 H250 L240 122 H160 Z" fill="#000" fill-opacity=".18"/>
<rect x="152" y="185" width="96" height="96" rx="8" fill="${p.light}"/>
<ellipse cx="200" cy="233" rx="26" ry="34" fill="${BEAN}" transform="rotate(-25 200 233)"/>
<path d="M188 206 C208 222 192 246 212 262" stroke="${p.light}" stroke-width="5" fill="none" stroke-linecap="round"/>`;
}

function teaTin(p: Palette): string {
  return `<rect x="142" y="140" width="116" height="190" rx="10" fill="${p.main}"/>
<rect x="134" y="116" width="132" height="34" rx="8" fill="${p.accent}"/>
<rect x="142" y="195" width="116" height="82" fill="${p.light}"/>
<path d="M200 266 C168 252 170 214 208 204 C226 226 222 258 200 266 Z" fill="${LEAF}"/>
<path d="M200 266 C202 244 206 228 214 212" stroke="${p.light}" stroke-width="3" fill="none"/>`;
}

function dripper(p: Palette): string {
  return `<path d="M120 140 H280 L236 250 H164 Z" fill="${p.main}"/>
<rect x="150" y="250" width="100" height="14" rx="4" fill="${p.accent}"/>
<path d="M160 264 H240 L232 330 H168 Z" fill="${p.light}" stroke="${p.accent}" stroke-width="6"/>
<path d="M150 170 H250" stroke="${p.light}" stroke-width="5" stroke-opacity=".6"/>`;
}

function kettle(p: Palette): string {
  return `<path d="M140 330 V210 C140 170 260 170 260 210 V330 Z" fill="${p.main}"/>
<path d="M146 300 C100 290 92 200 80 170" stroke="${p.main}" stroke-width="12" fill="none" stroke-linecap="round"/>
<path d="M260 220 C310 220 310 300 260 300" stroke="${p.accent}" stroke-width="14" fill="none"/>
<rect x="176" y="160" width="48" height="18" rx="9" fill="${p.accent}"/>`;
}

function mug(p: Palette): string {
  return `<rect x="130" y="160" width="130" height="170" rx="16" fill="${p.main}"/>
<path d="M260 195 C315 195 315 290 260 290" stroke="${p.main}" stroke-width="18" fill="none"/>
<rect x="130" y="215" width="130" height="36" fill="${p.light}"/>
<path d="M175 140 C165 120 190 110 180 90 M215 140 C205 120 230 110 220 90" stroke="${p.accent}"
  stroke-width="6" fill="none" stroke-linecap="round"/>`;
}

const GEAR_SHAPES = [dripper, kettle, mug] as const;

// A kettle drawn as a mug would look like a catalogue error, so gear whose id names its shape gets that shape;
// the rest (grinder, scale) fall back to a hash-chosen one.
const GEAR_BY_NAME: readonly [RegExp, (p: Palette) => string][] = [
  [/kettle|teapot/, kettle],
  [/dripper|filter|press/, dripper],
  [/tumbler|gaiwan|mug|cup/, mug],
];

function pictogram(product: Product, hash: number, palette: Palette): string {
  if (product.categoryId === 'coffee') return coffeeBag(palette);
  if (product.categoryId === 'tea') return teaTin(palette);
  const named = GEAR_BY_NAME.find(([pattern]) => pattern.test(product.id))?.[1];
  return (named ?? GEAR_SHAPES[bits(hash, 3, GEAR_SHAPES.length)] ?? dripper)(palette);
}

/**
 * A deterministic 400×400 SVG illustration of a product: colours and decoration come from a hash of the id and the
 * pictogram from the category, so every product has its own recognisable image without any stored assets.
 * The output contains only numbers derived from the hash, never catalogue text, so it needs no escaping.
 */
export function productImageSvg(product: Product): string {
  const hash = hashString(product.id);
  const hue = bits(hash, 0, 360);
  const hue2 = (hue + 25 + bits(hash, 9, 50)) % 360;
  const palette: Palette = {
    main: `hsl(${hue} 38% 32%)`,
    light: `hsl(${hue2} 55% 93%)`,
    accent: `hsl(${(hue + 180) % 360} 45% 42%)`,
  };
  const circles = [0, 1, 2].map((k) => {
    const cx = 30 + bits(hash, 4 + k * 7, 340);
    const cy = 30 + bits(hash, 7 + k * 6, 340);
    const r = 18 + bits(hash, 11 + k * 5, 56);
    return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="#fff" fill-opacity=".35"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" role="img">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="hsl(${hue} 42% 90%)"/><stop offset="1" stop-color="hsl(${hue2} 46% 80%)"/>
</linearGradient></defs>
<rect width="400" height="400" fill="url(#bg)"/>
${circles.join('\n')}
<ellipse cx="200" cy="340" rx="110" ry="14" fill="#000" fill-opacity=".12"/>
${pictogram(product, hash, palette)}
</svg>
`;
}
