import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `npm run new-room` in a scratch copy of the repository: the generated room type must
 * type-check and pass its own test there, and bad or taken names must be refused untouched.
 */
const REPO = join(import.meta.dirname, "..", "..");
const SKIP = new Set(["node_modules", "dist", ".git", "test-results"]);
let copy: string;

interface Run {
  code: number;
  out: string;
}

/** Run a command in the copy; the copy's node_modules/.bin comes first so its Node (24) runs the tools. */
function run(command: string, args: string[]): Promise<Run> {
  // A nested vitest must not think it is a worker of this one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST")));
  env.PATH = `${join(copy, "node_modules", ".bin")}${process.platform === "win32" ? ";" : ":"}${process.env.PATH ?? ""}`;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: copy, env });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

const generate = (...args: string[]) => run(process.execPath, ["scripts/new-room.mjs", ...args]);
const registries = () => ["server/app.ts", "game/scenes/registry.ts"].map((f) => readFileSync(join(copy, f), "utf8"));

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), "skirmish-new-room-"));
  cpSync(REPO, copy, { recursive: true, filter: (src) => !SKIP.has(relative(REPO, src).split(sep)[0] ?? "") });
  symlinkSync(realpathSync(join(REPO, "node_modules")), join(copy, "node_modules"), "dir");
});
afterAll(() => {
  rmSync(copy, { recursive: true, force: true });
});

describe("npm run new-room", () => {
  it("generates a room type that is registered, type-checks and passes its generated test", async () => {
    const made = await generate("tapper");
    expect(made.code, made.out).toBe(0);
    for (const f of ["shared/tapper/replay.ts", "shared/tapper/rules.ts", "shared/tapper/schema.ts", "server/rooms/tapper/tapperRoomType.ts", "game/scenes/TapperScene.ts", "test/rooms/tapper.test.ts"]) {
      expect(existsSync(join(copy, f)), f).toBe(true);
    }
    const [app, scenes] = registries();
    expect(app).toMatch(/ROOM_TYPES[^=]*= \[arenaRoomType, connect4RoomType, tapperRoomType\]/);
    expect(scenes).toContain("[TAPPER_ROOM]: roomScene(");
    expect(readFileSync(join(copy, "shared/replay/rulesTable.ts"), "utf8")).toContain("[tapperReplayRules.roomType]: tapperReplayRules as ReplayRules<unknown>,");

    // Independent checks (vitest does not type-check), so run side by side.
    const [typecheck, tested] = await Promise.all([run("npm", ["run", "-s", "typecheck"]), run("vitest", ["run", "test/rooms/tapper.test.ts"])]);
    expect(typecheck.code, typecheck.out).toBe(0);
    expect(tested.code, tested.out).toBe(0);
    expect(tested.out).toMatch(/5 passed/);

    const again = await generate("tapper");
    expect(again.code).not.toBe(0);
    expect(again.out).toContain("already taken");
  }, 90_000);

  it("refuses names that are not lowercase identifiers, with a message and a non-zero exit", async () => {
    const before = registries();
    const bad = ["Tapper", "1tap", "tap-per", "tap_per", "x", ""];
    const [usage, ...runs] = await Promise.all([generate(), ...bad.map((n) => generate(n))]);
    runs.forEach((r, i) => {
      expect(r.code, bad[i]).not.toBe(0);
      expect(r.out).toContain("not a valid room name");
    });
    expect(usage!.code).not.toBe(0);
    expect(usage!.out).toContain("usage");
    expect(registries()).toEqual(before);
  });

  it("refuses a name that is already taken", async () => {
    const before = registries();
    const taken = ["arena", "connect4", "lobby"];
    const runs = await Promise.all(taken.map((n) => generate(n)));
    runs.forEach((r, i) => {
      expect(r.code, taken[i]).not.toBe(0);
      expect(r.out).toContain("already taken");
    });
    expect(registries()).toEqual(before);
  });
});
