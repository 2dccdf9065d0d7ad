/**
 * The accounts HTTP interface (docs/protocol.md, "Accounts"):
 *   POST /api/auth/guest {name}            → 201 SignIn
 *   POST /api/auth/refresh {refreshToken}  → 200 SignIn (the old refresh token is spent)
 *   POST /api/auth/logout {refreshToken}   → 204
 *   GET  /api/accounts/me (Bearer token)   → 200 Profile
 *   PATCH /api/accounts/me {name} (Bearer) → 200 Profile
 *   POST /api/auth/claim {username,password} (Bearer, a guest's) → 200 Profile
 *   POST /api/auth/login {username,password} → 200 SignIn (a new sign-in on this browser)
 * Bodies are JSON of at most BODY_LIMIT bytes, checked against shared/auth.ts before anything
 * is read or written; each route has its own per-address budget. Tokens travel only in bodies
 * and the Authorization header, never in a URL, and are never logged.
 */
import type { IncomingMessage } from "node:http";
import express, { type Application, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import type { z } from "zod";
import { CredentialsRequest, GuestRequest, RefreshRequest, RenameRequest, TokenProblem, type AuthErrorBody, type Profile } from "../../shared/auth.ts";
import { refusalOf } from "../../shared/registry.ts";
import { TokenError } from "../auth/accessTokens.ts";
import type { Accounts } from "../auth/Accounts.ts";
import { LoginGuard } from "../auth/LoginGuard.ts";
import type { Account } from "../store/accountStore.ts";
import { log } from "../log.ts";
import { AddressBuckets } from "../net/AddressBuckets.ts";
import { bearerToken } from "./secrets.ts";

/** A guest name or a refresh token fits many times over. */
export const BODY_LIMIT = 1024;

/** Per address: [burst, per second]. New guests write rows, so they are the scarcest (and only valid ones count). */
const RATES = { guest: [10, 1 / 6], refresh: [30, 1], logout: [30, 1], me: [60, 2] } as const;

const send = (res: Response, status: number, body: AuthErrorBody) => void res.status(status).json(body);

const tokenStatus = (e: TokenError): number => (e.problem === TokenProblem.NoAccount ? 404 : 401);

export function mountAuthRoutes(app: Application, accounts: Accounts, addressOf: (req: IncomingMessage) => string): void {
  /** A per-address budget; `take` answers 429 and false when it is spent. */
  const budget = (name: keyof typeof RATES) => {
    const buckets = new AddressBuckets(RATES[name][0], RATES[name][1]);
    return (req: Request, res: Response): boolean => {
      const ip = addressOf(req);
      if (buckets.take(ip)) return true;
      res.setHeader("Retry-After", String(Math.max(1, buckets.retryAfterSeconds(ip))));
      send(res, 429, { error: "too many account requests from your address; wait a few seconds", code: "rate_limited" });
      return false;
    };
  };
  const limit = (name: keyof typeof RATES): RequestHandler => {
    const take = budget(name);
    return (req, res, next) => void (take(req, res) && next());
  };
  const guestBudget = budget("guest");
  const json = express.json({ limit: BODY_LIMIT, strict: true });

  /** Validate the body with `schema`, run `handle`, and turn a refusal or failure into a named answer. */
  const route =
    <S extends z.ZodType>(schema: S, handle: (body: z.infer<S>, res: Response) => Promise<void>, charge?: (req: Request, res: Response) => boolean): RequestHandler =>
    async (req, res) => {
      const parsed = schema.safeParse(req.body ?? {});
      if (!parsed.success) return send(res, 400, { error: refusalOf(parsed.error).detail, code: "invalid_body" });
      if (charge && !charge(req, res)) return;
      await answer(res, () => handle(parsed.data, res));
    };

  // Charged after validation: only a sign-in that will write rows spends the address's budget.
  app.post("/api/auth/guest", json, route(GuestRequest, async ({ name }, res) => {
    const signIn = await accounts.guest(name);
    log.info("guest account created", { account: signIn.account.id });
    res.status(201).json(signIn);
  }, guestBudget));
  app.post("/api/auth/refresh", limit("refresh"), json, route(RefreshRequest, async ({ refreshToken }, res) => {
    res.json(await accounts.refresh(refreshToken));
  }));
  app.post("/api/auth/logout", limit("logout"), json, route(RefreshRequest, async ({ refreshToken }, res) => {
    if (!(await accounts.logout(refreshToken))) return send(res, 401, { error: "the refresh token is not one this server issued", code: TokenProblem.Invalid });
    res.status(204).end();
  }));
  const bearer = (req: Request, res: Response) => bearerAccount(accounts, req, res);
  const profileOf = async (a: Account): Promise<Profile> => ({ id: a.id, name: a.name, username: a.username, createdAt: new Date(a.createdAt).toISOString(), ratings: await accounts.ratings.ratingsOf(a.id), seasonRatings: await accounts.ratings.seasonRatingsOf(a.id) });
  app.get("/api/accounts/me", limit("me"), (req: Request, res) =>
    answer(res, async () => {
      const account = await bearer(req, res);
      if (account) res.json(await profileOf(account));
    }),
  );
  app.patch("/api/accounts/me", limit("me"), json, route(RenameRequest, async ({ name }, res) => {
    const account = await bearer(res.req, res);
    if (!account) return;
    await accounts.store.rename(account.id, name);
    res.json(await profileOf({ ...account, name }));
  }));
  app.post("/api/auth/claim", limit("me"), json, route(CredentialsRequest, async ({ username, password }, res) => {
    const account = await bearer(res.req, res);
    if (!account) return;
    const done = await accounts.claim(account.id, username, password);
    if (done === "taken") return send(res, 409, { error: `the username "${username}" is taken; choose another`, code: "username_taken" });
    if (done === "claimed") return send(res, 409, { error: "this account already has a username", code: "already_claimed" });
    log.info("account claimed", { account: account.id });
    res.json(await profileOf({ ...account, username }));
  }));
  const logins = new LoginGuard();
  app.post("/api/auth/login", json, route(CredentialsRequest, async ({ username, password }, res) => {
    const ip = addressOf(res.req);
    const wait = logins.waitSeconds(ip, username);
    if (wait > 0) {
      res.setHeader("Retry-After", String(wait));
      return send(res, 429, { error: `too many wrong passwords; try again in ${wait} s`, code: "rate_limited" });
    }
    const signIn = await accounts.login(username, password);
    if (!signIn) {
      logins.wrong(ip, username);
      return send(res, 401, { error: "wrong username or password", code: "wrong_credentials" });
    }
    res.json(signIn);
  }));
  app.use(["/api/auth", "/api/accounts"], bodyErrors);
}

/** The account of the request's Bearer token, or undefined after answering 401 (a bad token throws TokenError, for `answer`). */
export async function bearerAccount(accounts: Pick<Accounts, "authenticate">, req: Request, res: Response): Promise<Account | undefined> {
  const token = bearerToken(req.headers.authorization);
  if (token) return (await accounts.authenticate(token)).account;
  send(res, 401, { error: "send the access token as Authorization: Bearer <token>", code: TokenProblem.Invalid });
  return undefined;
}

/** Run a handler: a TokenError is a 401 with its code; anything else a logged 503. */
export async function answer(res: Response, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (e instanceof TokenError) return send(res, tokenStatus(e), { error: e.message, code: e.problem });
    log.error("accounts request failed", { error: e instanceof Error ? e.message : String(e) });
    send(res, 503, { error: "accounts are unavailable right now; try again shortly", code: "accounts_unavailable" });
  }
}

/** express.json's refusals (too large, not JSON), answered in the routes' own shape. */
const bodyErrors: ErrorRequestHandler = (err: { type?: string; status?: number }, _req, res, next) => {
  if (err.type === "entity.too.large") return send(res, 413, { error: `the body is over ${BODY_LIMIT} bytes`, code: "invalid_body" });
  if (err.type === "entity.parse.failed") return send(res, 400, { error: "the body is not valid JSON", code: "invalid_body" });
  next(err);
};
