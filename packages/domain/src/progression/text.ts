/**
 * Optional text inputs use "" for "not set"; stored entities say so with `null`, which survives the
 * JSON round trip to the database where `undefined` would silently vanish.
 */
export const orNull = (value: string | null | undefined): string | null => (value ? value : null);

/** A moment as a participant reads it in a sentence, in UTC: `2026-12-02 14:00 UTC`. */
export const plainTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
