// `pnpm db:migrate`: applies the committed migrations to DATABASE_PATH (the server also does this at start).

import { resolve } from 'node:path';
import { closeDb, createDb, migrateDb } from '../src/client.ts';

// Relative paths are taken from the repository root, as the server takes them.
const repoRoot = new URL('../../../', import.meta.url).pathname;
const file = resolve(repoRoot, process.env.DATABASE_PATH ?? 'data/stageflow.db');
const db = createDb(file);
migrateDb(db);
closeDb(db);
console.log(`Migrated ${file}`);
