/**
 * What mail tests start from (docs/mail.md): the API kit with mail set up (or not) on the engine this run tests,
 * a worker over the same database that sends to a local SMTP sink (@stageflow/testing's `startSmtpSink`), and a
 * clock the test moves. The worker is driven by hand (`worker.tick()`), so each try happens when the test says.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '@stageflow/domain';
import { NOW, startSmtpSink } from '@stageflow/testing';
import { createCaller } from './caller.ts';
import { createInnerContext } from './context.ts';
import { type MailDeps, mailNotSetUp } from './mail/deps.ts';
import { createSmtpSender } from './mail/smtp.ts';
import { createMailWorker } from './mail/worker.ts';
import { type ApiKit, addUserAsMember, setupEngineApi } from './testing.ts';

export const MAIL_FROM = 'Stageflow <no-reply@stageflow.test>';

export async function setupMail({
  configured = true,
  digestHour = 8,
}: {
  configured?: boolean;
  digestHour?: number;
} = {}) {
  let now = NOW;
  const clock = () => now;
  const sink = await startSmtpSink();
  const mail: MailDeps = configured ? { setup: { configured: true, from: MAIL_FROM }, wake: () => {} } : mailNotSetUp;
  // The worker claims every workspace's mail: on PostgreSQL the test needs a database of its own.
  const t = await setupEngineApi({ now: clock, mail, ownDatabase: true });
  const worker = createMailWorker({
    storage: t.deps.storage,
    publicUrl: t.deps.publicUrl,
    newId: randomUUID,
    send: createSmtpSender({ smtpUrl: sink.url, from: MAIL_FROM }),
    log: t.deps.log,
    now: clock,
    digestHour,
  });
  return {
    t,
    sink,
    worker,
    at: (iso: string) => {
      now = iso;
    },
    /** A real account and membership (the digest reads both), and a caller acting as it. */
    member: (workspaceId: string, role: Role, name: string) => addMember(t, workspaceId, role, name, clock),
    close: () => sink.close(),
  };
}

/** Adds a user and their membership as better-auth would store them, and a caller acting as the member. */
export async function addMember(t: ApiKit, workspaceId: string, role: Role, name: string, now: () => string) {
  const userId = randomUUID();
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`;
  await addUserAsMember(t, userId, role, { workspaceId, name, email, at: new Date(now()) });
  const api = createCaller(createInnerContext(t.deps, { kind: 'user', userId, workspaceId, role }, { now }));
  return { userId, email, name, api };
}
