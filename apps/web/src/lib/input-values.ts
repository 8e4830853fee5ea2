/**
 * Converters for react-hook-form's `setValueAs`: HTML inputs hold strings, the domain schemas want
 * numbers, `null` ("no value") or a missing key ("use the default").
 */
const isBlank = (raw: unknown) => raw === '' || raw === null || raw === undefined;

/** A number, or undefined when the box is empty (the schema's default applies). */
export const numberOrUndefined = (raw: unknown): number | undefined => (isBlank(raw) ? undefined : Number(raw));

/** A number, or null when the box is empty (an explicit "none", e.g. no pass mark). */
export const numberOrNull = (raw: unknown): number | null => (isBlank(raw) ? null : Number(raw));

/** A select whose empty option means "none". */
export const stringOrNull = (raw: unknown): string | null => (isBlank(raw) ? null : String(raw));

/** A select whose empty option means "use the default". */
export const stringOrUndefined = (raw: unknown): string | undefined => (isBlank(raw) ? undefined : String(raw));

/** "Go, SQL,  , Kafka" → ["Go", "SQL", "Kafka"]. */
export const splitList = (raw: string): string[] =>
  raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
