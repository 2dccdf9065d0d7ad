/**
 * CORS on every route, probed the way the review found it: a foreign page sends its Origin
 * (and a preflight) to each route and must be refused without a CORS header it could use;
 * an allowed page may read the public routes but never the monitor or metrics.
 */
import { afterEach, describe, expect, it } from "vitest";
import { JoinError, RoomName } from "../../shared/protocol.ts";
import { matchmake } from "../helpers/rawHttp.ts";
import { startTestServer, type TestServer } from "../helpers/testServer.ts";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const MONITOR_PASSWORD = "correct-horse-battery";
const auth = { authorization: `Basic ${Buffer.from(`admin:${MONITOR_PASSWORD}`).toString("base64")}` };
const ALLOWED = "https://play.example.com";
const FOREIGN = "https://evil.example";

/** Every route the server answers, with what a legitimate caller sends. */
const ROUTES: Array<{ path: string; method: string; headers?: Record<string, string> }> = [
  { path: "/health", method: "GET" },
  { path: "/metrics", method: "GET" },
  { path: "/metrics/window", method: "GET" },
  { path: "/metrics/reset", method: "POST" },
  { path: "/api/rooms/code/ABCDE", method: "GET" },
  { path: "/colyseus/api", method: "GET", headers: auth },
  { path: "/colyseus/api/room/call?roomId=x&method=disconnect&args=%5B%5D", method: "GET", headers: auth },
  { path: "/", method: "GET" },
  { path: "/matchmake/joinOrCreate/arena", method: "POST" },
];

async function start(env: Record<string, string> = {}): Promise<TestServer> {
  server = await startTestServer({ METRICS: "1", MONITOR_PASSWORD, ALLOWED_ORIGINS: ALLOWED, ...env });
  return server;
}

describe("CORS on every route", () => {
  it("a foreign origin is refused on every route, preflight included, with no CORS header", async () => {
    const s = await start();
    for (const r of ROUTES) {
      for (const method of [r.method, "OPTIONS"]) {
        const res = await fetch(`${s.url}${r.path}`, { method, headers: { ...r.headers, origin: FOREIGN } });
        expect(res.status, `${method} ${r.path}`).toBe(JoinError.OriginNotAllowed);
        expect(res.headers.get("access-control-allow-origin"), `${method} ${r.path}`).toBeNull();
        expect(res.headers.get("access-control-allow-credentials"), `${method} ${r.path}`).toBeNull();
      }
    }
  });

  it("an allowed origin may read the public routes, with credentials, and its preflight names the methods", async () => {
    const s = await start();
    for (const path of ["/health", "/api/rooms/code/ABCDE"]) {
      const res = await fetch(`${s.url}${path}`, { headers: { origin: ALLOWED } });
      expect(res.headers.get("access-control-allow-origin"), path).toBe(ALLOWED);
      expect(res.headers.get("access-control-allow-credentials"), path).toBe("true");
    }
    const made = await matchmake(s.url, "joinOrCreate", RoomName.Arena, { origin: ALLOWED });
    expect(made.status).toBe(200);
    expect(made.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    const pre = await fetch(`${s.url}/matchmake/joinOrCreate/arena`, { method: "OPTIONS", headers: { origin: ALLOWED, "access-control-request-method": "POST" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(pre.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("the monitor and metrics get no CORS at all, even for an allowed origin", async () => {
    const s = await start();
    for (const path of ["/metrics", "/metrics/window", "/colyseus/api"]) {
      for (const method of ["GET", "OPTIONS"]) {
        const res = await fetch(`${s.url}${path}`, { method, headers: { ...auth, origin: ALLOWED } });
        expect(res.headers.get("access-control-allow-origin"), `${method} ${path}`).toBeNull();
      }
    }
  });

  it("a request with no Origin (curl, a bot) gets no CORS header and works as before", async () => {
    const s = await start();
    const res = await fetch(`${s.url}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("the monitor's room calls", () => {
  it("refuse a cross-site request (Fetch Metadata) and any method the monitor's own page never calls", async () => {
    const s = await start();
    const call = (method: string, site?: string) =>
      fetch(`${s.url}/colyseus/api/room/call?roomId=nope&method=${method}&args=%5B%5D`, { headers: { ...auth, ...(site ? { "sec-fetch-site": site } : {}) } });
    // An <img> or link on another site: the browser says cross-site, and sends no Origin.
    const cross = await call("disconnect", "cross-site");
    expect(cross.status).toBe(403);
    expect(await cross.json()).toEqual({ error: "monitor calls are accepted only from the monitor's own page" });
    const odd = await call("onAuth", "same-origin");
    expect(odd.status).toBe(400);
    expect(await odd.json()).toEqual({ error: 'the monitor may not call "onAuth"' });
    // The monitor's own page, calling one of its methods, reaches the monitor (the room is gone: 500 from it).
    expect((await call("disconnect", "same-origin")).status).toBe(500);
  });
});
