/**
 * The one way the server reaches its database: PostgreSQL when DATABASE_URL is set (what
 * `npm run cluster` needs: its processes share one database as they share Redis), else the
 * embedded SQLite file DATA_DIR/skirmish.db, created with its folder on first start.
 * Either way the migrations run before anything else touches it.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Kysely, PostgresDialect, type Dialect } from "kysely";
import pg from "pg";
import { migrateToLatest } from "./migrations.ts";
import { nodeSqliteDialect } from "./nodeSqlite.ts";
import type { Database } from "./schema.ts";

/** BIGINT's OID: read as a number (times in ms fit 2^53 for another 285,000 years). */
const INT8_OID = 20;

export type DatabaseKind = "sqlite" | "postgres";

export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Migrations this start applied (empty when the database was up to date). */
  applied: string[];
}

export interface DatabaseTarget {
  /** postgres://… ; unset: the embedded database. */
  databaseUrl?: string;
  /** The embedded database's folder; ":memory:" keeps it in memory (tests). */
  dataDir: string;
}

function dialectFor(t: DatabaseTarget): { dialect: Dialect; kind: DatabaseKind } {
  if (t.databaseUrl) {
    const types = { getTypeParser: (oid: number, format?: "text" | "binary") => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) };
    return { kind: "postgres", dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.databaseUrl, max: 10, types: types as pg.CustomTypesConfig }) }) };
  }
  if (t.dataDir === ":memory:") return { kind: "sqlite", dialect: nodeSqliteDialect(":memory:") };
  mkdirSync(t.dataDir, { recursive: true });
  return { kind: "sqlite", dialect: nodeSqliteDialect(join(t.dataDir, "skirmish.db")) };
}

export async function openDatabase(t: DatabaseTarget): Promise<OpenedDatabase> {
  const { dialect, kind } = dialectFor(t);
  const db = new Kysely<Database>({ dialect });
  try {
    return { db, kind, applied: await migrateToLatest(db) };
  } catch (e) {
    await db.destroy();
    throw e;
  }
}
