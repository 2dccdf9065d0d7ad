/**
 * The test run's services die with the process that started them, however it ends: a
 * SIGTERM runs the exit handlers, and a SIGKILL (no handler runs) is covered by the
 * parent-death signal. A Node process starts a Redis exactly as the global setup does, and
 * is then killed; the Redis connection closing is the sync point.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createConnection } from "node:net";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";

const SERVICES = join(import.meta.dirname, "..", "helpers", "testServices.ts");

/** A Node process that starts the test services and prints their URLs as JSON. */
function serviceOwner() {
  const script = `
    const { TEST_SERVICES } = await import(${JSON.stringify(SERVICES)});
    const urls = {};
    for (const s of TEST_SERVICES) urls[s.name] = (await s.start()).url;
    console.log(JSON.stringify(urls));
    setInterval(() => undefined, 1 << 30);`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const urls = new Promise<Record<string, string>>((resolve, reject) => {
    child.stdout.setEncoding("utf8").once("data", (s: string) => resolve(JSON.parse(s) as Record<string, string>));
    child.once("exit", (code) => reject(new Error(`the service owner exited (${code}) before printing its URLs`)));
  });
  return { child, urls };
}

/** Connect to Redis, check it answers PING, and give a promise of the server closing the connection. */
async function watchRedis(url: string): Promise<{ closed: Promise<void> }> {
  const { hostname, port } = new URL(url);
  const socket = createConnection({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.once("data", (d: Buffer) => (d.toString() === "+PONG\r\n" ? resolve() : reject(new Error(`unexpected reply ${d.toString()}`))));
    socket.write("PING\r\n");
  });
  // Wrapped: an async function would otherwise wait for the promise it returns.
  return { closed: new Promise((resolve) => socket.once("close", () => resolve())) };
}

/** A PostgreSQL session, and a promise of it ending when the server goes away. */
async function watchPostgres(url: string): Promise<{ closed: Promise<void> }> {
  const client = new pg.Client(url);
  await client.connect();
  expect((await client.query("select 1 as one")).rows).toEqual([{ one: 1 }]);
  // `on`, not `once`: the lost connection may raise more than one error, and each needs a listener.
  return { closed: new Promise((resolve) => { client.on("error", () => resolve()); client.on("end", () => resolve()); }) };
}

describe("test services", () => {
  it.each(["SIGTERM", "SIGKILL"] as const)("a Redis started for the run stops when its owner gets %s", async (signal) => {
    // The SIGKILL case rests on util-linux's setpriv (serviceProcess.ts); say so if it is missing.
    if (signal === "SIGKILL") expect(existsSync("/usr/bin/setpriv"), "no /usr/bin/setpriv: a killed run would leave its Redis behind").toBe(true);
    const owner = serviceOwner();
    const { redis } = await owner.urls;
    expect(redis).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const { closed } = await watchRedis(redis!);
    owner.child.kill(signal);
    await closed; // a Redis that outlived its owner keeps the connection open, and this times out
  });

  it.each(["SIGTERM", "SIGKILL"] as const)("a PostgreSQL started for the run stops when its owner gets %s", async (signal) => {
    const owner = serviceOwner();
    const { postgres } = await owner.urls;
    expect(postgres).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    const { closed } = await watchPostgres(postgres!);
    owner.child.kill(signal);
    await closed; // a PostgreSQL that outlived its owner keeps the session open, and this times out
  });
});
