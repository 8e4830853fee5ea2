/**
 * Where to go after signing in: the `next` a guard put in the address, if it is a path on this site.
 * Anything else (another origin, `//evil.example`, a script URL) goes home, so the sign-in page
 * cannot be used to send people elsewhere.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

/** `/sign-in?next=/templates/…`: a page to come back to after signing in or up. */
export const withNext = (path: string, next: string | undefined) =>
  next && next !== '/' ? `${path}?next=${encodeURIComponent(next)}` : path;
