/**
 * Kysely's SqliteDialect over `node:sqlite` (built into Node 24: no native module to build).
 * The dialect was written for better-sqlite3, whose statements take an array of parameters
 * and say whether they return rows (`reader`); node:sqlite's take them spread and answer
 * `columns()`. This is the whole difference, so the adapter is this small.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { SqliteDialect } from "kysely";

function statement(s: StatementSync) {
  return {
    // A statement that yields columns (SELECT, or anything with RETURNING) is read with all().
    reader: s.columns().length > 0,
    all: (p: ReadonlyArray<unknown>) => s.all(...(p as SQLInputValue[])),
    run: (p: ReadonlyArray<unknown>) => s.run(...(p as SQLInputValue[])),
    iterate: (p: ReadonlyArray<unknown>) => s.iterate(...(p as SQLInputValue[])),
  };
}

/** A dialect on the database file at `path` (":memory:" for a throwaway one). */
export function nodeSqliteDialect(path: string): SqliteDialect {
  const db = new DatabaseSync(path);
  // WAL: readers do not wait on the writer, and a crash mid-write leaves the last commit whole.
  db.exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL");
  return new SqliteDialect({ database: { close: () => db.close(), prepare: (sql) => statement(db.prepare(sql)) } });
}
