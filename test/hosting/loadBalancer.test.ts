/**
 * The load balancer as shipped (test/helpers/balancedCluster.ts): deploy/nginx/skirmish.conf
 * run by Debian's nginx with TLS (a certificate made at test time) on a free port, in front of
 * two real server processes over a real Redis, each with PUBLIC_ADDRESS=<nginx>/sN and
 * TRUST_PROXY=1. Every client below talks to nginx only. nginx's access log (the test's own
 * log format, with $upstream_addr) says which process answered a request.
 */
import { request } from "node:https";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import type { ChatLine } from "../../shared/chat.ts";
import { JoinError, Msg, type RoomInfoMessage } from "../../shared/protocol.ts";
import { logLine } from "../e2e/helpers/app.ts";
import { startBalancedCluster, type BalancedCluster, type Site } from "../helpers/balancedCluster.ts";
import { setupOrFailEach } from "../helpers/testRedis.ts";
import { TransportClient, transportOf } from "../../game/net/transport/TransportClient.ts";
import type { HttpFallbackTransport } from "../../game/net/transport/HttpFallbackTransport.ts";
import { joinOptions, untilState } from "../helpers/testServer.ts";

/** This file's Redis database (each hosting test file has its own). */
const DB = 9;
/** Matchmaking budget per address per process; the limit test spends a fresh address's. */
const MATCHMAKE_PER_MINUTE = 40;

let lb: BalancedCluster;
let base: string;
let sites: Site[];
const open: Room[] = [];
const track = <R extends Room>(r: R): R => {
  r.onMessage("*", () => undefined); // chat and room info, unread here
  open.push(r);
  return r;
};

setupOrFailEach(async () => {
  lb = await startBalancedCluster(DB, { MATCHMAKE_PER_IP_PER_MINUTE: String(MATCHMAKE_PER_MINUTE), SHUTDOWN_GRACE_SECONDS: "120", RECONNECT_SECONDS: "20" });
  ({ base, sites } = lb);
}, 60_000);
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => (r.connection.isOpen ? r.leave().catch(() => undefined) : undefined)));
});
afterAll(async () => {
  await lb?.stop();
});

const sdk = () => new Client(base);

const sides = (roomId: string) => lb.sides(roomId);

/** The upstream nginx sent each logged request to, for requests whose URI matches. */
const upstreamsFor = (uri: RegExp): string[] => lb.nginx.accessLog().filter((l) => uri.test(l.split(" ")[3] ?? "")).map((l) => l.split(" ")[0]!);

const wsUrl = (room: Room): string => (room.connection.transport as unknown as { ws: WebSocket }).ws.url;

/** One HTTPS request to nginx from a chosen loopback address (127.0.0.2, ...): a distinct client. */
function fromAddress(localAddress: string, method: string, path: string, headers: Record<string, string> = {}, body = ""): Promise<{ status: number; body: string }> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: Number(port), localAddress, method, path, agent: false, headers: { ...headers, ...(body ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.once("error", reject);
    req.end(body);
  });
}

describe("nginx (deploy/nginx/skirmish.conf) with TLS in front of two processes over Redis", () => {
  it("serves the page and the health check over https from both processes", async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const ids = new Set<string>();
    for (let i = 0; i < 4; i++) ids.add(((await (await fetch(`${base}/health`)).json()) as { processId: string }).processId);
    expect(ids.size).toBe(2);
  });

  it("joins a private room by its code, looked up and joined through the process that does not hold it", async () => {
    const owner = track(await sdk().create<ArenaState>("arena", { ...joinOptions("owner"), private: true }));
    const info = await new Promise<RoomInfoMessage>((resolve) => owner.onMessage(Msg.RoomInfo, resolve));
    const { holder, other } = await sides(owner.roomId);
    expect(wsUrl(owner)).toMatch(new RegExp(`^wss://127\\.0\\.0\\.1:\\d+${holder.prefix}`));

    // Round robin: within two tries each, a lookup and a join are answered by the other process.
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${base}/api/rooms/code/${info.code}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { roomId: string }).roomId).toBe(owner.roomId);
    }
    expect(upstreamsFor(new RegExp(`^/api/rooms/code/${info.code}$`))).toContain(other.upstream);
    const guests: Room<ArenaState>[] = [];
    for (let i = 0; i < 2 && !upstreamsFor(new RegExp(`^/matchmake/joinById/${owner.roomId}`)).includes(other.upstream); i++) {
      guests.push(track(await sdk().joinById<ArenaState>(owner.roomId, joinOptions(`guest${i}`))));
    }
    expect(upstreamsFor(new RegExp(`^/matchmake/joinById/${owner.roomId}`))).toContain(other.upstream);
    await untilState(owner, () => owner.state.players?.size === 1 + guests.length);
    for (const g of guests) expect(wsUrl(g)).toMatch(new RegExp(`^wss://127\\.0\\.0\\.1:\\d+${holder.prefix}`));
  });

  it("reconnects a dropped player to the process holding its room", async () => {
    const a = track(await sdk().create<ArenaState>("arena", joinOptions("alice")));
    const b = track(await sdk().joinById<ArenaState>(a.roomId, joinOptions("bob")));
    const { holder } = await sides(a.roomId);
    await untilState(b, () => b.state.players?.size === 2);
    a.reconnection.enabled = false; // reconnect by hand, as a reloaded page does
    const token = a.reconnectionToken;
    a.connection.close();
    await untilState(b, () => b.state.players.get(a.sessionId)?.connected === false);

    const back = track(await sdk().reconnect<ArenaState>(token));
    expect(back.sessionId).toBe(a.sessionId);
    expect(wsUrl(back)).toMatch(new RegExp(`^wss://127\\.0\\.0\\.1:\\d+${holder.prefix}`));
    await untilState(b, () => b.state.players.get(a.sessionId)?.connected === true);
  });

  it("routes a fallback client's session to the process holding its room, streamed unbuffered through nginx", async () => {
    const owner = track(await sdk().create<ArenaState>("arena", { ...joinOptions("host"), private: true }));
    const info = await new Promise<RoomInfoMessage>((resolve) => owner.onMessage(Msg.RoomInfo, resolve));
    const { holder, other } = await sides(owner.roomId);
    // The code is looked up through whichever process nginx picks; the fallback then goes where the room is.
    let roomId = "";
    for (let i = 0; i < 2 && !upstreamsFor(new RegExp(`^/api/rooms/code/${info.code}$`)).includes(other.upstream); i++) {
      roomId = ((await (await fetch(`${base}/api/rooms/code/${info.code}`)).json()) as { roomId: string }).roomId;
    }
    expect(roomId).toBe(owner.roomId);
    const guest = track(await new TransportClient(base, { force: "fallback" }).joinById<ArenaState>(roomId, joinOptions("httpguest")));
    expect(transportOf(guest)?.kind).toBe("fallback");
    await untilState(owner, () => owner.state.players?.size === 2);
    await untilState(guest, () => guest.state.players?.size === 2);
    const heard = new Promise<ChatLine>((resolve) => owner.onMessage(Msg.Chat, (line: ChatLine) => line.text === "via http" && resolve(line)));
    guest.send(Msg.Chat, { text: "via http" });
    expect((await heard).text).toBe("via http");
    // Every fallback request went to the holder, under its /sN/ prefix...
    const fallback = upstreamsFor(new RegExp(`^${holder.prefix}[^/]+/${roomId}/~fallback/`));
    expect(fallback.length).toBeGreaterThanOrEqual(3); // open, stream, send
    expect(new Set(fallback)).toEqual(new Set([holder.upstream]));
    // ...and nginx did not buffer the stream (X-Accel-Buffering: no): the client never had to long-poll.
    expect((transportOf(guest)!.current as HttpFallbackTransport).mode).toBe("stream");
  });

  it("counts per-address limits on the player's address, which nginx forwards on every location", async () => {
    // 127.0.0.2 spends its matchmaking budget on both processes (round robin)...
    const spend = () => fromAddress("127.0.0.2", "POST", "/matchmake/joinOrCreate/no_such_room", {}, "{}");
    let refused: { status: number; body: string } | undefined;
    for (let i = 0; i < 4 * MATCHMAKE_PER_MINUTE && !refused; i++) {
      const r = await spend();
      if (r.status === JoinError.RateLimited) refused = r;
    }
    expect(refused?.body).toMatch(/too many matchmaking requests from your address/);
    await Promise.race(sites.map(({ app }) => app.logged(logLine("request refused", { ip: "127.0.0.2", code: JoinError.RateLimited }))));
    // ...while another player, behind the same nginx, is not limited.
    const fresh = await fromAddress("127.0.0.3", "POST", "/matchmake/joinOrCreate/no_such_room", {}, "{}");
    expect(fresh.status).not.toBe(JoinError.RateLimited);

    // A WebSocket upgrade from a foreign page, through a process's /sN/ location: 403, logged with the player's address.
    const upgrade = await fromAddress("127.0.0.4", "GET", `${sites[0]!.prefix}someProcess/someRoom`, {
      Connection: "Upgrade",
      Upgrade: "websocket",
      "Sec-WebSocket-Version": "13",
      "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
      Origin: "https://evil.example",
    });
    expect(upgrade.status).toBe(JoinError.OriginNotAllowed);
    expect(upgrade.body).toMatch(/"code":403/);
    await sites[0]!.app.logged(logLine("request refused", { ip: "127.0.0.4", what: "upgrade", code: JoinError.OriginNotAllowed }));
  });

  // Last: the drained process does not come back.
  it("sends no new rooms or players to a process draining after SIGTERM while its room plays on", async () => {
    // A room on each process, so the draining one has a room that is still playing.
    const made = [track(await sdk().create<ArenaState>("arena", joinOptions("d0")))];
    while (new Set(await Promise.all(made.map(async (r) => (await sides(r.roomId)).holder))).size < 2) made.push(track(await sdk().create<ArenaState>("arena", joinOptions(`d${made.length}`))));
    const drained = sites[1]!;
    const stay = (await Promise.all(made.map(async (r) => ({ r, s: (await sides(r.roomId)).holder })))).find((x) => x.s === drained)!.r;
    const mate = track(await sdk().joinById<ArenaState>(stay.roomId, joinOptions("mate")));
    await untilState(mate, () => mate.state.players?.size === 2);

    const draining = drained.app.logged(logLine("draining"));
    drained.app.signal("SIGTERM");
    await draining;

    // nginx skips it: every page, health check and matchmaking request is answered (by the other process).
    for (let i = 0; i < 4; i++) {
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { draining: boolean }).draining).toBe(false);
    }
    // New rooms land on the other process, whichever process the matchmaker asks; quick play fills none of its seats.
    for (let i = 0; i < 4; i++) {
      const fresh = track(await sdk().create<ArenaState>("arena", joinOptions(`new${i}`)));
      expect((await sides(fresh.roomId)).holder).not.toBe(drained);
      const quick = track(await sdk().joinOrCreate<ArenaState>("arena", joinOptions(`quick${i}`)));
      expect(quick.roomId).not.toBe(stay.roomId);
    }
    // Its room plays on through its /sN/ location: state moves and chat goes round.
    const tick = stay.state.tick;
    await untilState(stay, () => stay.state.tick > tick + 5);
    const heard = new Promise<ChatLine>((resolve) => mate.onMessage(Msg.Chat, (line: ChatLine) => line.text === "still here" && resolve(line)));
    stay.send(Msg.Chat, { text: "still here" });
    expect((await heard).text).toBe("still here");
    // When its last players leave (of every room made here, some may be on it), it finishes and exits 0.
    await Promise.all([...made, mate].map((r) => r.leave()));
    expect(await drained.app.exited).toBe(0);
  }, 60_000);
});
