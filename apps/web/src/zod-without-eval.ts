/**
 * Zod compiles fast object parsers with `new Function` and probes for it when the first object
 * schema is built. The Content-Security-Policy allows no eval, so the probe would be reported as a
 * violation (docs/decisions/013-security-headers-and-csp.md): zod is told not to try. This must run
 * before any schema is built, so main.tsx imports it first and vite.config.ts bundles it in zod's own
 * chunk, which every chunk that builds schemas imports.
 */
import { config } from 'zod';

config({ jitless: true });
