/**
 * Rounds half away from zero. Binary floats store 1.005 as 1.00499…, so the shifted value is first
 * cut to 15 significant digits: that strips representation noise and lets the true half be seen.
 */
export function roundHalfAwayFromZero(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  const shifted = Number((Math.abs(value) * factor).toPrecision(15));
  const rounded = Math.round(shifted) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}
