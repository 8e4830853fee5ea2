import { z } from 'zod';

/** A calendar day as `YYYY-MM-DD`, one that exists (no 2026-02-30). */
export const CalendarDate = z.string().check((ctx) => {
  const day = ctx.value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    ctx.issues.push({ code: 'custom', input: day, message: 'must be a date as YYYY-MM-DD' });
    return;
  }
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(ms) || !new Date(ms).toISOString().startsWith(day)) {
    ctx.issues.push({ code: 'custom', input: day, message: `${day} is not a day of the calendar` });
  }
});

/** A period of whole days in UTC; either end may be left open. */
export interface Period {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** `to` before `from` is refused on `to`, so a form shows it beside the second date. */
export function periodIssue(p: Period) {
  if (p.from && p.to && p.to < p.from) return { path: ['to'], message: `must be on or after from (${p.from})` };
  return undefined;
}

/**
 * The instants a period covers (docs/rules.md#analytics-figures): from the start of `from` (UTC) up to,
 * not including, the start of the day after `to`. An open end is `null`. Stored times are ISO strings in
 * UTC, so they compare with these as text.
 */
export function periodBounds(p: Period): { readonly start: string | null; readonly end: string | null } {
  const start = p.from ? `${p.from}T00:00:00.000Z` : null;
  const end = p.to ? new Date(Date.parse(`${p.to}T00:00:00.000Z`) + 86_400_000).toISOString() : null;
  return { start, end };
}
