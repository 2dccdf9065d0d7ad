/**
 * The accounts HTTP interface on a real server, on the embedded database and on PostgreSQL:
 * a guest gets a token and a refresh token at once; the refresh token rotates and keeps the
 * account; logout revokes the sign-in; tampered, expired, revoked and foreign tokens are
 * refused with their code; hostile names are refused and write nothing.
 */
import { afterEach, describe, expect, it } from "vitest";
import { TokenProblem } from "../../shared/auth.ts";
import { forgeToken as forged, guest, me, post, sidOf } from "../helpers/authHttp.ts";
import { DATABASES, databaseEnv } from "../helpers/testDatabases.ts";
import { startTestServer, type TestServer } from "../helpers/testServer.ts";

const SECRET = "test-secret-of-at-least-thirty-two-chars";
let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe.each(DATABASES)("accounts over HTTP (%s)", (db) => {
  const start = async () => (server = await startTestServer({ AUTH_SECRET: SECRET, ...(await databaseEnv(db)) }));

  it("a guest signs in with a name and reads their profile with the token", async () => {
    const s = await start();
    const g = await guest(s.url, "  Alice  ");
    expect(g.account).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: "Alice" });
    expect(g.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(g.expiresIn).toBe(900);
    const profile = await me(s.url, g.token);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ id: g.account.id, name: "Alice", username: null });
    expect(await s.accounts.store.count("accounts")).toBe(1);
  });

  it("refresh rotates the refresh token and keeps the account; the spent one is a replay that ends the sign-in", async () => {
    const s = await start();
    const g = await guest(s.url, "bob");
    const r = await post(s.url, "/api/auth/refresh", { refreshToken: g.refreshToken });
    expect(r.status).toBe(200);
    expect(r.body.account).toEqual(g.account);
    expect(r.body.refreshToken).not.toBe(g.refreshToken);
    expect((await me(s.url, r.body.token)).body.id).toBe(g.account.id);
    // The first token again: someone copied it. Both it and its successor stop working.
    const replay = await post(s.url, "/api/auth/refresh", { refreshToken: g.refreshToken });
    expect(replay).toMatchObject({ status: 401, body: { code: TokenProblem.Replayed } });
    expect(await post(s.url, "/api/auth/refresh", { refreshToken: r.body.refreshToken })).toMatchObject({ status: 401, body: { code: TokenProblem.Revoked } });
    expect(await me(s.url, r.body.token)).toMatchObject({ status: 401, body: { code: TokenProblem.Revoked } });
  });

  it("logout revokes the refresh token and the access tokens of that sign-in", async () => {
    const s = await start();
    const g = await guest(s.url, "carol");
    const out = await post(s.url, "/api/auth/logout", { refreshToken: g.refreshToken });
    expect(out.status).toBe(204);
    expect(await me(s.url, g.token)).toMatchObject({ status: 401, body: { code: TokenProblem.Revoked } });
    expect(await post(s.url, "/api/auth/refresh", { refreshToken: g.refreshToken })).toMatchObject({ status: 401, body: { code: TokenProblem.Revoked } });
    expect(await post(s.url, "/api/auth/logout", { refreshToken: "A".repeat(43) })).toMatchObject({ status: 401, body: { code: TokenProblem.Invalid } });
  });

  it("tampered, expired, foreign and missing tokens are refused with their code", async () => {
    const s = await start();
    const g = await guest(s.url, "dave");
    const [head, payload, sig] = g.token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const tampered = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: "someone-else" })).toString("base64url")}.${sig}`;
    const now = Math.floor(Date.now() / 1000);
    const expired = await forged(SECRET, { sub: g.account.id, sid: sidOf(g.token), exp: now - 60 });
    const foreign = await forged("another-servers-secret-thirty-two-chars", { sub: g.account.id, sid: sidOf(g.token), exp: now + 600 });
    const otherAudience = await forged(SECRET, { sub: g.account.id, sid: sidOf(g.token), exp: now + 600, aud: "another-service" });
    expect(await me(s.url, tampered)).toMatchObject({ status: 401, body: { code: TokenProblem.Invalid } });
    expect(await me(s.url, expired)).toMatchObject({ status: 401, body: { code: TokenProblem.Expired } });
    expect(await me(s.url, foreign)).toMatchObject({ status: 401, body: { code: TokenProblem.Invalid } });
    expect(await me(s.url, otherAudience)).toMatchObject({ status: 401, body: { code: TokenProblem.Invalid } });
    expect(await me(s.url, "x".repeat(5000))).toMatchObject({ status: 401, body: { code: TokenProblem.Invalid } });
    const none = await fetch(`${s.url}/api/accounts/me`);
    expect(none.status).toBe(401);
  });

  it("names with markup, control characters, 10,000 characters or SQL are refused and write nothing", async () => {
    const s = await start();
    const names: unknown[] = ["<img src=x onerror=alert(1)>", "bad\u0000name", "tab\there", "a".repeat(10_000), "x'); DROP TABLE accounts;--", "", "admin", 42, null];
    for (const name of names) {
      const r = await post(s.url, "/api/auth/guest", { name });
      expect([400, 413], `name ${JSON.stringify(name).slice(0, 40)}`).toContain(r.status);
      expect(r.body.code).toBe("invalid_body");
      expect(r.body.error).toEqual(expect.any(String));
    }
    expect((await post(s.url, "/api/auth/guest", { name: "eve", admin: true })).body).toMatchObject({ code: "invalid_body", error: expect.stringMatching(/admin/) });
    expect((await post(s.url, "/api/auth/guest", "{not json")).body).toMatchObject({ code: "invalid_body", error: "the body is not valid JSON" });
    expect((await post(s.url, "/api/auth/refresh", { refreshToken: "'; DROP TABLE refresh_tokens;--" })).body).toMatchObject({ code: "invalid_body" });
    expect(await s.accounts.store.count("accounts")).toBe(0);
    expect(await s.accounts.store.count("refresh_tokens")).toBe(0);
    expect(await s.accounts.store.count("sessions")).toBe(0);
  });
});

describe("renaming an account", () => {
  it("PATCH /api/accounts/me renames with a valid token and name; a bad name or no token changes nothing", async () => {
    server = await startTestServer({ AUTH_SECRET: SECRET });
    const g = await guest(server.url, "before");
    const patch = (body: unknown, token?: string) =>
      fetch(`${server!.url}/api/accounts/me`, { method: "PATCH", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    expect((await patch({ name: "<script>" }, g.token)).status).toBe(400);
    expect((await patch({ name: "after" })).status).toBe(401);
    expect((await me(server.url, g.token)).body.name).toBe("before");
    const ok = await patch({ name: "after" }, g.token);
    expect(ok.status).toBe(200);
    expect((await me(server.url, g.token)).body.name).toBe("after");
  });
});

describe("accounts routes' limits", () => {
  it("guest sign-ins are rate-limited per address with Retry-After", async () => {
    server = await startTestServer({ AUTH_SECRET: SECRET });
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push((await post(server.url, "/api/auth/guest", { name: `p${i}` })).status);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(201));
    const last = await fetch(`${server.url}/api/auth/guest`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "late" }) });
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await last.json()) as { code: string }).code).toBe("rate_limited");
    expect(await server.accounts.store.count("accounts")).toBe(10);
  });
});
