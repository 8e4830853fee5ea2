/**
 * The security headers of every answer, from Hono's `secureHeaders` middleware
 * (docs/decisions/013-security-headers-and-csp.md): a strict Content-Security-Policy for the web
 * app, no framing, no MIME sniffing, origin-only referrers to other sites, a browsing context of
 * our own, and HSTS only when PUBLIC_URL is https.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { setOnNodeResponse } from './node-response-headers.ts';

/**
 * The one inline style the web app needs: sonner (its toasts) adds its stylesheet as a `<style>`
 * element when it loads, first empty and then filled, and the browser checks both. These are the
 * SHA-256 hashes of the empty element and of sonner 2.0.8's stylesheet (apps/web pins it); another
 * version changes the second, and the browser test of the policy (apps/web/e2e/security-headers.test.ts)
 * then fails with the violation, which names the new hash.
 */
export const SONNER_STYLE_HASHES = [
  "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
  "'sha256-StEaX+se6YS7pqjzrzMIA0KaX9zF/8zAhvQXZAe5epY='",
];

/**
 * Nothing but the app's own files: no inline or `eval`'d script (the web app tells zod not to compile
 * parsers: apps/web/src/zod-without-eval.ts), no plugins, no `<base>` elsewhere, no framing. React's
 * `style={…}` props are set through the CSSOM, which the policy does not govern.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", ...SONNER_STYLE_HASHES],
  // index.html's icon is a data: SVG.
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Hono's `secureHeaders` with the policy above; HSTS (Hono's default value) only for an https PUBLIC_URL. Served
 * by Node, the headers it sets are worked out once (by running it on an empty answer) and put on Node's response
 * before each handler runs (node-response-headers.ts); in-process, the middleware itself sets them.
 */
export function securityHeaders(publicUrl?: string): MiddlewareHandler {
  const https = publicUrl !== undefined && new URL(publicUrl).protocol === 'https:';
  const hono = secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    crossOriginOpenerPolicy: 'same-origin',
    referrerPolicy: 'strict-origin-when-cross-origin',
    xFrameOptions: 'DENY',
    strictTransportSecurity: https,
  });
  let headers: [string, string][] | undefined;
  const worked = (async () => {
    const empty = { res: new Response(null) };
    await hono(empty as Context, async () => {});
    const set: [string, string][] = [];
    empty.res.headers.forEach((value, name) => {
      set.push([name, value]);
    });
    headers = set;
  })();
  return async (c, next) => {
    if (!headers) await worked;
    if (!setOnNodeResponse(c, headers!)) return hono(c, next);
    await next();
  };
}
