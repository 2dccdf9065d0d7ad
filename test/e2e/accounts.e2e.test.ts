/**
 * Guest accounts in a real Chromium against the built server: the first join makes a guest
 * account from the name typed, with no other form; a reload keeps the same account (its
 * refresh token is in localStorage) and seats it under its name; the server knows the
 * account the page holds.
 */
import { describe, expect, it } from "vitest";
import { expectNoPageErrors } from "./helpers/Player.ts";
import { serverPerFile } from "./helpers/suite.ts";

const SCENARIO_TIMEOUT_MS = 30_000;

describe("guest accounts in a real Chromium", { timeout: SCENARIO_TIMEOUT_MS }, () => {
  const file = serverPerFile("accounts");

  it("a guest sign-in made by the first quick play survives a reload", async () => {
    const app = file.app;
    const alice = await file.launch("Alice");
    await alice.quickPlay(app.url);
    await alice.untilAccount((a) => a.name === "Alice", undefined, "Alice has a guest account");
    const account = (await alice.page.evaluate(() => window.__skirmish?.account()))!;
    const me = (await alice.view()).sessionId;
    expect((await alice.view()).players.find((p) => p.id === me)?.name).toBe("Alice");
    expect(await alice.page.evaluate(() => localStorage.getItem("skirmish.refresh"))).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await alice.page.reload();
    // The same account, refreshed from localStorage, before any new join.
    await alice.untilAccount((a, id) => a.id === id, account.id, "the reloaded page holds the same account");
    await alice.until((v, id) => v.sessionId === id, me, "Alice is back in her seat");
    // The page rotated its refresh token on load; spending the new one here (the page is done) names the same account.
    const refreshed = await alice.page.evaluate(() => localStorage.getItem("skirmish.refresh"));
    const signIn = (await (await fetch(`${app.url}/api/auth/refresh`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ refreshToken: refreshed }) })).json()) as { account: { id: string } };
    expect(signIn.account.id).toBe(account.id);
    expectNoPageErrors(file.players);
  });

  it("a claimed account is signed into from a second browser, to the same profile", async () => {
    const app = file.app;
    const [first, second] = [await file.launch("Dana"), await file.launch("Other")];
    await first.quickPlay(app.url);
    await first.untilAccount((a) => a.name === "Dana", undefined, "Dana has a guest account");
    const id = (await first.page.evaluate(() => window.__skirmish?.account()))!.id;
    await first.page.getByRole("button", { name: "Leave" }).click();
    await first.page.getByText("Keep this account, or sign in").click();
    await first.page.getByLabel("Username").fill("dana_e2e");
    await first.page.getByLabel("Password").fill("a long password");
    await first.page.getByRole("button", { name: "Save this account" }).click();
    await first.page.getByText("Saved: sign in as dana_e2e in any browser.").waitFor();

    await second.open(app.url);
    await second.page.getByText("Keep this account, or sign in").click();
    await second.page.getByLabel("Username").fill("Dana_E2E");
    await second.page.getByLabel("Password").fill("a long password");
    await second.page.getByRole("button", { name: "Sign in" }).click();
    await second.untilAccount((a, want) => a.id === want, id, "the second browser holds Dana's account");
    expect(await second.page.getByLabel("Your name").inputValue()).toBe("Dana");
    await second.page.getByRole("button", { name: "Quick play" }).click();
    await second.inArena();
    const v = await second.view();
    expect(v.players.find((p) => p.id === v.sessionId)?.name).toBe("Dana");
    expectNoPageErrors(file.players);
  });

  it("Delete account asks once more, then the account and its sign-in are gone on the server", async () => {
    const app = file.app;
    const gwen = await file.launch("Gwen");
    await gwen.quickPlay(app.url);
    await gwen.untilAccount((a) => a.name === "Gwen", undefined, "Gwen has a guest account");
    await gwen.page.getByRole("button", { name: "Leave" }).click();
    const refreshToken = await gwen.page.evaluate(() => localStorage.getItem("skirmish.refresh"));
    await gwen.page.getByText("Keep this account, or sign in").click();
    await gwen.page.getByRole("button", { name: "Delete account" }).click();
    await gwen.page.getByText(/^Delete Gwen\? Your name, ratings/).waitFor();
    await gwen.page.getByRole("button", { name: "Yes, delete it forever" }).click();
    await gwen.page.getByText("Your account was deleted. Your next game starts a new guest account.").waitFor();
    expect(await gwen.page.evaluate(() => localStorage.getItem("skirmish.refresh"))).toBeNull();
    const refresh = await fetch(`${app.url}/api/auth/refresh`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ refreshToken }) });
    expect(((await refresh.json()) as { code?: string }).code).toBe("token_invalid");
    expectNoPageErrors(file.players);
  });
});
