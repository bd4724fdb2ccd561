/**
 * Size of a value as UTF-8 JSON, the measure behind `estimateBytes`. Counted from the UTF-16 string rather than
 * with TextEncoder so no buffer is allocated per event.
 */

/** UTF-8 length of `text`. A high surrogate counts with its partner as one four-byte code point. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** UTF-8 length of `JSON.stringify(value)` (0 for values JSON cannot represent, like `undefined`). */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '');
}
