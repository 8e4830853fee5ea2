// `pnpm db:migrate`: applies the committed migrations to DATABASE_PATH (the server also does this at start).
import { closeDb, createDb, migrateDb } from '../src/client.ts';

const file = process.env.DATABASE_PATH ?? new URL('../../../data/stageflow.db', import.meta.url).pathname;
const db = createDb(file);
migrateDb(db);
closeDb(db);
console.log(`Migrated ${file}`);
