/**
 * The page's guest account (game/net/GuestAccount.ts) against a real server: the first join
 * makes the guest, later joins reuse its token, a new page with the same storage (a reload)
 * refreshes into the same account, a changed name renames it, and a logged-out sign-in
 * gives way to a new guest, as does the page's own logout. Storage is an in-memory Storage; everything else is real.
 */
import { afterEach, describe, expect, it } from "vitest";
import { GuestAccount } from "../../game/net/GuestAccount.ts";
import { me, post } from "../helpers/authHttp.ts";
import { startTestServer, type TestServer } from "../helpers/testServer.ts";

/** localStorage's interface over a Map. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(i: number): string | null {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe("GuestAccount", () => {
  it("makes one guest, reuses its token, and a reload refreshes into the same account", async () => {
    const s = (server = await startTestServer());
    const storage = new MemoryStorage();
    const page = new GuestAccount(() => s.url, storage);
    expect(await page.resume()).toBeUndefined();
    const token = await page.tokenFor("Alice");
    expect(token).toEqual(expect.any(String));
    expect(await page.tokenFor("Alice")).toBe(token);
    const id = page.account!.id;
    expect(await s.accounts.store.count("accounts")).toBe(1);

    const reloaded = new GuestAccount(() => s.url, storage);
    expect(await reloaded.resume()).toEqual({ id, name: "Alice" });
    const again = await reloaded.tokenFor("Alice");
    expect((await me(s.url, again!)).body).toMatchObject({ id, name: "Alice" });
    expect(await s.accounts.store.count("accounts")).toBe(1);
  });

  it("renames the account when the player types another name", async () => {
    const s = (server = await startTestServer());
    const page = new GuestAccount(() => s.url, new MemoryStorage());
    await page.tokenFor("Alice");
    const token = await page.tokenFor("Alicia");
    expect((await me(s.url, token!)).body.name).toBe("Alicia");
    expect(page.account?.name).toBe("Alicia");
  });

  it("after a logout elsewhere, the next join makes a new guest", async () => {
    const s = (server = await startTestServer());
    const storage = new MemoryStorage();
    const page = new GuestAccount(() => s.url, storage);
    await page.tokenFor("Bob");
    const first = page.account!.id;
    expect((await post(s.url, "/api/auth/logout", { refreshToken: storage.getItem("skirmish.refresh") })).status).toBe(204);
    const reloaded = new GuestAccount(() => s.url, storage);
    await reloaded.tokenFor("Bob");
    expect(reloaded.account!.id).not.toBe(first);
    expect(await s.accounts.store.count("accounts")).toBe(2);
  });

  it("joins anonymously (no token) when the server cannot be reached", async () => {
    const page = new GuestAccount(() => "http://127.0.0.1:9", new MemoryStorage());
    expect(await page.tokenFor("Carol")).toBeUndefined();
  });

  it("logout ends the sign-in on the server, forgets it here, and the next join is a fresh guest", async () => {
    const s = (server = await startTestServer());
    const storage = new MemoryStorage();
    const page = new GuestAccount(() => s.url, storage);
    expect(await page.token()).toBeUndefined();
    expect(await s.accounts.store.count("accounts")).toBe(0);
    const token = (await page.tokenFor("Alice"))!;
    const first = page.account!.id;
    expect(await page.token()).toBe(token);
    const refreshToken = storage.getItem("skirmish.refresh")!;
    const seen: Array<string | undefined> = [];
    page.onChange((a) => seen.push(a?.id));

    expect(await page.logout()).toBe("");
    expect(seen).toEqual([undefined]);
    expect(page.account).toBeUndefined();
    expect(storage.getItem("skirmish.refresh")).toBeNull();
    expect(await page.token()).toBeUndefined();
    expect((await me(s.url, token)).body.code).toBe("token_revoked");
    expect((await post(s.url, "/api/auth/refresh", { refreshToken })).status).toBe(401);

    await page.tokenFor("Alice");
    expect(page.account!.id).not.toBe(first);
    expect(await s.accounts.store.count("accounts")).toBe(2);
  });

  it("deletes its account on the server and forgets it here; the next join is a new guest", async () => {
    const s = (server = await startTestServer());
    const storage = new MemoryStorage();
    const page = new GuestAccount(() => s.url, storage);
    expect(await page.deleteAccount()).toBe("This browser has no account to delete.");
    const token = (await page.tokenFor("Gone"))!;
    const id = page.account!.id;
    expect(await page.deleteAccount()).toBe("");
    expect(page.account).toBeUndefined();
    expect(storage.length).toBe(0);
    expect(await s.accounts.store.account(id)).toBeUndefined();
    expect((await me(s.url, token)).status).toBe(401);
    await page.tokenFor("Gone");
    expect(page.account!.id).not.toBe(id);
  });
});
