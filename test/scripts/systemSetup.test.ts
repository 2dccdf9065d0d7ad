/**
 * `npm test`'s system setup, run for real (scripts/test.mjs in its dry-run mode, which stops
 * before the type check and the tests): on this machine it finds everything, and on a machine
 * without Chromium, redis-server and openssl (a PATH that hides them) it says what it would
 * install. nginx is not hidden: its row looks in /usr/sbin as well, where npm test put it.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const REPO = join(import.meta.dirname, "..", "..");
const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

function dryRun(path: string): Promise<{ code: number; out: string }> {
  const env = { ...process.env, PATH: path, SKIRMISH_SETUP_DRY_RUN: "1" };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/test.mjs"], { cwd: REPO, env });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

describe("npm test's system setup", () => {
  it("finds Chromium and redis-server on this machine and installs nothing", async () => {
    const r = await dryRun(process.env.PATH ?? "");
    expect(r.out).toContain("setup would succeed");
    expect(r.out).not.toMatch(/installing|would run|cannot install/);
    expect(r.code).toBe(0);
  });

  it("on a machine without them, plans one apt-get install of both (or stops with the command, without root or sudo)", async () => {
    // apt-get and env are all this PATH holds: no chromium, no redis-server, no openssl, no sudo.
    const bin = mkdtempSync(join(tmpdir(), "skirmish-nopath-"));
    scratch.push(bin);
    for (const b of ["apt-get", "env"]) symlinkSync(`/usr/bin/${b}`, join(bin, b));
    const r = await dryRun(bin);
    expect(r.out).toContain(
      "chromium (the browser tests drive the system Chromium), redis-server (the hosting tests run server processes over a real Redis), openssl (the TLS tests make their certificates at test time).",
    );
    if (process.getuid?.() === 0) {
      expect(r.out).toContain("npm test: installing chromium redis-server openssl with apt-get");
      expect(r.out).toContain("(dry run) would run: apt-get update -qq\n");
      expect(r.out).toContain("(dry run) would run: env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium redis-server openssl\n");
      expect(r.code).toBe(0);
    } else {
      expect(r.out).toContain("sudo apt-get update && sudo apt-get install -y chromium redis-server openssl");
      expect(r.out).toContain("setup would stop");
      expect(r.code).toBe(1);
    }
    expect(r.out).not.toContain("> npm run typecheck");
  });
});
