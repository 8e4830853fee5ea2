/**
 * The web app's \`zod\`: zod as it is, speaking in plain sentences, and told never to compile parsers
 * with \`new Function\`. Zod probes for eval when it first builds an object parser, and the Content-Security-Policy allows none, so the probe
 * would be reported as a violation (docs/decisions/013-security-headers-and-csp.md). vite.config.ts
 * points every \`import … from 'zod'\` of the web build here, so the setting is made before any schema
 * exists, and it travels in zod's own chunk: only the pages that use zod load it (the shell does not).
 */
import { plainIssueMessage } from '@stageflow/domain/plain-errors';
import { config } from 'zod/v4';

// Validation messages in plain sentences, the same as the server's (docs/errors.md#validation-messages).
config({ jitless: true, localeError: plainIssueMessage });

export * from 'zod/v4';
