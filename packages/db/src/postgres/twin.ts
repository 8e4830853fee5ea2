/**
 * The PostgreSQL schema is derived from the SQLite one, table by table, so the two cannot drift: a
 * column, index or key added to src/schema/ appears in both (docs/decisions/033-postgresql-second-engine.md).
 * Each SQLite column type has exactly one PostgreSQL type here, chosen so a row copies over unchanged
 * (ISO text timestamps stay text, JSON text keeps its exact text); a type without one fails loudly.
 */
import { Column, getTableColumns, SQL } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  doublePrecision,
  foreignKey,
  index,
  json,
  type PgColumn,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { type AnySQLiteColumn, getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';

/** A SQLite table's PostgreSQL twin: same name, same column keys, the same TypeScript values. */
export type PgTwin<T extends SQLiteTable> = PgTableWithColumns<{
  name: T['_']['name'];
  schema: undefined;
  dialect: 'pg';
  columns: { [K in keyof T['_']['columns']]: TwinColumn<T['_']['columns'][K]> };
}>;

type TwinColumn<C extends AnySQLiteColumn> = PgColumn<{
  name: C['_']['name'];
  tableName: C['_']['tableName'];
  dataType: C['_']['dataType'];
  columnType: string;
  data: C['_']['data'];
  driverParam: unknown;
  notNull: C['_']['notNull'];
  hasDefault: C['_']['hasDefault'];
  isPrimaryKey: C['_']['isPrimaryKey'];
  isAutoincrement: C['_']['isAutoincrement'];
  hasRuntimeDefault: C['_']['hasRuntimeDefault'];
  enumValues: C['_']['enumValues'];
  baseColumn: never;
  identity: undefined;
  generated: undefined;
}>;

export type PgTwins<S> = {
  [K in keyof S as S[K] extends SQLiteTable ? K : never]: S[K] extends SQLiteTable ? PgTwin<S[K]> : never;
};

/**
 * The one mapping of column types. `SQLiteBoolean` (0/1) becomes `boolean`; better-auth's epoch
 * milliseconds (`SQLiteTimestamp`) become `timestamptz(3)`, exact to the millisecond; JSON text becomes
 * `json`, which keeps the text as written (key order included) where `jsonb` would rewrite it.
 */
function pgColumnFor(tableName: string, column: AnySQLiteColumn): PgColumnBuilderBase {
  const name = column.name;
  switch (column.columnType) {
    case 'SQLiteText':
      return text(name);
    case 'SQLiteTextJson':
      return json(name);
    case 'SQLiteBoolean':
      return boolean(name);
    case 'SQLiteReal':
      return doublePrecision(name);
    case 'SQLiteTimestamp':
      return timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
    case 'SQLiteInteger':
      // SQLite's integers are 64-bit, and some hold milliseconds since the epoch (rate-limit windows), past
      // PostgreSQL's 32-bit `integer`: every one is a `bigint`, read as a JS number. An autoincrement key (the
      // event log's `seq`) is an identity "by default", so a copy can keep every row's number.
      return (column as AnySQLiteColumn & { autoIncrement?: boolean }).autoIncrement
        ? bigint(name, { mode: 'number' }).generatedByDefaultAsIdentity()
        : bigint(name, { mode: 'number' });
    default:
      throw new Error(
        `${tableName}.${name}: no PostgreSQL type for ${column.columnType} (add one in packages/db/src/postgres/twin.ts)`,
      );
  }
}

/** The column's constraints and default, as declared on the SQLite side. */
function withConstraints(builder: PgColumnBuilderBase, column: AnySQLiteColumn): PgColumnBuilderBase {
  // The builders are chainable and return themselves; the casts keep one code path for every type.
  const b = builder as unknown as {
    primaryKey(): unknown;
    notNull(): unknown;
    default(value: unknown): unknown;
    unique(name?: string): unknown;
    $defaultFn(fn: () => unknown): unknown;
    $onUpdateFn(fn: () => unknown): unknown;
  };
  if (column.primary) b.primaryKey();
  else if (column.notNull) b.notNull();
  if (column.default !== undefined) b.default(column.default);
  if (column.defaultFn) b.$defaultFn(column.defaultFn);
  if (column.onUpdateFn) b.$onUpdateFn(column.onUpdateFn);
  if (column.isUnique) b.unique(column.uniqueName);
  return builder;
}

/** Derives the twin of every table in a Drizzle SQLite schema module (other exports are ignored). */
export function pgTwins<S extends Record<string, unknown>>(sqliteSchema: S): PgTwins<S> {
  const twins = new Map<SQLiteTable, PgTableWithColumns<never>>();
  const twinOf = (table: SQLiteTable) => {
    const twin = twins.get(table);
    if (!twin) throw new Error(`${getTableConfig(table).name} is referenced but not in the schema`);
    return twin;
  };
  const twinColumn = (column: Column): AnyPgColumn => {
    const twin = Object.values(
      getTableColumns(twinOf(column.table as SQLiteTable)) as Record<string, AnyPgColumn>,
    ).find((c) => c.name === column.name);
    if (!twin) throw new Error(`No twin for column ${column.name}`);
    return twin as AnyPgColumn;
  };
  const result: Record<string, unknown> = {};
  for (const [key, table] of Object.entries(sqliteSchema)) {
    if (!(table instanceof SQLiteTable)) continue;
    const config = getTableConfig(table);
    if (config.uniqueConstraints.length > 0 || config.checks.length > 0) {
      throw new Error(`${config.name}: unique constraints and checks have no PostgreSQL mapping yet (twin.ts)`);
    }
    const columns = Object.fromEntries(
      Object.entries(getTableColumns(table) as Record<string, AnySQLiteColumn>).map(([k, column]) => [
        k,
        withConstraints(pgColumnFor(config.name, column), column),
      ]),
    );
    // Keys, indexes and foreign keys are built lazily (drizzle calls this once every twin exists), over
    // the columns drizzle hands the callback: indexes need those, not the finished table's.
    const twin = pgTable(config.name, columns, (own) => {
      const ownColumn = (column: Column) => {
        const found = Object.values(own).find((c) => c.name === column.name);
        if (!found) throw new Error(`${config.name}: no twin for column ${column.name}`);
        return found as AnyPgColumn;
      };
      const ownSql = (expression: SQL): SQL =>
        new SQL(
          expression.queryChunks.map((chunk) =>
            chunk instanceof Column ? ownColumn(chunk) : chunk instanceof SQL ? ownSql(chunk) : chunk,
          ),
        );
      return [
        ...config.primaryKeys.map((pk) => primaryKey({ columns: pk.columns.map(ownColumn) as [AnyPgColumn] })),
        ...config.indexes.map(({ config: i }) => {
          // A whole-table unique index becomes a unique constraint (backed by an index of the same name):
          // PostgreSQL creates those with the table, before the foreign keys that may point at them.
          if (i.unique && !i.where && i.columns.every((c) => c instanceof Column)) {
            return unique(i.name).on(...(i.columns.map((c) => ownColumn(c as Column)) as [AnyPgColumn]));
          }
          const on = (i.unique ? uniqueIndex(i.name) : index(i.name)).on(
            ...(i.columns.map((c) => (c instanceof SQL ? ownSql(c) : ownColumn(c))) as [AnyPgColumn]),
          );
          return i.where ? on.where(ownSql(i.where)) : on;
        }),
        ...config.foreignKeys.map((fk) => {
          const reference = fk.reference();
          const built = foreignKey({
            name: fk.getName(),
            columns: reference.columns.map(ownColumn) as [AnyPgColumn],
            foreignColumns: reference.foreignColumns.map(twinColumn) as [AnyPgColumn],
          });
          if (fk.onDelete) built.onDelete(fk.onDelete);
          if (fk.onUpdate) built.onUpdate(fk.onUpdate);
          return built;
        }),
      ];
    });
    twins.set(table, twin as unknown as PgTableWithColumns<never>);
    result[key] = twin;
  }
  return result as PgTwins<S>;
}
