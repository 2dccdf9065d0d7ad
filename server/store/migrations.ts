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

/** Ratings per account and game, and every rated match once (its id is the primary key). */
const m002_ratings: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("ratings")
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("game", "text", (c) => c.notNull())
      .addColumn("mu", "double precision", (c) => c.notNull())
      .addColumn("sigma", "double precision", (c) => c.notNull())
      .addColumn("games", "integer", (c) => c.notNull())
      .addColumn("wins", "integer", (c) => c.notNull())
      .addColumn("losses", "integer", (c) => c.notNull())
      .addColumn("draws", "integer", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("ratings_pk", ["account_id", "game"])
      .execute();
    await db.schema
      .createTable("matches")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("game", "text", (c) => c.notNull())
      .addColumn("played_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("match_players")
      .addColumn("match_id", "text", (c) => c.notNull().references("matches.id").onDelete("cascade"))
      .addColumn("seat", "integer", (c) => c.notNull())
      // Null once the account is deleted: the result stays, anonymised (issue 16).
      .addColumn("account_id", "text", (c) => c.references("accounts.id").onDelete("set null"))
      .addColumn("result", "text", (c) => c.notNull())
      .addColumn("rating_before", "double precision", (c) => c.notNull())
      .addColumn("rating_after", "double precision", (c) => c.notNull())
      .addPrimaryKeyConstraint("match_players_pk", ["match_id", "seat"])
      .execute();
    await db.schema.createIndex("match_players_account").on("match_players").column("account_id").execute();
  },
};

/**
 * Stats beside ratings (kills, deaths, time played), a rating per season beside the all-time
 * one (a season starts everyone fresh), and what a match's history entry shows: whether it
 * was rated, its replay's id and each player's own numbers.
 */
const m003_stats_seasons: Migration = {
  async up(db: Kysely<any>) {
    for (const column of ["kills", "deaths", "played_ms"]) {
      await db.schema.alterTable("ratings").addColumn(column, "bigint", (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable("match_players").addColumn(column, "bigint", (c) => c.notNull().defaultTo(0)).execute();
    }
    await db.schema.alterTable("matches").addColumn("rated", "integer", (c) => c.notNull().defaultTo(1)).execute();
    await db.schema.alterTable("matches").addColumn("replay_id", "text").execute();
    await db.schema
      .createTable("season_ratings")
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("game", "text", (c) => c.notNull())
      .addColumn("season", "integer", (c) => c.notNull())
      .addColumn("mu", "double precision", (c) => c.notNull())
      .addColumn("sigma", "double precision", (c) => c.notNull())
      .addColumn("games", "integer", (c) => c.notNull())
      .addColumn("wins", "integer", (c) => c.notNull())
      .addColumn("losses", "integer", (c) => c.notNull())
      .addColumn("draws", "integer", (c) => c.notNull())
      .addColumn("kills", "bigint", (c) => c.notNull())
      .addColumn("deaths", "bigint", (c) => c.notNull())
      .addColumn("played_ms", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("season_ratings_pk", ["account_id", "game", "season"])
      .execute();
    await db.schema.createIndex("season_ratings_board").on("season_ratings").columns(["game", "season"]).execute();
    await db.schema.createIndex("ratings_board").on("ratings").column("game").execute();
    await db.schema.createIndex("matches_played_at").on("matches").columns(["played_at", "id"]).execute();
  },
};

/**
 * Moderation that sticks (issue 16): who each account blocks (hidden from them in every room's
 * chat), and hosts' bans of an account and/or an address with a reason and an end. A ban of an
 * account is dropped with it (the address ban, if any, is its own row and stays).
 */
const m004_moderation: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("blocks")
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("blocked_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("blocks_pk", ["account_id", "blocked_id"])
      .execute();
    await db.schema.createIndex("blocks_blocked").on("blocks").column("blocked_id").execute();
    await db.schema
      .createTable("bans")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.references("accounts.id").onDelete("cascade"))
      .addColumn("address", "text")
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("ends_at", "bigint", (c) => c.notNull())
      .addColumn("lifted_at", "bigint")
      .execute();
    await db.schema.createIndex("bans_account").on("bans").column("account_id").execute();
    await db.schema.createIndex("bans_address").on("bans").column("address").execute();
  },
};

/**
 * Stored replays' metadata (issue 17): one row per tick log ReplayStore saves, written at save
 * time, so GET /api/replays reads one indexed query instead of every sidecar. The log itself
 * stays a file; players and result are JSON text (read back whole, never queried into).
 */
const m005_replays: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("replays")
      .addColumn("match_id", "text", (c) => c.primaryKey())
      .addColumn("room_type", "text", (c) => c.notNull())
      .addColumn("rules_version", "integer", (c) => c.notNull())
      .addColumn("players", "text", (c) => c.notNull())
      .addColumn("started_at", "bigint", (c) => c.notNull())
      .addColumn("duration_ms", "bigint", (c) => c.notNull())
      .addColumn("truncated", "integer", (c) => c.notNull())
      .addColumn("result", "text", (c) => c.notNull())
      .addColumn("bytes", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("replays_started").on("replays").columns(["started_at", "match_id"]).execute();
  },
};

/** Every migration by name; names sort in the order they run. */
export const MIGRATIONS: Record<string, Migration> = {
  "001_accounts": m001_accounts,
  "002_ratings": m002_ratings,
  "003_stats_seasons": m003_stats_seasons,
  "004_moderation": m004_moderation,
  "005_replays": m005_replays,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Bring the database up to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results = [] } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results.find((r) => r.status === "Error");
  if (error) throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${error instanceof Error ? error.message : String(error)}`);
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
