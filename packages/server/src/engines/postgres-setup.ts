// Setup file of the PostgreSQL project (vitest.config.ts at the root): the file's database goes with the file.
import { afterAll } from 'vitest';
import { stopPostgresForThisFile } from '../testing-engines.ts';

afterAll(() => stopPostgresForThisFile(), 60_000);
