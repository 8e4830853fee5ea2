import { type SmtpSink, startSmtpSink } from '@stageflow/testing';
import { afterAll } from 'vitest';
import { test as base } from './fixtures.ts';

/**
 * A file's tests against a local SMTP sink: the built server of the file sends its mail there (SMTP_URL), and
 * the tests read what arrived. Call at the top of a test file; the sink closes after the file.
 */
export async function withSmtpSink(): Promise<{ sink: SmtpSink; test: typeof base }> {
  const sink = await startSmtpSink();
  afterAll(() => sink.close());
  const test = base.override(
    'appOptions',
    { scope: 'file' },
    { env: { SMTP_URL: sink.url, MAIL_FROM: 'Stageflow <no-reply@stageflow.test>' } },
  );
  return { sink, test };
}
