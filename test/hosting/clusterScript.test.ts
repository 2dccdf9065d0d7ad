/**
 * `npm run cluster` itself (scripts/cluster.mjs): N processes on consecutive ports over the
 * Redis at REDIS_URL, each with its own PUBLIC_ADDRESS, and the URL to open printed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { freshPostgres } from "../helpers/testDatabases.ts";
import { testRedis, type TestRedis } from "../helpers/testRedis.ts";
import { joinOptions } from "../helpers/testServer.ts";

const DB = 5;
const ROOT = new URL("../..", import.meta.url);

let redis: TestRedis | undefined;
let cluster: ChildProcess | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  if (cluster && cluster.exitCode === null) {
    const exited = new Promise((r) => cluster!.once("exit", r));
    cluster.kill("SIGTERM");
    await exited;
  }
  await redis?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const canBind = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });

/** A port whose next one is free too. */
async function twoFreePorts(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    if ((await canBind(port)) && (await canBind(port + 1))) return port;
  }
  throw new Error("no two consecutive free ports found");
}

function run(args: string[], env: Record<string, string>): { child: ChildProcess; output: string[] } {
  const child = spawn(process.execPath, ["scripts/cluster.mjs", ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  child.stdout!.setEncoding("utf8").on("data", (s: string) => output.push(s));
  child.stderr!.setEncoding("utf8").on("data", (s: string) => output.push(s));
  return { child, output };
}

describe("npm run cluster", () => {
  it("refuses a bad --processes with a message", async () => {
    const { child, output } = run(["--processes", "0"], {});
    const code = await new Promise<number | null>((r) => child.once("exit", r));
    expect(code).toBe(2);
    expect(output.join("")).toMatch(/--processes must be an integer from 1 to 32, got "0"/);
  });

  it("refuses to start without DATABASE_URL, which the processes' accounts must share", async () => {
    const env = { ...process.env } as Record<string, string>;
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ["scripts/cluster.mjs"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.setEncoding("utf8").on("data", (s: string) => (output += s));
    child.stderr!.setEncoding("utf8").on("data", (s: string) => (output += s));
    const code = await new Promise<number | null>((r) => child.once("exit", r));
    expect(code).toBe(2);
    expect(output).toMatch(/DATABASE_URL must name the PostgreSQL the processes share/);
  });

  it("starts two processes on consecutive ports sharing Redis, and prints the URL to open", async () => {
    redis = await testRedis(DB);
    const port = await twoFreePorts();
    // As a cluster is meant to run: one PostgreSQL for both processes (they migrate it together at start).
    dataDir = mkdtempSync(join(tmpdir(), "skirmish-cluster-data-"));
    const started = run(["--port", String(port), "--host", "127.0.0.1"], { REDIS_URL: redis.url, LOG_LEVEL: "info", DATABASE_URL: await freshPostgres(), DATA_DIR: dataDir });
    cluster = started.child;
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (started.output.join("").includes(`Open http://127.0.0.1:${port}`)) resolve();
      };
      started.child.stdout!.on("data", check);
      started.child.once("exit", (code) => reject(new Error(`cluster exited (${code}):\n${started.output.join("")}`)));
    });
    for (const p of [port, port + 1]) {
      const health = (await (await fetch(`http://127.0.0.1:${p}/health`)).json()) as { ok: boolean; redis: string };
      expect(health).toMatchObject({ ok: true, redis: "up" });
    }
    // Two processes registered in the shared Redis, and rooms carry their process's address.
    expect(Object.keys(await redis.client.hgetall("roomcount"))).toHaveLength(2);
    const room = await new Client(`http://127.0.0.1:${port + 1}`).create("arena", joinOptions("a"));
    const listing = JSON.parse((await redis.client.hget("roomcaches", room.roomId))!) as { publicAddress: string };
    expect([`127.0.0.1:${port}`, `127.0.0.1:${port + 1}`]).toContain(listing.publicAddress);
    await room.leave();
  }, 60_000);
});
