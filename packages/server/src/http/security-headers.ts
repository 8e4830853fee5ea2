/**
 * The security headers of every answer, from Hono's `secureHeaders` middleware
 * (docs/decisions/013-security-headers-and-csp.md): a strict Content-Security-Policy for the web
 * app, no framing, no MIME sniffing, origin-only referrers to other sites, a browsing context of
 * our own, and HSTS only when PUBLIC_URL is https; the APIs' answers get the few that concern an
 * answer no browser renders (docs/decisions/049-api-answers-security-headers.md).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { type HeaderList, headersForAnswer, setOnNodeResponse } from './node-response-headers.ts';

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
 * The policy of the two APIs' answers (`/trpc`, `/api/v1`): JSON (or a CSV export) read by code, never shown as a
 * page, so nothing may load from them and nothing may frame them (OWASP's REST Security Cheat Sheet).
 */
const API_CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
};

/** The headers of every answer: a middleware for the app's pages and everything else, and the APIs' own set. */
export interface SecurityHeaders {
  readonly middleware: MiddlewareHandler;
  /**
   * The APIs' headers, for the answer an API's route builds itself (api-route.ts): see `headersForAnswer`. A
   * promise only until they are worked out, just after the app is made.
   */
  forApiAnswer(c: Context): ((res: Response) => Response) | Promise<(res: Response) => Response>;
}

/**
 * Hono's `secureHeaders`: on the app's pages, assets and everything else, the policy above, origin-only referrers
 * and a browsing context of our own; on the APIs' answers only what concerns an answer no browser renders (no
 * sniffing, no framing, no reading from another site), as OWASP's REST Security Cheat Sheet lists them. HSTS
 * (Hono's default value) on both, only when PUBLIC_URL is https.
 */
export function securityHeaders(publicUrl?: string): SecurityHeaders {
  const https = publicUrl !== undefined && new URL(publicUrl).protocol === 'https:';
  const pages = workedOut(
    secureHeaders({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      crossOriginOpenerPolicy: 'same-origin',
      referrerPolicy: 'strict-origin-when-cross-origin',
      xFrameOptions: 'DENY',
      strictTransportSecurity: https,
    }),
  );
  const api = workedOut(
    secureHeaders({
      contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
      xFrameOptions: 'DENY',
      xContentTypeOptions: true,
      crossOriginResourcePolicy: 'same-origin',
      strictTransportSecurity: https,
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      referrerPolicy: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    }),
  );
  return {
    middleware: pages.middleware,
    forApiAnswer: (c) =>
      api.headers ? headersForAnswer(c, api.headers) : api.worked.then((list) => headersForAnswer(c, list)),
  };
}

interface WorkedOut {
  readonly middleware: MiddlewareHandler;
  /** The headers, once worked out (`worked`). */
  readonly headers: HeaderList | undefined;
  readonly worked: Promise<HeaderList>;
}

/**
 * Served by Node, the headers `hono` sets are worked out once (by running it on an empty answer) and put on Node's
 * response before each handler runs (node-response-headers.ts); in-process, the middleware itself sets them.
 */
function workedOut(hono: MiddlewareHandler): WorkedOut {
  let headers: HeaderList | undefined;
  const worked = (async () => {
    const empty = { res: new Response(null) };
    await hono(empty as Context, async () => {});
    const set: [string, string][] = [];
    empty.res.headers.forEach((value, name) => {
      set.push([name, value]);
    });
    headers = set;
    return set;
  })();
  return {
    get headers() {
      return headers;
    },
    worked,
    middleware: async (c, next) => {
      if (!setOnNodeResponse(c, headers ?? (await worked))) return hono(c, next);
      await next();
    },
  };
}
