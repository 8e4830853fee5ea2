/**
 * What mail tests start from (docs/mail.md): the API kit with mail set up (or not), a worker over the
 * same database that sends to a local SMTP sink (@stageflow/testing's `startSmtpSink`), and a clock the
 * test moves. The worker is driven by hand (`worker.tick()`), so each try happens when the test says.
 */
import { randomUUID } from 'node:crypto';
import { type Db, writeTx } from '@stageflow/db';
import type { Role } from '@stageflow/domain';
import { NOW, startSmtpSink } from '@stageflow/testing';
import { createCaller } from './caller.ts';
import { createInnerContext } from './context.ts';
import { type MailDeps, mailNotSetUp } from './mail/deps.ts';
import { createSmtpSender } from './mail/smtp.ts';
import { createMailWorker } from './mail/worker.ts';
import { setupApi } from './testing.ts';

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
  const t = setupApi({ now: clock, mail });
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
    member: (workspaceId: string, role: Role, name: string) => addMember(t.db, t.deps, workspaceId, role, name, clock),
    close: () => sink.close(),
  };
}

/** Adds a user and their membership as better-auth would store them. */
export function addMember(
  db: Db,
  deps: ReturnType<typeof setupApi>['deps'],
  workspaceId: string,
  role: Role,
  name: string,
  now: () => string,
) {
  const userId = randomUUID();
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`;
  const at = Date.parse(now());
  writeTx(db, () => {
    db.$client
      .prepare('insert into users (id, name, email, email_verified, created_at, updated_at) values (?, ?, ?, 0, ?, ?)')
      .run(userId, name, email, at, at);
    db.$client
      .prepare('insert into members (id, workspace_id, user_id, role, created_at) values (?, ?, ?, ?, ?)')
      .run(randomUUID(), workspaceId, userId, role, at);
  });
  const api = createCaller(createInnerContext(deps, { kind: 'user', userId, workspaceId, role }, { now }));
  return { userId, email, name, api };
}
