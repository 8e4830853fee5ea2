import { Column, Param, Placeholder } from 'drizzle-orm';
import type { Db } from '../client.ts';

type Values = Record<string, unknown>;

/**
 * A write built with Drizzle's query builder and named placeholders (`sql.placeholder`), compiled once to a
 * better-sqlite3 statement on the same connection, with where each value goes and how its column encodes it
 * worked out once too. Drizzle's prepared `run` asks of every parameter, on every run, whether it is a
 * placeholder (its `is`, which walks the parameter's class chain): with a dozen columns to a row and three rows
 * to an enrolment, that was ~5 µs of each of a bulk import's 500
 * (docs/decisions/044-writes-compiled-past-drizzles-placeholder-fill.md). The values are encoded as Drizzle
 * encodes them (JSON columns stringified, booleans as 0/1); a placeholder with no value is refused as Drizzle
 * refuses it.
 */
export function compiledWrite(db: Db, query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql, params } = query.toSQL();
  const statement = db.$client.prepare(sql);
  const binders = params.map((param): ((values: Values) => unknown) => {
    if (param instanceof Param && param.value instanceof Placeholder) {
      const { name } = param.value;
      const encoder = param.encoder;
      // Most columns store a value as it is (Drizzle's own `Column` encoder): those skip the call.
      if (encoder.mapToDriverValue === Column.prototype.mapToDriverValue)
        return (values) => placeholderValue(values, name);
      return (values) => encoder.mapToDriverValue(placeholderValue(values, name));
    }
    if (param instanceof Placeholder) return (values) => placeholderValue(values, param.name);
    return () => param;
  });
  return {
    run(values: Values): { changes: number } {
      const args = new Array<unknown>(binders.length);
      for (let i = 0; i < binders.length; i++) args[i] = binders[i]!(values);
      return statement.run(...args);
    },
  };
}

function placeholderValue(values: Values, name: string): unknown {
  const value = values[name];
  if (value === undefined && !(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
  return value;
}
