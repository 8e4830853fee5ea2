/**
 * The tests' clock: every test starts at the same instant, so times in answers can be written out and
 * two runs of the same calls give the same answers.
 */

/** The instant the tests' clock stands at. */
export const NOW = '2026-11-29T10:00:00.000Z';

export const HOUR_MS = 3_600_000;

/** `iso` moved on by `hours` (fractions too), as an ISO string. */
export const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR_MS).toISOString();

/** A clock that stands at `start` until the test moves it: for cool-downs, grace periods and the like. */
export function movingClock(start = NOW) {
  let now = Date.parse(start);
  return {
    now: () => new Date(now).toISOString(),
    advanceHours(hours: number) {
      now += hours * HOUR_MS;
    },
  };
}
