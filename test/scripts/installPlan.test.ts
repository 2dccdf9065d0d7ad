/**
 * The pure decisions of `npm test`'s system setup: which command runs in which situation,
 * and where a binary is looked for. The machine is faked here (uid, sudo, the file system);
 * systemSetup.test.ts runs the real thing.
 */
import { describe, expect, it } from "vitest";
import { planInstall, type Situation } from "../../scripts/setup/installPlan.ts";
import { SYSTEM_NEEDS, findNeed, type SystemNeed } from "../../scripts/setup/systemNeeds.ts";

const need = (binary: string, aptPackage = binary, dirs?: string[]): SystemNeed => ({ binary, aptPackage, why: `tests need ${binary}`, ...(dirs ? { dirs } : {}) });
const chromium = need("chromium");
const redis = need("redis-server");
const base: Situation = { missing: [chromium, redis], isRoot: false, sudoWorks: false, hasApt: true };

describe("planInstall", () => {
  it("does nothing when nothing is missing, whoever runs it", () => {
    expect(planInstall({ ...base, missing: [], isRoot: true })).toEqual({ kind: "ready" });
    expect(planInstall({ ...base, missing: [], hasApt: false })).toEqual({ kind: "ready" });
  });

  it("as root: apt-get update once, then every missing package in one non-interactive install", () => {
    expect(planInstall({ ...base, isRoot: true })).toEqual({
      kind: "install",
      packages: ["chromium", "redis-server"],
      commands: [
        ["apt-get", "update", "-qq"],
        ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq", "chromium", "redis-server"],
      ],
    });
  });

  it("as a user whose sudo needs no password: the same commands through sudo -n", () => {
    expect(planInstall({ ...base, sudoWorks: true })).toEqual({
      kind: "install",
      packages: ["chromium", "redis-server"],
      commands: [
        ["sudo", "-n", "apt-get", "update", "-qq"],
        ["sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq", "chromium", "redis-server"],
      ],
    });
  });

  it("as a user without a usable sudo: stops, with the exact command for a person to run", () => {
    const plan = planInstall({ ...base, missing: [redis] });
    expect(plan).toEqual({
      kind: "stop",
      packages: ["redis-server"],
      manual: "sudo apt-get update && sudo apt-get install -y redis-server",
      reason: expect.stringContaining("not root"),
    });
  });

  it("without apt-get: stops even as root, naming the packages", () => {
    const plan = planInstall({ ...base, isRoot: true, hasApt: false });
    expect(plan.kind).toBe("stop");
    expect(plan).toMatchObject({ packages: ["chromium", "redis-server"], reason: expect.stringContaining("no apt-get") });
  });

  it("installs a package once when it provides several missing binaries", () => {
    const plan = planInstall({ ...base, isRoot: true, missing: [need("postgres", "postgresql"), need("initdb", "postgresql")] });
    expect(plan).toMatchObject({ kind: "install", packages: ["postgresql"] });
    if (plan.kind !== "install") throw new Error("expected an install plan");
    expect(plan.commands[1]!.slice(-1)).toEqual(["postgresql"]);
  });
});

describe("findNeed", () => {
  const files = (...present: string[]) => (file: string) => present.includes(file);

  it("finds a binary on PATH in PATH order", () => {
    expect(findNeed(redis, "/a:/b:/c", files("/c/redis-server", "/b/redis-server"))).toBe("/b/redis-server");
  });

  it("is undefined when no directory holds it", () => {
    expect(findNeed(chromium, "/a::/b", files("/a/chromium-browser"))).toBeUndefined();
  });

  it("looks in a need's own directories (a server Debian keeps off PATH) before PATH", () => {
    const postgres = need("postgres", "postgresql", ["/usr/lib/postgresql/15/bin"]);
    expect(findNeed(postgres, "/usr/bin", files("/usr/lib/postgresql/15/bin/postgres", "/usr/bin/postgres"))).toBe("/usr/lib/postgresql/15/bin/postgres");
    expect(findNeed(postgres, "/usr/bin", files())).toBeUndefined();
  });

  it("the table names chromium, redis-server, openssl, nginx and postgres with their Debian packages", () => {
    expect(SYSTEM_NEEDS.map((n) => [n.binary, n.aptPackage])).toEqual([
      ["chromium", "chromium"],
      ["redis-server", "redis-server"],
      ["openssl", "openssl"],
      ["nginx", "nginx"],
      ["postgres", "postgresql"],
    ]);
    expect(SYSTEM_NEEDS.find((n) => n.binary === "postgres")?.dirs).toEqual(["/usr/lib/postgresql/15/bin"]);
  });
});
