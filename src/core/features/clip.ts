/**
 * Clipping step: winsorise a value to the bounds learned in training (by default the 0.5th and
 * 99.5th percentiles), so one extreme session cannot dominate the standardised input.
 */
export function clip(value: number, low: number, high: number): number {
  if (!(low <= high)) {
    throw new Error(`'low' passed to 'clip' must not exceed 'high', got low=${low} high=${high}`);
  }
  return value < low ? low : value > high ? high : value;
}
