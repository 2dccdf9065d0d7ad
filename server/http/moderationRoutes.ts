/**
 * Moderation's HTTP interface (docs/protocol.md, "Moderation"):
 *   GET    /api/accounts/me/blocks             (Bearer) → 200 BlockList
 *   PUT    /api/accounts/me/blocks/:accountId  (Bearer) → 204 (blocked; again: no change)
 *   DELETE /api/accounts/me/blocks/:accountId  (Bearer) → 204
 *   DELETE /api/accounts/me                    (Bearer) → 204: the account and its personal data are gone
 *   POST   /api/admin/bans {accountId?, address?, reason, minutes} → 201 BanView
 *   GET    /api/admin/bans                     → 200 { bans: BanView[] } (in force)
 *   DELETE /api/admin/bans/:id                 → 200 BanView (lifted)
 * The admin routes sit behind the monitor's password (MONITOR_PASSWORD, HTTP basic auth, the
 * same AdminGuard and lockout) and are not mounted at all without one. A guest sign-in or a
 * login from a banned address is refused (403, code "banned"). Ids and bodies are checked
 * before anything is read or written; every change reaches live rooms (liveModeration.ts).
 */
import type { IncomingMessage } from "node:http";
import express, { type Application, type Request, type RequestHandler, type Response } from "express";
import { AccountId, BanRequest, ModerationProblem, type BanView, type BlockList } from "../../shared/moderation.ts";
import { refusalOf } from "../../shared/registry.ts";
import type { Accounts } from "../auth/Accounts.ts";
import { log } from "../log.ts";
import { setBlock } from "../moderation/chatBlocks.ts";
import { banMessage } from "../moderation/joinModeration.ts";
import { publishModeration } from "../moderation/liveModeration.ts";
import { AddressBuckets } from "../net/AddressBuckets.ts";
import type { Ban } from "../store/moderationStore.ts";
import type { AdminGuard } from "./adminAuth.ts";
import { answer, bearerAccount, BODY_LIMIT } from "./authRoutes.ts";

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const banView = (b: Ban): BanView => ({ id: b.id, accountId: b.accountId, address: b.address, reason: b.reason, createdAt: iso(b.createdAt)!, endsAt: iso(b.endsAt)!, liftedAt: iso(b.liftedAt) });
const fail = (res: Response, status: number, error: string, code: string) => void res.status(status).json({ error, code });

/** A path id that must be an account or ban id (a UUID), or undefined after answering 400. */
function pathId(req: Request, res: Response, what: string): string | undefined {
  const parsed = AccountId.safeParse(req.params.id);
  if (parsed.success) return parsed.data;
  fail(res, 400, `${what} must be an id (a UUID)`, "invalid_id");
  return undefined;
}

export function mountModerationRoutes(app: Application, accounts: Accounts, addressOf: (req: IncomingMessage) => string, admin: { guard: AdminGuard; password: string | undefined }): void {
  const store = accounts.moderation;
  const buckets = new AddressBuckets(60, 2);
  const limit: RequestHandler = (req, res, next) => {
    if (buckets.take(addressOf(req))) return next();
    fail(res, 429, "too many account requests from your address; wait a few seconds", "rate_limited");
  };
  /** Run `handle` for the Bearer token's account (401 without one). */
  const signedIn = (handle: (accountId: string, req: Request, res: Response) => Promise<void>): RequestHandler => (req, res) =>
    answer(res, async () => {
      const account = await bearerAccount(accounts, req, res);
      if (account) await handle(account.id, req, res);
    });

  // A banned address gets no new guest account and no new sign-in (an account ban is met at join).
  // The check reads the database before the routes' own budgets, so it has a budget of its own.
  const banChecks = new AddressBuckets(30, 1);
  const refuseBannedAddress: RequestHandler = (req, res, next) => {
    if (!banChecks.take(addressOf(req))) return fail(res, 429, "too many account requests from your address; wait a few seconds", "rate_limited");
    void answer(res, async () => {
      const ban = await store.banOf({ address: addressOf(req) });
      if (!ban) return next();
      fail(res, 403, banMessage(ban), ModerationProblem.Banned);
    });
  };
  app.post(["/api/auth/guest", "/api/auth/login"], refuseBannedAddress);

  app.get("/api/accounts/me/blocks", limit, signedIn(async (me, _req, res) => {
    const list: BlockList = { blocks: (await store.blocksOf(me)).map((b) => ({ accountId: b.accountId, name: b.name, since: iso(b.since)! })) };
    res.json(list);
  }));
  app.put("/api/accounts/me/blocks/:id", limit, signedIn(async (me, req, res) => {
    const target = pathId(req, res, "the account to block");
    if (!target) return;
    const problem = await setBlock(store, me, target, true);
    if (!problem) return void res.status(204).end();
    if (target === me) return fail(res, 400, problem, ModerationProblem.BlockSelf);
    if (problem.includes("does not exist")) return fail(res, 404, problem, ModerationProblem.UnknownAccount);
    fail(res, 409, problem, ModerationProblem.TooManyBlocks);
  }));
  app.delete("/api/accounts/me/blocks/:id", limit, signedIn(async (me, req, res) => {
    const target = pathId(req, res, "the account to unblock");
    if (!target) return;
    await setBlock(store, me, target, false);
    res.status(204).end();
  }));
  app.delete("/api/accounts/me", limit, signedIn(async (me, _req, res) => {
    if (await store.deleteAccount(me)) {
      log.info("account deleted", { account: me });
      await publishModeration({ kind: "deleted", accountId: me });
    }
    res.status(204).end();
  }));

  if (!admin.password) return;
  const guard = admin.guard.basic(admin.password, "Skirmish admin", "the admin routes (MONITOR_PASSWORD)");
  const json = express.json({ limit: BODY_LIMIT, strict: true });
  app.post("/api/admin/bans", guard, json, (req, res) =>
    answer(res, async () => {
      const parsed = BanRequest.safeParse(req.body ?? {});
      if (!parsed.success) return fail(res, 400, refusalOf(parsed.error).detail, "invalid_body");
      const b = parsed.data;
      if (b.accountId && !(await accounts.store.account(b.accountId))) return fail(res, 404, "no account has that id", ModerationProblem.UnknownAccount);
      const ban = await store.ban({ accountId: b.accountId ?? null, address: b.address ?? null, reason: b.reason, endsAt: Date.now() + b.minutes * 60_000 });
      log.info("ban placed", { ban: ban.id, account: ban.accountId ?? "", minutes: b.minutes });
      await publishModeration({ kind: "ban", accountId: ban.accountId, address: ban.address, text: banMessage(ban) });
      res.status(201).json(banView(ban));
    }),
  );
  app.get("/api/admin/bans", guard, (_req, res) => answer(res, async () => void res.json({ bans: (await store.activeBans()).map(banView) })));
  app.delete("/api/admin/bans/:id", guard, (req, res) =>
    answer(res, async () => {
      const id = pathId(req, res, "the ban");
      if (!id) return;
      const ban = await store.lift(id);
      if (!ban) return fail(res, 404, "no ban has that id", ModerationProblem.UnknownBan);
      log.info("ban lifted", { ban: id });
      res.json(banView({ ...ban, liftedAt: ban.liftedAt ?? Date.now() }));
    }),
  );
  app.use("/api/admin", (err: { type?: string }, _req: Request, res: Response, next: (e?: unknown) => void) => {
    if (err.type === "entity.too.large") return fail(res, 413, `the body is over ${BODY_LIMIT} bytes`, "invalid_body");
    if (err.type === "entity.parse.failed") return fail(res, 400, "the body is not valid JSON", "invalid_body");
    next(err);
  });
}
