/**
 * The player's account as the page keeps it: a guest made on the first join with the name
 * typed (POST /api/auth/guest), its refresh token in localStorage so it survives reloads and
 * browser restarts, and a short-lived access token in memory, refreshed before it expires
 * and passed to every join (client.auth.token). Tabs share one refresh token, and a refresh
 * token works once, so refreshes run under a Web Lock and re-read storage inside it: two
 * tabs never spend the same token (which the server would treat as stolen).
 */
import type { AccountSummary, AuthErrorBody, SignIn } from "../../shared/auth.ts";

const REFRESH_KEY = "skirmish.refresh";
const LOCK = "skirmish.account";
/** Refresh this long before the access token expires, so a join never carries a stale one. */
const EARLY_MS = 60_000;

interface Held {
  token: string;
  expiresAt: number;
  account: AccountSummary;
}

export class GuestAccount {
  private held: Held | undefined;
  private pending: Promise<Held | undefined> | undefined;
  private readonly listeners = new Set<(a: AccountSummary | undefined) => void>();

  constructor(
    private readonly server: () => string,
    private readonly storage: Storage | undefined,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The signed-in account, once known. */
  get account(): AccountSummary | undefined {
    return this.held?.account;
  }

  onChange(f: (a: AccountSummary | undefined) => void): void {
    this.listeners.add(f);
  }

  /** On page load: if this browser has a sign-in, refresh it now, so the menu knows who plays. */
  async resume(): Promise<AccountSummary | undefined> {
    if (!this.storage?.getItem(REFRESH_KEY)) return undefined;
    return (await this.current(undefined))?.account;
  }

  /**
   * An access token for a join under `name`: the held one while fresh, else refreshed, else a
   * new guest named `name`, renamed when the player typed another name. Undefined when the
   * accounts service cannot be reached: the join then goes ahead as an anonymous seat.
   */
  async tokenFor(name: string): Promise<string | undefined> {
    const held = await this.current(name);
    if (!held) return undefined;
    if (held.account.name !== name) await this.rename(held, name);
    return held.token;
  }

  /**
   * Give this browser's account (made now from `name` if there is none yet) a username and
   * password, so it can be signed into elsewhere. Resolves with "" or the server's refusal.
   */
  async claim(name: string, username: string, password: string): Promise<string> {
    const token = await this.tokenFor(name);
    if (!token) return "Cannot reach the game server.";
    const res = await fetch(`${this.server()}/api/auth/claim`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ username, password }),
    }).catch(() => undefined);
    if (!res) return "Cannot reach the game server.";
    if (res.ok) return "";
    return ((await res.json().catch(() => ({}))) as AuthErrorBody).error ?? `could not save the account (${res.status})`;
  }

  /** Sign this browser into a claimed account (replacing its guest). Resolves with "" or the refusal. */
  async login(username: string, password: string): Promise<string> {
    return this.locked(async () => {
      const res = await fetch(`${this.server()}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) }).catch(() => undefined);
      if (!res) return "Cannot reach the game server.";
      if (!res.ok) return ((await res.json().catch(() => ({}))) as AuthErrorBody).error ?? `could not sign in (${res.status})`;
      this.keep((await res.json()) as SignIn);
      return "";
    });
  }

  /** A live access token for reading this account's pages, without making a guest: undefined when signed out. */
  async token(): Promise<string | undefined> {
    return (await this.current(undefined))?.token;
  }

  /**
   * Sign this browser out (POST /api/auth/logout revokes the refresh token and every access
   * token of this sign-in) and forget it: the next join starts a fresh guest. Resolves with ""
   * or why the server could not be told (the browser forgets the sign-in either way).
   */
  async logout(): Promise<string> {
    return this.locked(async () => {
      const refreshToken = this.storage?.getItem(REFRESH_KEY);
      this.storage?.removeItem(REFRESH_KEY);
      this.keep(undefined);
      if (!refreshToken) return "";
      const r = await fetch(`${this.server()}/api/auth/logout`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ refreshToken }) }).catch(() => undefined);
      return !r || (!r.ok && r.status !== 401) ? "Signed out in this browser, but the server could not be reached to end the sign-in." : "";
    });
  }

  /**
   * Delete this browser's account and its personal data on the server (DELETE
   * /api/accounts/me), then forget it here: the next join makes a new guest. Resolves with ""
   * or the refusal.
   */
  async deleteAccount(): Promise<string> {
    const held = await this.current(undefined);
    if (!held) return "This browser has no account to delete.";
    const res = await fetch(`${this.server()}/api/accounts/me`, { method: "DELETE", headers: { authorization: `Bearer ${held.token}` } }).catch(() => undefined);
    if (!res) return "Cannot reach the game server.";
    if (!res.ok) return ((await res.json().catch(() => ({}))) as AuthErrorBody).error ?? `could not delete the account (${res.status})`;
    this.storage?.removeItem(REFRESH_KEY);
    this.keep(undefined);
    return "";
  }

  /** Forget the access token (a join said it expired): the next join refreshes. */
  expire(): void {
    if (this.held) this.held = { ...this.held, expiresAt: 0 };
  }

  private current(name: string | undefined): Promise<Held | undefined> {
    if (this.held && this.held.expiresAt - EARLY_MS > this.now()) return Promise.resolve(this.held);
    this.pending ??= this.locked(() => this.signIn(name)).finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async locked<T>(run: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    return locks ? locks.request(LOCK, run) : run();
  }

  private async signIn(name: string | undefined): Promise<Held | undefined> {
    const refreshToken = this.storage?.getItem(REFRESH_KEY);
    if (refreshToken) {
      const r = await this.post("/api/auth/refresh", { refreshToken });
      if (r.ok) return this.keep(r.body);
      // Logged out, expired or replayed: this browser's sign-in is over. A network failure keeps it.
      if (r.status === 401 || r.status === 404) this.storage?.removeItem(REFRESH_KEY);
      else return undefined;
    }
    if (name === undefined) return this.keep(undefined);
    const r = await this.post("/api/auth/guest", { name });
    return r.ok ? this.keep(r.body) : undefined;
  }

  private async rename(held: Held, name: string): Promise<void> {
    const res = await fetch(`${this.server()}/api/accounts/me`, {
      method: "PATCH",
      headers: { "content-type": "application/json", authorization: `Bearer ${held.token}` },
      body: JSON.stringify({ name }),
    }).catch(() => undefined);
    if (res?.ok) {
      held.account = { ...held.account, name };
      this.notify();
    }
  }

  private keep(signIn: SignIn | undefined): Held | undefined {
    if (signIn) this.storage?.setItem(REFRESH_KEY, signIn.refreshToken);
    this.held = signIn && { token: signIn.token, expiresAt: this.now() + signIn.expiresIn * 1000, account: signIn.account };
    this.notify();
    return this.held;
  }

  private notify(): void {
    for (const f of this.listeners) f(this.held?.account);
  }

  private async post(path: string, body: unknown): Promise<{ ok: true; body: SignIn } | { ok: false; status: number }> {
    try {
      const res = await fetch(`${this.server()}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!res.ok) {
        await res.json().catch(() => ({}) as AuthErrorBody);
        return { ok: false, status: res.status };
      }
      return { ok: true, body: (await res.json()) as SignIn };
    } catch {
      return { ok: false, status: 0 };
    }
  }
}
