/**
 * The secrets in front of the admin routes (the monitor's password, the metrics token), with
 * a per-address budget of wrong guesses: 10, then one every 6 s. Past it the address gets
 * 429 with Retry-After, whatever it sends, and every refusal is logged (1st, 2nd, 4th, 8th...
 * per address, so a flood cannot flood the log). Secrets are never logged.
 */
import type { IncomingMessage } from "node:http";
import type { Request, RequestHandler, Response } from "express";
import { LRUCache } from "lru-cache";
import { log } from "../log.ts";
import { AddressBuckets, MAX_TRACKED_ADDRESSES } from "../net/AddressBuckets.ts";
import { basicPassword, bearerToken, secretMatches } from "./secrets.ts";

const WRONG_GUESSES_BURST = 10;
const WRONG_GUESSES_PER_SECOND = 1 / 6;

export class AdminGuard {
  private readonly wrong = new AddressBuckets(WRONG_GUESSES_BURST, WRONG_GUESSES_PER_SECOND);
  private readonly refusals = new LRUCache<string, number>({ max: MAX_TRACKED_ADDRESSES });

  constructor(private readonly addressOf: (req: IncomingMessage) => string) {}

  /** HTTP basic auth, any user name, `password` as the password (the monitor). */
  basic(password: string, realm: string, what: string): RequestHandler {
    return this.guard(what, (req) => secretMatches(basicPassword(req.headers.authorization), password), (res) => {
      res.setHeader("WWW-Authenticate", `Basic realm="${realm}", charset="UTF-8"`);
      res.status(401).json({ error: `${what} needs the password` });
    });
  }

  /** `Authorization: Bearer <token>` (the metrics routes). */
  bearer(token: string, what: string): RequestHandler {
    return this.guard(what, (req) => secretMatches(bearerToken(req.headers.authorization), token), (res) => {
      res.status(401).json({ error: `${what} needs Authorization: Bearer <token>` });
    });
  }

  private guard(what: string, ok: (req: Request) => boolean, refuse: (res: Response) => void): RequestHandler {
    return (req, res, next) => {
      const ip = this.addressOf(req);
      const wait = this.wrong.retryAfterSeconds(ip);
      if (wait > 0) {
        this.note(ip, what, "locked out");
        res.setHeader("Retry-After", String(wait));
        res.status(429).json({ error: `too many wrong secrets from your address for ${what}; try again in ${wait} s` });
        return;
      }
      if (ok(req)) return next();
      this.wrong.take(ip);
      this.note(ip, what, "wrong secret");
      refuse(res);
    };
  }

  private note(ip: string, what: string, reason: string): void {
    const n = (this.refusals.get(ip) ?? 0) + 1;
    this.refusals.set(ip, n);
    if ((n & (n - 1)) === 0) log.warn("admin request refused", { ip, what, reason, count: n });
  }
}
