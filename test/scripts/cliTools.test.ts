import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every command-line tool, run the way its package.json script runs it: `--help` prints the
 * usage and its options and exits 0; an unknown option gets one line and the usage and exit 2,
 * never a stack trace.
 */
const ROOT = join(import.meta.dirname, "..", "..");
const SCRIPTS = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const TOOLS = ["bench", "bench:profile", "bench:heap", "bench:views", "bench:compression", "bench:fallback", "bench:replay", "bench:store", "bench:boards", "bench:accounts", "bench:spectators", "bench:seek", "soak", "bots", "cluster", "new-room", "nginx-conf", "netcondition", "netcode"];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The script's command without the build it may run first (`npm run cluster` builds, then starts). */
function commandOf(tool: string): [string, string[]] {
  const script = SCRIPTS[tool];
  if (!script) throw new Error(`package.json has no script "${tool}"`);
  const [bin, ...args] = script.replace(/^npm run build && /, "").split(" ");
  return [bin === "node" ? process.execPath : join(ROOT, "node_modules", ".bin", bin!), args];
}

function run(tool: string, extra: string[]): Promise<Run> {
  const [command, args] = commandOf(tool);
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args, ...extra], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "silent" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const STACK_LINE = /^\s+at /m;

describe("command-line tools", () => {
  it.each(TOOLS)("%s --help prints its usage and options and exits 0", async (tool) => {
    const r = await run(tool, ["--help"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^usage: npm run ${tool} -- `));
    expect(r.stdout).toContain("-h, --help");
    expect(r.stdout).not.toMatch(STACK_LINE);
  });

  it.each(TOOLS)("%s --bogus answers with one line and the usage, exit 2", async (tool) => {
    const r = await run(tool, ["--bogus"]);
    expect(r.code).toBe(2);
    const [first, blank, usage] = r.stderr.split("\n");
    expect(first).toMatch(/^Unknown option '--bogus'/);
    expect(blank).toBe("");
    expect(usage).toMatch(new RegExp(`^usage: npm run ${tool} -- `));
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe("");
  });

  it("a tool's own option lines name each option with its default", async () => {
    const r = await run("bots", ["--help"]);
    expect(r.stdout).toMatch(/--count <value>\s+how many bots, 1 to 64 \(default: 4\)/);
    expect(r.stdout).toMatch(/--url <value>\s+the server to join \(default: http:\/\/localhost:2567\)/);
  });

  it("a bad value is a usage error too, not a stack trace", async () => {
    const r = await run("bots", ["--count", "0"]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe('--count must be 1 to 64, got "0"');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
