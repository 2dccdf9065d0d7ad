/**
 * The two databases every accounts test runs on: the embedded one (SQLite, in memory) and
 * the run's PostgreSQL (testServices.ts), a fresh database of it per call so test files never
 * see each other's rows. Without a PostgreSQL the postgres cases fail with the reason.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { POSTGRES_INSTALL_HINT } from "./postgresServer.ts";

export type DatabaseName = "sqlite" | "postgres";
export const DATABASES: readonly DatabaseName[] = ["sqlite", "postgres"];

/** A new, empty PostgreSQL database on the run's server, as a URL. */
export async function freshPostgres(): Promise<string> {
  const { url, problem } = inject("services").postgres;
  if (!url) throw new Error(`the accounts tests need a PostgreSQL and none is available: ${problem}\nnpm test installs it when it can (${POSTGRES_INSTALL_HINT}), or set TEST_DATABASE_URL.`);
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client(url);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The server environment for one database: DATABASE_URL for PostgreSQL, nothing (in memory) for SQLite. */
export async function databaseEnv(db: DatabaseName): Promise<Record<string, string>> {
  return db === "postgres" ? { DATABASE_URL: await freshPostgres() } : {};
}
