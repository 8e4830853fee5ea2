// Leases on an outbox's rows (leases.ts, docs/mail.md#several-processes): two connections to one
// database file, as two server processes have, never hold the same row; a lease that ran out is
// taken over; a late worker's settle changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { closeDb, createDb, type Db, migrateDb, writeTx } from './client.ts';
import { createRepositories, type NewMail } from './repositories/index.ts';

const T0 = '2026-06-01T10:00:00.000Z';
const T1 = '2026-06-01T10:01:00.000Z';
const T2 = '2026-06-01T10:03:00.000Z';

let dir: string;
let first: Db;
let second: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stageflow-leases-'));
  first = createDb(join(dir, 'db.sqlite'));
  migrateDb(first);
  second = createDb(join(dir, 'db.sqlite'));
});
afterEach(() => {
  closeDb(first);
  closeDb(second);
  rmSync(dir, { recursive: true, force: true });
});

const message = (n: number): NewMail => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  workspace_id: 'w1',
  kind: 'review_digest',
  to_address: `r${n}@example.com`,
  to_name: null,
  language: 'en',
  subject: `Digest ${n}`,
  text_body: 'text',
  html_body: '<p>html</p>',
  status: 'queued',
  created_at: T0,
  created_by: 'system',
});

function seed(n: number) {
  const repos = createRepositories(first);
  repos.workspaces.insert({ id: 'w1', slug: 'one', name: 'One' });
  writeTx(first, (tx) =>
    repos.mail.insert(
      tx,
      Array.from({ length: n }, (_, i) => message(i + 1)),
    ),
  );
}

test('two processes claiming at once never take the same row', () => {
  seed(10);
  const a = createRepositories(first).mail;
  const b = createRepositories(second).mail;
  const lease = (owner: string) => ({ owner, now: T0, until: T1 });
  const taken: string[][] = [];
  // Interleaved claims, as two processes polling at once do.
  for (let round = 0; round < 4; round++) {
    taken.push(writeTx(first, (tx) => a.claim(tx, lease('a'), 2)).map((m) => m.id));
    taken.push(writeTx(second, (tx) => b.claim(tx, lease('b'), 2)).map((m) => m.id));
  }
  const all = taken.flat();
  expect(all).toHaveLength(10);
  expect(new Set(all).size).toBe(10);
  expect(taken.every((ids) => ids.length <= 2)).toBe(true);
  // Every row is leased: a third claim gets none.
  expect(writeTx(first, (tx) => a.claim(tx, lease('c'), 10))).toEqual([]);
});

test('a lease that ran out is taken over, and the late holder cannot settle', () => {
  seed(1);
  const mail = createRepositories(first).mail;
  const [claimed] = writeTx(first, (tx) => mail.claim(tx, { owner: 'dead', now: T0, until: T1 }, 5));
  expect(claimed?.id).toBeDefined();
  // Still leased: nobody else gets it.
  expect(
    writeTx(second, (tx) => createRepositories(second).mail.claim(tx, { owner: 'b', now: T0, until: T1 }, 5)),
  ).toEqual([]);
  // After the lease ends, another worker takes it.
  const [again] = writeTx(second, (tx) =>
    createRepositories(second).mail.claim(tx, { owner: 'alive', now: T2, until: '2026-06-01T10:05:00.000Z' }, 5),
  );
  expect(again?.id).toBe(claimed?.id);
  const sent = {
    status: 'sent',
    attempts: 1,
    next_attempt_at: null,
    last_error: null,
    sent_at: T2,
    smtp_message_id: '<x@y>',
  } as const;
  expect(writeTx(first, (tx) => mail.settle(tx, claimed!.id, 'dead', sent))).toBe(false);
  expect(writeTx(first, (tx) => mail.settle(tx, claimed!.id, 'alive', sent))).toBe(true);
  expect(mail.byId('w1', claimed!.id)).toMatchObject({ status: 'sent', attempts: 1, sent_at: T2 });
  // Settled and released: it is not due any more.
  expect(writeTx(first, (tx) => mail.claim(tx, { owner: 'x', now: T2, until: T2 }, 5))).toEqual([]);
});

test('a message with a key the workspace already has is not written twice', () => {
  seed(0);
  const mail = createRepositories(first).mail;
  const keyed = { ...message(1), dedupe_key: 'review_digest:u1:2026-06-01' };
  expect(writeTx(first, (tx) => mail.insert(tx, [keyed]))).toBe(1);
  expect(writeTx(second, (tx) => createRepositories(second).mail.insert(tx, [{ ...keyed, id: message(2).id }]))).toBe(
    0,
  );
  expect(mail.list('w1', { limit: 10 }).items).toHaveLength(1);
});

test('a running bulk action: one holder at a time, renewed while held, taken over once it ran out', () => {
  const repos = createRepositories(first);
  repos.workspaces.insert({ id: 'w1', slug: 'one', name: 'One' });
  writeTx(first, (tx) =>
    repos.bulkActions.insert(tx, {
      id: 'b1',
      workspace_id: 'w1',
      request: { action: 'tag', tags: { add: ['x'], remove: [] } },
      filter: null,
      created_by: 'user:u1',
      created_at: T0,
      people: [{ participant_id: 'p1', name: null }],
    }),
  );
  const a = createRepositories(first).bulkActions;
  const b = createRepositories(second).bulkActions;
  const claim = (repo: typeof a, db: Db, owner: string, now: string, until: string) =>
    writeTx(db, (tx) => repo.claim(tx, 'w1', 'b1', { owner, now, until }));

  expect(claim(a, first, 'A', T0, T1)).toBe(true);
  expect(claim(b, second, 'B', T0, T1)).toBe(false);
  // A renews before its lease ends; B still waits.
  expect(claim(a, first, 'A', T0, T2)).toBe(true);
  expect(claim(b, second, 'B', T1, T2)).toBe(false);
  // A went quiet: past its lease, B takes the action, and A's next renewal fails.
  expect(claim(b, second, 'B', T2, '2026-06-01T10:05:00.000Z')).toBe(true);
  expect(claim(a, first, 'A', T2, '2026-06-01T10:05:00.000Z')).toBe(false);
  // A release by a former holder changes nothing; the holder's frees it at once.
  writeTx(first, (tx) => a.release(tx, 'w1', 'b1', 'A'));
  expect(claim(a, first, 'A', T2, '2026-06-01T10:05:00.000Z')).toBe(false);
  writeTx(second, (tx) => b.release(tx, 'w1', 'b1', 'B'));
  expect(claim(a, first, 'A', T2, '2026-06-01T10:05:00.000Z')).toBe(true);
});
