/**
 * Upgrading a guest: claim a username and password with the guest's token, then sign in from
 * another browser (no token, no storage) to the same account. Wrong passwords are refused
 * alike for unknown usernames and rate-limited per account and per address. On the embedded
 * database and on PostgreSQL.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Profile, SignIn } from "../../shared/auth.ts";
import { guest, me } from "../helpers/authHttp.ts";
import { DATABASES, databaseEnv } from "../helpers/testDatabases.ts";
import { startTestServer, type TestServer } from "../helpers/testServer.ts";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** POST as a client at `address` (through the trusted proxy hop), optionally with a Bearer token. */
async function send(path: string, body: unknown, o: { token?: string; address?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": o.address ?? "203.0.113.1" };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const res = await fetch(`${server!.url}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as Profile & SignIn & { code?: string; error?: string } };
}

describe.each(DATABASES)("claiming an account (%s)", (db) => {
  const start = async () => (server = await startTestServer({ TRUST_PROXY: "1", ...(await databaseEnv(db)) }));

  it("a claimed guest signs in from another browser to the same profile", async () => {
    await start();
    const g = await guest(server!.url, "Alice");
    const claimed = await send("/api/auth/claim", { username: "Alice_1", password: "correct horse" }, { token: g.token });
    expect(claimed).toMatchObject({ status: 200, body: { id: g.account.id, username: "alice_1" } });
    const login = await send("/api/auth/login", { username: "ALICE_1", password: "correct horse" }, { address: "198.51.100.9" });
    expect(login.status).toBe(200);
    expect(login.body.account).toEqual({ id: g.account.id, name: "Alice" });
    expect((await me(server!.url, login.body.token)).body).toMatchObject({ id: g.account.id, username: "alice_1" });
    // The first browser's sign-in is untouched by the second's.
    expect((await me(server!.url, g.token)).status).toBe(200);
  });

  it("a username is claimed once: a second claim and a taken name are refused and change nothing", async () => {
    await start();
    const a = await guest(server!.url, "a");
    const b = await guest(server!.url, "b");
    expect((await send("/api/auth/claim", { username: "taken", password: "password-a" }, { token: a.token })).status).toBe(200);
    expect(await send("/api/auth/claim", { username: "other", password: "password-a" }, { token: a.token })).toMatchObject({ status: 409, body: { code: "already_claimed" } });
    expect(await send("/api/auth/claim", { username: "TAKEN", password: "password-b" }, { token: b.token })).toMatchObject({ status: 409, body: { code: "username_taken" } });
    expect((await me(server!.url, b.token)).body.username).toBeNull();
    expect((await send("/api/auth/login", { username: "taken", password: "password-b" })).status).toBe(401);
  });

  it("bad usernames and passwords are refused unread, and a claim needs a token", async () => {
    await start();
    const g = await guest(server!.url, "c");
    for (const body of [{ username: "x'; DROP TABLE accounts;--", password: "long enough" }, { username: "ok_name", password: "short" }, { username: "ok_name", password: "p".repeat(129) }, { username: "ok_name" }]) {
      expect(await send("/api/auth/claim", body, { token: g.token })).toMatchObject({ status: 400, body: { code: "invalid_body" } });
    }
    expect((await send("/api/auth/claim", { username: "ok_name", password: "long enough" })).status).toBe(401);
    expect((await me(server!.url, g.token)).body.username).toBeNull();
  });
});

describe("wrong passwords", () => {
  it("are refused alike for unknown usernames, and limited per account across addresses", async () => {
    await start();
    const g = await guest(server!.url, "victim");
    await send("/api/auth/claim", { username: "victim", password: "the right one" }, { token: g.token });
    expect(await send("/api/auth/login", { username: "nobody", password: "whatever1" })).toMatchObject({ status: 401, body: { code: "wrong_credentials", error: "wrong username or password" } });
    for (let i = 0; i < 5; i++) {
      expect((await send("/api/auth/login", { username: "victim", password: `guess-${i}-x` }, { address: `198.51.100.${i + 10}` })).status).toBe(401);
    }
    // The account's budget is spent: even the right password from a fresh address waits.
    const locked = await send("/api/auth/login", { username: "victim", password: "the right one" }, { address: "198.51.100.99" });
    expect(locked).toMatchObject({ status: 429, body: { code: "rate_limited" } });
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
  });

  it("are limited per address across accounts", async () => {
    await start();
    for (let i = 0; i < 10; i++) expect((await send("/api/auth/login", { username: `user${i}`, password: "wrong-pass" }, { address: "192.0.2.7" })).status).toBe(401);
    expect(await send("/api/auth/login", { username: "user99", password: "wrong-pass" }, { address: "192.0.2.7" })).toMatchObject({ status: 429, body: { code: "rate_limited" } });
    expect((await send("/api/auth/login", { username: "user99", password: "wrong-pass" }, { address: "192.0.2.8" })).status).toBe(401);
  });

  async function start() {
    server = await startTestServer({ TRUST_PROXY: "1" });
  }
});
