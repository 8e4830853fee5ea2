/**
 * Optional text inputs use "" for "not set"; stored entities say so with `null`, which survives the
 * JSON round trip to the database where `undefined` would silently vanish.
 */
export const orNull = (value: string | null | undefined): string | null => (value ? value : null);
