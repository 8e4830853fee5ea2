import { createRepositories, createTestDb } from '@stageflow/db';
import type { CreateAgentProfileInput, Role } from '@stageflow/domain';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { createCaller } from './caller.ts';
import { createInnerContext } from './context.ts';
import { fieldIssues } from './errors.ts';
import { createLogger } from './logger.ts';

const NOW = '2026-11-29T10:00:00.000Z';

/**
 * A fresh in-memory database with two workspaces, and a caller acting in each: what every API
 * test starts from. Calls go through the real procedures, middleware and error mapping. The clock
 * stands still unless a test brings its own.
 */
export function setupApi({ now = () => NOW }: { now?: () => string } = {}) {
  const db = createTestDb();
  const repos = createRepositories(db);
  const deps = { db, repos, log: createLogger('silent') };
  const workspace = (slug: string) => repos.workspaces.insert({ id: crypto.randomUUID(), slug, name: slug });
  const a = workspace('a');
  const b = workspace('b');
  const callerFor = (workspaceId: string, role: Role = 'owner') =>
    createCaller(
      createInnerContext(deps, { kind: 'user', userId: `${role}-of-${workspaceId}`, workspaceId, role }, { now }),
    );
  return {
    db,
    repos,
    deps,
    api: callerFor(a.id),
    other: callerFor(b.id),
    callerFor,
    workspaceId: a.id,
    otherWorkspaceId: b.id,
  };
}

export const interviewerInput = (overrides: Partial<CreateAgentProfileInput> = {}): CreateAgentProfileInput => ({
  name: 'Ada',
  persona: 'A calm, precise interviewer.',
  use_case: 'hiring',
  evaluation_dimensions: [
    { name: 'Design', weight: 60 },
    { name: 'Coding', weight: 40 },
  ],
  ...overrides,
});

/** The seed document's example array, verbatim. */
export const SEED_EXAMPLE = [
  {
    stage_name: 'Phone Screen',
    stage_type: 'ai_interview',
    stage_order: 0,
    pass_threshold: 60,
    automation_rule: 'auto_advance',
  },
  {
    stage_name: 'Technical',
    stage_type: 'ai_interview',
    stage_order: 1,
    pass_threshold: 75,
    automation_rule: 'require_reviewer_approval',
  },
  { stage_name: 'Final', stage_type: 'final_review', stage_order: 2, pass_threshold: 80 },
] as const;

/** Asserts a call fails with this tRPC code (and, optionally, that the message or an issue says so). */
export async function expectTRPCError(
  call: Promise<unknown>,
  code: TRPCError['code'],
  detail?: { message?: RegExp; issuePath?: (string | number)[] },
) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect(trpcError.code).toBe(code);
  if (detail?.message) expect(trpcError.message).toMatch(detail.message);
  if (detail?.issuePath) {
    expect(fieldIssues(trpcError.cause)?.map((i) => i.path)).toContainEqual(detail.issuePath);
  }
  return trpcError;
}
