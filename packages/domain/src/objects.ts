/**
 * `{ ...base, ...more }`, at the speed it should have. On Node 20 every property an object literal writes after a
 * spread, or that is added to an object a spread made, costs about a microsecond (measured: `{ ...participant,
 * stage_state, … }` with eight of them took ~10 µs, and the page builds dozens in the decider's answers); a spread
 * alone, or two in a row, is fast. `Object.assign` onto a new object copies the same own properties in the same
 * order; an own `__proto__` key, which it would take for the prototype, goes through the spread instead
 * (docs/decisions/039-trpc-spread-and-sqlite-limits.md).
 */
export function extended<A extends object, B extends object>(base: A, more: B): Omit<A, keyof B> & B {
  if (Object.hasOwn(base, '__proto__') || Object.hasOwn(more, '__proto__')) return { ...base, ...more };
  return Object.assign({}, base, more);
}
