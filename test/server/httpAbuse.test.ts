/**
 * The HTTP surface under abuse, as the second review probed it: wrong admin secrets, an
 * unauthenticated metrics reset, bad percent-escapes, aborted bodies, slow requests and
 * connection floods. Each gets a short answer or a closed socket, and the server serves on.
 */
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.ts";
import { startTestServer, type TestServer } from "../helpers/testServer.ts";

let server: TestServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  vi.restoreAllMocks();
  await server?.stop();
  server = undefined;
});

const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`admin:${password}`).toString("base64")}` });
const MONITOR_PASSWORD = "correct-horse-battery";
const METRICS_TOKEN = "0123456789abcdef-token";

/** A raw TCP connection; resolves once connected. */
function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1", () => resolve(s));
    s.on("error", reject);
    sockets.push(s);
  });
}
const closed = (s: Socket) => new Promise<void>((resolve) => (s.closed ? resolve() : s.once("close", () => resolve())));

describe("admin secrets", () => {
  it("200 wrong monitor passwords: 10 get 401, the rest 429 with Retry-After, and the lockout is per address", async () => {
    server = await startTestServer({ MONITOR_PASSWORD, TRUST_PROXY: "1" });
    const from = (ip: string, password: string) => fetch(`${server!.url}/colyseus/api`, { headers: { ...basic(password), "x-forwarded-for": ip } });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await from("198.51.100.1", `guess-${i}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    const locked = await from("198.51.100.1", MONITOR_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await locked.json()).error).toMatch(/too many wrong secrets from your address .* try again in \d+ s/);
    expect((await from("198.51.100.2", MONITOR_PASSWORD)).status).toBe(200);
  });

  it("with METRICS_TOKEN, every /metrics route needs it, POST /metrics/reset included", async () => {
    server = await startTestServer({ METRICS: "1", METRICS_TOKEN });
    for (const [method, path] of [["POST", "/metrics/reset"], ["GET", "/metrics/window"], ["GET", "/metrics"]] as const) {
      const res = await fetch(`${server.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect((await res.json()).error).toMatch(/needs Authorization: Bearer <token>/);
      const ok = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(ok.status, `${method} ${path} with the token`).toBe(200);
    }
  });
});

describe("errors answer briefly", () => {
  it("a bad percent-escape in a path parameter gets 400 and a short JSON error, no stack or path", async () => {
    server = await startTestServer({});
    const res = await fetch(`${server.url}/api/rooms/code/%`);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: "bad request: the path or body could not be read" });
    expect(text).not.toMatch(/node_modules|at \w+ \(|\/work\//);
  });

  it("an aborted matchmaking body prints no stack (Colyseus never sees it) and the server serves on", async () => {
    server = await startTestServer({});
    const printed = vi.spyOn(console, "error");
    const s = await open(server.port);
    s.write('POST /matchmake/joinOrCreate/arena HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na');
    s.destroy();
    await closed(s);
    // The next request on a fresh connection is answered: the aborted one was dropped.
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(printed.mock.calls.map((c) => String(c[0]))).not.toContainEqual(expect.stringMatching(/SERVER_ERROR|aborted/));
  });
});

describe("connections", () => {
  it("caps open TCP connections per address, and a slot comes back when one closes", async () => {
    server = await startTestServer({ MAX_HTTP_CONNECTIONS_PER_IP: "3", MAX_CONNECTIONS_PER_IP: "2" });
    const held = [await open(server.port), await open(server.port), await open(server.port)];
    const fourth = await open(server.port);
    await closed(fourth); // the server hangs up at once
    held[0]!.destroy();
    await closed(held[0]!);
    // Once the server has seen the close, a new connection is served.
    let res: Response | undefined;
    for (let i = 0; i < 20 && !res; i++) res = await fetch(`${server.url}/health`, { headers: { connection: "close" } }).catch(() => undefined);
    expect(res?.status).toBe(200);
  });

  it("cuts off a request whose body never finishes (HTTP_REQUEST_TIMEOUT_SECONDS)", async () => {
    server = await startTestServer({ HTTP_REQUEST_TIMEOUT_SECONDS: "1" });
    const s = await open(server.port);
    let answer = "";
    s.on("data", (d: Buffer) => (answer += d.toString()));
    s.write("POST /matchmake/joinOrCreate/arena HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{");
    await closed(s);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("refuses a connection cap below the WebSocket cap, naming both", () => {
    expect(() => loadConfig({ MAX_HTTP_CONNECTIONS_PER_IP: "10", MAX_CONNECTIONS_PER_IP: "64" })).toThrow(ConfigError);
    expect(() => loadConfig({ MAX_HTTP_CONNECTIONS_PER_IP: "10", MAX_CONNECTIONS_PER_IP: "64" })).toThrow(/MAX_HTTP_CONNECTIONS_PER_IP: must be at least MAX_CONNECTIONS_PER_IP \(64\)/);
  });
});
