/**
 * The client address behind proxies (TRUST_PROXY), as the security review found it: a
 * client-written X-Forwarded-For hop must not dodge a per-address limit, and honest players
 * behind one proxy must not share one address's budget. Every limit reads the same address.
 */
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { clientAddressResolver, parseTrustProxy, type TrustProxy } from "../../server/net/clientAddress.ts";
import { JoinError, RoomName } from "../../shared/protocol.ts";
import { holdUpgrade, seatBehindProxy, type Upgrade } from "../helpers/proxiedSeat.ts";
import { matchmake } from "../helpers/rawHttp.ts";
import { startTestServer, type TestServer } from "../helpers/testServer.ts";

let server: TestServer | undefined;
const sockets: Upgrade[] = [];

afterEach(async () => {
  for (const u of sockets.splice(0)) u.socket?.destroy();
  await server?.stop();
  server = undefined;
});

const fakeRequest = (remote: string, xff?: string) => ({ socket: { remoteAddress: remote } as Socket, headers: xff === undefined ? {} : { "x-forwarded-for": xff } }) as unknown as IncomingMessage;
const trust = (raw: string): TrustProxy => {
  const t = parseTrustProxy(raw);
  if (!t.ok) throw new Error(t.error);
  return t.value;
};

describe("which address a request comes from", () => {
  it("with no proxy trusted, is the socket's address whatever the header says", () => {
    expect(clientAddressResolver(trust(""))(fakeRequest("::ffff:198.51.100.4", "203.0.113.9"))).toBe("198.51.100.4");
  });

  it("with one hop, is the address the proxy appended, never a hop the client wrote before it", () => {
    const addressOf = clientAddressResolver(trust("1"));
    expect(addressOf(fakeRequest("127.0.0.1", "203.0.113.9, 198.51.100.4"))).toBe("198.51.100.4");
    expect(addressOf(fakeRequest("127.0.0.1", "198.51.100.4"))).toBe("198.51.100.4");
    // No header: a client that reached the server without the proxy is its own address.
    expect(addressOf(fakeRequest("192.0.2.1"))).toBe("192.0.2.1");
  });

  it("with two hops (a CDN and a load balancer), is the address the outer proxy saw", () => {
    expect(clientAddressResolver(trust("2"))(fakeRequest("10.0.0.2", "203.0.113.9, 198.51.100.4, 10.0.0.1"))).toBe("198.51.100.4");
  });

  it("with a list of proxy addresses, skips trusted hops from the right and stops at the first stranger", () => {
    const addressOf = clientAddressResolver(trust("127.0.0.1, 10.0.0.0/8"));
    expect(addressOf(fakeRequest("127.0.0.1", "203.0.113.9, 198.51.100.4, 10.1.2.3"))).toBe("198.51.100.4");
    // The socket itself is not a trusted proxy: its header is the client's own writing.
    expect(addressOf(fakeRequest("192.0.2.1", "10.1.2.3"))).toBe("192.0.2.1");
  });

  it("refuses a TRUST_PROXY that is neither a hop count nor addresses, naming the variable", () => {
    expect(() => loadConfig({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY: must be a hop count or a list of proxy addresses/);
    expect(() => loadConfig({ TRUST_PROXY: "11" })).toThrow(/TRUST_PROXY: a hop count must be from 0 to 10/);
    expect(loadConfig({ TRUST_PROXY: "loopback" }).trustProxy).toEqual({ kind: "addresses", addresses: ["loopback"] });
  });
});

describe("forged hops behind a trusted proxy are still one client", () => {
  it("matchmaking: 170 requests with a fresh forged first hop each are rate-limited on the real address", async () => {
    server = await startTestServer({ TRUST_PROXY: "1", MATCHMAKE_PER_IP_PER_MINUTE: "10" });
    const statuses: number[] = [];
    for (let i = 0; i < 170; i++) {
      statuses.push((await matchmake(server.url, "joinOrCreate", RoomName.Arena, { "x-forwarded-for": `203.0.${i >> 8}.${i & 255}, 198.51.100.7` })).status);
    }
    const admitted = statuses.filter((s) => s === 200).length;
    // The burst is half the minute's budget (5); a second or so of refill may add one.
    expect(admitted).toBeGreaterThanOrEqual(5);
    expect(admitted).toBeLessThanOrEqual(6);
    expect(statuses.filter((s) => s === JoinError.RateLimited).length).toBe(170 - admitted);
  });

  it("WebSocket upgrades: forged first hops share the real address's connection limit", async () => {
    server = await startTestServer({ TRUST_PROXY: "1", MAX_CONNECTIONS_PER_IP: "3" });
    for (let i = 0; i < 3; i++) {
      const u = await seatBehindProxy(server.url, `203.0.113.${i + 1}, 198.51.100.7`, `p${i}`);
      sockets.push(u);
      expect(u.status).toBe(101);
    }
    // The gate refuses before any seat is looked up (a reserved seat left unused would hold the room open).
    const fourth = await holdUpgrade(server.url, "/", { "x-forwarded-for": "203.0.113.99, 198.51.100.7" });
    sockets.push(fourth);
    expect(fourth.status).toBe(JoinError.RateLimited);
  });

  it("room-code lookups: forged first hops share the real address's bucket", async () => {
    server = await startTestServer({ TRUST_PROXY: "1" });
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const res = await fetch(`${server.url}/api/rooms/code/ABCDE`, { headers: { "x-forwarded-for": `203.0.113.${i}, 198.51.100.7` } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
  });
});

describe("honest players behind one proxy each have their own budget", () => {
  it("200 players seated through one proxy address are all admitted, with the default limits", async () => {
    server = await startTestServer({ TRUST_PROXY: "1" });
    for (let i = 0; i < 200; i++) {
      const u = await seatBehindProxy(server.url, `198.51.${100 + (i >> 8)}.${(i & 255) + 1}`, `p${i}`);
      sockets.push(u);
      expect(u.status, `player ${i}`).toBe(101);
    }
  });

  it("room-code lookups from many players behind the proxy are not pooled into one bucket", async () => {
    server = await startTestServer({ TRUST_PROXY: "1" });
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${server.url}/api/rooms/code/ABCDE`, { headers: { "x-forwarded-for": `198.51.100.${i + 1}` } });
      expect(res.status, `player ${i}`).toBe(404);
    }
  });
});
