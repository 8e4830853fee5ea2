/**
 * How a copy of the portal writes a moment: `Intl.DateTimeFormat` in the copy's own locale, so a date reads
 * as its language writes dates ("Monday, 30 November 2026 at 10:00", "lunes, 30 de noviembre de 2026, 10:00").
 */
export interface DateWords {
  /** A session's time in the zone it was booked in (the page names the zone beside it). */
  readonly inZone: (iso: string, timeZone: string) => string;
  /** A moment in UTC, saying so: when a retake opens, when answers were submitted. */
  readonly utc: (iso: string) => string;
}

export function dateWords(locale: string): DateWords {
  const format = (iso: string, timeZone: string, dateStyle: 'full' | 'long') => {
    try {
      return new Intl.DateTimeFormat(locale, { dateStyle, timeStyle: 'short', timeZone }).format(new Date(iso));
    } catch {
      // A zone this runtime does not know: the moment still reads, in UTC.
      return new Date(iso).toUTCString();
    }
  };
  return {
    inZone: (iso, timeZone) => format(iso, timeZone, 'full'),
    utc: (iso) => `${format(iso, 'UTC', 'long')} (UTC)`,
  };
}
