/**
 * The typed store functions for moderation that outlives a room: blocks between accounts,
 * hosts' bans (of an account, an address, or both), and deleting an account with its personal
 * data. One statement or one transaction each; called at join, by the HTTP routes and by chat
 * commands, never on a tick.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { BansTable, Database } from "./schema.ts";

/** Most accounts one account may block: a cap on rows per account and on the join-time read. */
export const MAX_BLOCKS = 500;

export interface BlockEntry {
  accountId: string;
  name: string;
  since: number;
}

export interface Ban {
  id: string;
  accountId: string | null;
  address: string | null;
  reason: string;
  createdAt: number;
  endsAt: number;
  liftedAt: number | null;
}

export type BlockOutcome = "blocked" | "already" | "self" | "unknown_account" | "too_many";

const toBan = (r: BansTable): Ban => ({ id: r.id, accountId: r.account_id, address: r.address, reason: r.reason, createdAt: r.created_at, endsAt: r.ends_at, liftedAt: r.lifted_at });

export class ModerationStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * `accountId` hides `blockedId`'s chat. The cap is checked in the same transaction as the
   * insert; a second block of the same account changes nothing ("already").
   */
  async block(accountId: string, blockedId: string): Promise<BlockOutcome> {
    if (accountId === blockedId) return "self";
    return this.db.transaction().execute(async (tx): Promise<BlockOutcome> => {
      const target = await tx.selectFrom("accounts").select("id").where("id", "=", blockedId).executeTakeFirst();
      if (!target) return "unknown_account";
      const existing = await tx.selectFrom("blocks").select("blocked_id").where("account_id", "=", accountId).where("blocked_id", "=", blockedId).executeTakeFirst();
      if (existing) return "already";
      const { n } = await tx.selectFrom("blocks").select((eb) => eb.fn.countAll<number>().as("n")).where("account_id", "=", accountId).executeTakeFirstOrThrow();
      if (Number(n) >= MAX_BLOCKS) return "too_many";
      await tx.insertInto("blocks").values({ account_id: accountId, blocked_id: blockedId, created_at: this.now() }).onConflict((oc) => oc.columns(["account_id", "blocked_id"]).doNothing()).execute();
      return "blocked";
    });
  }

  /** Lift a block; false when there was none. */
  async unblock(accountId: string, blockedId: string): Promise<boolean> {
    const r = await this.db.deleteFrom("blocks").where("account_id", "=", accountId).where("blocked_id", "=", blockedId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** The accounts `accountId` blocks, newest first, with their current names. */
  async blocksOf(accountId: string): Promise<BlockEntry[]> {
    const rows = await this.db
      .selectFrom("blocks")
      .innerJoin("accounts", "accounts.id", "blocks.blocked_id")
      .select(["blocks.blocked_id", "accounts.name", "blocks.created_at"])
      .where("blocks.account_id", "=", accountId)
      .orderBy("blocks.created_at", "desc")
      .limit(MAX_BLOCKS)
      .execute();
    return rows.map((r) => ({ accountId: r.blocked_id, name: r.name, since: r.created_at }));
  }

  /** Just the ids (what a chat channel filters by), read once at join. */
  async blockedIds(accountId: string): Promise<string[]> {
    const rows = await this.db.selectFrom("blocks").select("blocked_id").where("account_id", "=", accountId).limit(MAX_BLOCKS).execute();
    return rows.map((r) => r.blocked_id);
  }

  async ban(b: { accountId: string | null; address: string | null; reason: string; endsAt: number }): Promise<Ban> {
    const row: BansTable = { id: randomUUID(), account_id: b.accountId, address: b.address, reason: b.reason, created_at: this.now(), ends_at: b.endsAt, lifted_at: null };
    await this.db.insertInto("bans").values(row).execute();
    return toBan(row);
  }

  /** Lift a ban early; undefined when no ban has that id, the ban as it was when already lifted. */
  async lift(id: string): Promise<Ban | undefined> {
    const row = await this.db.selectFrom("bans").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return undefined;
    if (row.lifted_at === null) await this.db.updateTable("bans").set({ lifted_at: this.now() }).where("id", "=", id).where("lifted_at", "is", null).execute();
    return toBan(row);
  }

  /** Bans still in force, newest first (at most `limit`). */
  async activeBans(limit = 500): Promise<Ban[]> {
    const rows = await this.db.selectFrom("bans").selectAll().where("lifted_at", "is", null).where("ends_at", ">", this.now()).orderBy("created_at", "desc").limit(limit).execute();
    return rows.map(toBan);
  }

  /**
   * The ban in force against this account or this address (the one that ends last), if any.
   * One indexed read per join.
   */
  async banOf(who: { accountId?: string; address?: string }): Promise<Ban | undefined> {
    if (!who.accountId && !who.address) return undefined;
    const row = await this.db
      .selectFrom("bans")
      .selectAll()
      .where("lifted_at", "is", null)
      .where("ends_at", ">", this.now())
      .where((eb) => {
        const either = [];
        if (who.accountId) either.push(eb("account_id", "=", who.accountId));
        if (who.address) either.push(eb("address", "=", who.address));
        return eb.or(either);
      })
      .orderBy("ends_at", "desc")
      .executeTakeFirst();
    return row ? toBan(row) : undefined;
  }

  /**
   * Delete an account and its personal data. The foreign keys do the rest in the same
   * statement: sessions, refresh tokens, ratings, blocks (both ways) and account bans cascade;
   * match_players.account_id is set null, so its match results stay, anonymised.
   */
  async deleteAccount(accountId: string): Promise<boolean> {
    const r = await this.db.deleteFrom("accounts").where("id", "=", accountId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
