import { beforeEach, describe, expect, test } from 'vitest';
import { createTestDb, type Db } from '../client.ts';
import { users } from '../schema/index.ts';
import { createRepositories, type Repositories } from './index.ts';

const NOW = '2026-01-01T00:00:00.000Z';
let db: Db;
let repos: Repositories;
beforeEach(() => {
  db = createTestDb();
  repos = createRepositories(db);
});

const addUser = (id: string, email: string) =>
  db
    .insert(users)
    .values({ id, name: id, email, createdAt: new Date(NOW), updatedAt: new Date(NOW) })
    .run();

describe('the instance: whether the database is new, and its markers', () => {
  test('a database is new until it holds an account or a workspace', () => {
    expect(repos.instance.isNew()).toBe(true);
    addUser('u1', 'ada@example.com');
    expect(repos.instance.isNew()).toBe(false);

    const other = createRepositories(createTestDb());
    other.workspaces.insert({ id: 'w1', slug: 'acme', name: 'Acme' });
    expect(other.instance.isNew()).toBe(false);
  });

  test('a marker is recorded once and read back', () => {
    expect(repos.instance.marker('demo_seed')).toBeUndefined();
    repos.instance.mark('demo_seed', { workspace_id: 'w1' }, NOW);
    expect(repos.instance.marker('demo_seed')).toEqual({ value: { workspace_id: 'w1' }, recorded_at: NOW });
    expect(() => repos.instance.mark('demo_seed', { workspace_id: 'w2' }, NOW)).toThrow(/UNIQUE|PRIMARY/);
  });
});

describe('owners', () => {
  beforeEach(() => {
    repos.workspaces.insert({ id: 'w1', slug: 'acme', name: 'Acme' });
    repos.workspaces.insert({ id: 'w2', slug: 'beta', name: 'Beta' });
    addUser('u1', 'ada@example.com');
    repos.members.add({ id: 'm1', workspaceId: 'w1', userId: 'u1', role: 'admin' });
  });

  test('workspaces without an owner, by slug; an owner member takes a workspace off the list', () => {
    expect(repos.workspaces.withoutOwner().map((w) => w.slug)).toEqual(['acme', 'beta']);
    expect(repos.members.setRole('w1', 'u1', 'owner')).toBe(true);
    expect(repos.workspaces.withoutOwner().map((w) => w.slug)).toEqual(['beta']);
    expect(repos.members.ownerCount('w1')).toBe(1);
    expect(repos.members.ownerCount('w2')).toBe(0);
  });

  test('setRole changes only an existing membership', () => {
    expect(repos.members.setRole('w2', 'u1', 'owner')).toBe(false);
    expect(repos.members.roleOf('w2', 'u1')).toBeUndefined();
  });

  test('a user is found by email as better-auth stores it', () => {
    expect(repos.members.userByEmail(' Ada@Example.com ')).toMatchObject({ id: 'u1' });
    expect(repos.members.userByEmail('nobody@example.com')).toBeUndefined();
  });
});
