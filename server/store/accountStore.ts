/**
 * The typed store functions for accounts and sign-ins. Rooms and routes call these, never
 * SQL; every function is one statement or one transaction, and none is called on a tick.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { AccountRow, Database } from "./schema.ts";

export interface Account {
  id: string;
  name: string;
  /** Set once the guest claimed the account with a username and password. */
  username: string | null;
  createdAt: number;
}

const toAccount = (r: Pick<AccountRow, "id" | "name" | "username" | "created_at">): Account => ({ id: r.id, name: r.name, username: r.username, createdAt: r.created_at });

/** A refresh token to store: its hash, never the token. */
export interface RefreshRecord {
  tokenHash: string;
  expiresAt: number;
}

/** Why a refresh token cannot be used, or the sign-in it belongs to. */
export type RefreshLookup =
  | { ok: true; accountId: string; sessionId: string }
  | { ok: false; reason: "unknown" | "expired" | "revoked" | "replayed" };

/** A UNIQUE constraint refused the write: SQLite's message or PostgreSQL's SQLSTATE 23505. */
function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  return err.code === "23505" || (typeof err.message === "string" && err.message.includes("UNIQUE constraint failed"));
}

export class AccountStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new guest account and its first sign-in, in one transaction. */
  async createGuest(name: string, refresh: RefreshRecord): Promise<{ account: Account; sessionId: string }> {
    const at = this.now();
    const account = { id: randomUUID(), name, username: null, password_hash: null, created_at: at };
    const sessionId = randomUUID();
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto("accounts").values(account).execute();
      await tx.insertInto("sessions").values({ id: sessionId, account_id: account.id, created_at: at, revoked_at: null }).execute();
      await tx.insertInto("refresh_tokens").values({ token_hash: refresh.tokenHash, account_id: account.id, session_id: sessionId, created_at: at, expires_at: refresh.expiresAt, used_at: null }).execute();
    });
    return { account: toAccount(account), sessionId };
  }

  async account(id: string): Promise<Account | undefined> {
    const row = await this.db.selectFrom("accounts").select(["id", "name", "username", "created_at"]).where("id", "=", id).executeTakeFirst();
    return row ? toAccount(row) : undefined;
  }

  /**
   * Give a guest account a username and password hash. "taken" when another account has the
   * username (the UNIQUE column decides a race), "claimed" when this one already has one.
   */
  async claim(id: string, username: string, passwordHash: string): Promise<"ok" | "taken" | "claimed"> {
    try {
      const r = await this.db.updateTable("accounts").set({ username, password_hash: passwordHash }).where("id", "=", id).where("username", "is", null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1 ? "ok" : "claimed";
    } catch (e) {
      if (isUniqueViolation(e)) return "taken";
      throw e;
    }
  }

  /** The account a username names, with its password hash (for login only). */
  async byUsername(username: string): Promise<{ account: Account; passwordHash: string } | undefined> {
    const row = await this.db.selectFrom("accounts").select(["id", "name", "username", "created_at", "password_hash"]).where("username", "=", username).executeTakeFirst();
    return row?.password_hash ? { account: toAccount(row), passwordHash: row.password_hash } : undefined;
  }

  /** A new sign-in (a login) with its first refresh token. */
  async startSession(accountId: string, refresh: RefreshRecord): Promise<string> {
    const at = this.now();
    const sessionId = randomUUID();
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto("sessions").values({ id: sessionId, account_id: accountId, created_at: at, revoked_at: null }).execute();
      await tx.insertInto("refresh_tokens").values({ token_hash: refresh.tokenHash, account_id: accountId, session_id: sessionId, created_at: at, expires_at: refresh.expiresAt, used_at: null }).execute();
    });
    return sessionId;
  }

  /** A new display name; seats taken from now on show it. */
  async rename(id: string, name: string): Promise<void> {
    await this.db.updateTable("accounts").set({ name }).where("id", "=", id).execute();
  }

  /** Whether a sign-in is still live (not logged out, not ended by a replayed token). */
  async sessionLive(sessionId: string, accountId: string): Promise<boolean> {
    const row = await this.db.selectFrom("sessions").select("revoked_at").where("id", "=", sessionId).where("account_id", "=", accountId).executeTakeFirst();
    return row !== undefined && row.revoked_at === null;
  }

  /**
   * Use a refresh token once: mark it used and store its successor, in one transaction, so
   * two concurrent refreshes with one token cannot both succeed. A token used a second time
   * means it was copied: its whole sign-in is revoked (RFC 6819 §5.2.2.3, refresh rotation).
   */
  async rotate(tokenHash: string, next: RefreshRecord): Promise<RefreshLookup> {
    const at = this.now();
    return this.db.transaction().execute(async (tx): Promise<RefreshLookup> => {
      const row = await tx
        .selectFrom("refresh_tokens")
        .innerJoin("sessions", "sessions.id", "refresh_tokens.session_id")
        .select(["refresh_tokens.account_id", "refresh_tokens.session_id", "refresh_tokens.expires_at", "refresh_tokens.used_at", "sessions.revoked_at"])
        .where("refresh_tokens.token_hash", "=", tokenHash)
        .executeTakeFirst();
      if (!row) return { ok: false, reason: "unknown" };
      if (row.revoked_at !== null) return { ok: false, reason: "revoked" };
      if (row.expires_at <= at) return { ok: false, reason: "expired" };
      // Only one transaction can flip used_at from null: the loser sees 0 rows and is a replay.
      const claimed = await tx.updateTable("refresh_tokens").set({ used_at: at }).where("token_hash", "=", tokenHash).where("used_at", "is", null).executeTakeFirst();
      if (row.used_at !== null || Number(claimed.numUpdatedRows) === 0) {
        await tx.updateTable("sessions").set({ revoked_at: at }).where("id", "=", row.session_id).execute();
        return { ok: false, reason: "replayed" };
      }
      await tx.insertInto("refresh_tokens").values({ token_hash: next.tokenHash, account_id: row.account_id, session_id: row.session_id, created_at: at, expires_at: next.expiresAt, used_at: null }).execute();
      return { ok: true, accountId: row.account_id, sessionId: row.session_id };
    });
  }

  /** Log out: revoke the sign-in the refresh token belongs to. False when the token is unknown. */
  async revokeByRefresh(tokenHash: string): Promise<boolean> {
    const row = await this.db.selectFrom("refresh_tokens").select("session_id").where("token_hash", "=", tokenHash).executeTakeFirst();
    if (!row) return false;
    await this.db.updateTable("sessions").set({ revoked_at: this.now() }).where("id", "=", row.session_id).where("revoked_at", "is", null).execute();
    return true;
  }

  /** Rows in a table (tests check that refused input wrote nothing). */
  async count(table: keyof Database): Promise<number> {
    const r = await this.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
