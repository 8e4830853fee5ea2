import type Database from 'better-sqlite3';
import type { OwnWrites } from './repositories/kept-while-unchanged.ts';

/** The tables a participant's template is loaded from (participants/load.ts). */
const TEMPLATE_TABLES = ['evaluation_templates', 'evaluation_stages', 'agent_profiles'] as const;

const byConnection = new WeakMap<Database.Database, OwnWrites>();

/**
 * This connection's writes to the tables a template is loaded from, counted by temporary triggers (this
 * connection's own, never stored; foreign-key cascades fire them too) calling into this process
 * (docs/decisions/046-templates-kept-across-commands.md). The count never goes back, rolled-back writes included.
 * A transaction that wrote one of the tables is `unsettled` until it has ended, and the count moves once more
 * then, so nothing it read after its write is kept, or served after it. Other connections' commits are for
 * `PRAGMA data_version` to tell.
 *
 * One count per connection, however many repositories use it. Undefined when the triggers cannot be made: inside
 * a transaction (they would roll back with it) or before the tables exist; the caller then counts every write.
 */
export function templateWritesOn(sqlite: Database.Database): OwnWrites | undefined {
  const known = byConnection.get(sqlite);
  if (known) return known;
  if (sqlite.inTransaction) return undefined;
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck();
  if (TEMPLATE_TABLES.some((table) => exists.get(table) === undefined)) return undefined;

  let count = 0;
  let open = false;
  // Transactions on a connection are synchronous (docs/decisions/003-synchronous-sqlite-transactions.md), so the
  // one that wrote has ended by the next microtask; start-up's asynchronous one is looked at again every
  // millisecond until it has.
  const settle = () => {
    if (sqlite.inTransaction) {
      setTimeout(settle, 1);
      return;
    }
    open = false;
    count++;
  };
  sqlite.function('stageflow_template_write', { deterministic: false }, () => {
    count++;
    if (sqlite.inTransaction && !open) {
      open = true;
      queueMicrotask(settle);
    }
    return null;
  });
  for (const table of TEMPLATE_TABLES) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      sqlite.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS stageflow_${table}_${op.toLowerCase()} AFTER ${op} ON main.${table} ` +
          'BEGIN SELECT stageflow_template_write(); END',
      );
    }
  }
  const writes: OwnWrites = { count: () => count, unsettled: () => open };
  byConnection.set(sqlite, writes);
  return writes;
}
