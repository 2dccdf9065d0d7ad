/**
 * The versioned migrations, in order, run at start by Kysely's Migrator (which records each
 * in kysely_migration and takes a lock, so processes starting together over one PostgreSQL
 * run each once). They are written in Kysely's schema builder with portable types only, so
 * the same list builds the embedded database and PostgreSQL. Never edit a shipped one: add
 * the next, named by its number.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";

const m001_accounts: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("accounts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("username", "text", (c) => c.unique())
      .addColumn("password_hash", "text")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("sessions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("revoked_at", "bigint")
      .execute();
    await db.schema
      .createTable("refresh_tokens")
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id").onDelete("cascade"))
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .addColumn("used_at", "bigint")
      .execute();
    await db.schema.createIndex("refresh_tokens_session").on("refresh_tokens").column("session_id").execute();
    await db.schema.createIndex("sessions_account").on("sessions").column("account_id").execute();
  },
};

/** Every migration by name; names sort in the order they run. */
export const MIGRATIONS: Record<string, Migration> = {
  "001_accounts": m001_accounts,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Bring the database up to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results = [] } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results.find((r) => r.status === "Error");
  if (error) throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${error instanceof Error ? error.message : String(error)}`);
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
