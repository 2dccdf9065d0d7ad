/**
 * Bad input to the HTTP fallback transport, sent by hand: each is refused with its status and
 * a JSON error, and changes nothing (the session still works with the batch number it expected,
 * and the room still holds its player).
 */
import { Protocol } from "colyseus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECT4_ROOM } from "../../shared/connect4/protocol.ts";
import { decodeRecords, encodeRecords, FALLBACK_SEGMENT, FallbackHeader, RecordKind, type FallbackRecord } from "../../shared/fallback.ts";
import { matchmake } from "../helpers/rawHttp.ts";
import { startTestServer, type TestServer } from "../helpers/testServer.ts";
import { readValue } from "../../server/metrics/registry.ts";

const MAX_CONNECTIONS = 3;
let server: TestServer;

beforeAll(async () => {
  // TRUST_PROXY=1: X-Forwarded-For names the client, so one test can be two addresses.
  server = await startTestServer({ TRUST_PROXY: "1", MAX_CONNECTIONS_PER_IP: String(MAX_CONNECTIONS) });
});
afterAll(() => server.stop());

interface Raw {
  base: string;
  id: string;
  secret: string;
  address: string;
  roomId: string;
}

const frame = (...bytes: number[]): FallbackRecord => ({ kind: RecordKind.Frame, payload: Uint8Array.from(bytes) });

/** A seat by matchmaking, then a fallback session for it, as the client transport opens one. */
async function openSession(address: string, roomId?: string): Promise<Raw> {
  const seat = roomId ? await matchmake(server.url, "joinById", roomId, { "x-forwarded-for": address }) : await matchmake(server.url, "create", CONNECT4_ROOM, { "x-forwarded-for": address });
  expect(seat.status).toBe(200);
  const { sessionId, processId } = seat.body as { sessionId: string; processId: string };
  const room = (seat.body as { roomId: string }).roomId;
  const base = `${server.url}/${processId}/${room}/${FALLBACK_SEGMENT}`;
  const res = await fetch(`${base}/open`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": address }, body: JSON.stringify({ sessionId }) });
  expect(res.status).toBe(200);
  const { id, secret } = (await res.json()) as { id: string; secret: string };
  expect(id).toMatch(/^[0-9a-f]{32}$/);
  return { base, id, secret, address, roomId: room };
}

function headers(s: Raw, extra: Record<string, string> = {}): Record<string, string> {
  return { [FallbackHeader.Session]: s.id, [FallbackHeader.Secret]: s.secret, "x-forwarded-for": s.address, ...extra };
}

async function send(s: Raw, seq: number, body: Uint8Array, extra: Record<string, string> = {}): Promise<{ status: number; error?: string }> {
  const res = await fetch(`${s.base}/send`, { method: "POST", headers: headers(s, { [FallbackHeader.Seq]: String(seq), "content-type": "application/octet-stream", ...extra }), body: body as Uint8Array<ArrayBuffer> });
  const text = await res.text();
  return { status: res.status, error: text ? (JSON.parse(text) as { error: string }).error : undefined };
}

/** Poll until a frame with this Colyseus code arrives. */
async function pollFor(s: Raw, code: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${s.base}/poll`, { headers: headers(s) });
    expect(res.status).toBe(200);
    const records = decodeRecords(new Uint8Array(await res.arrayBuffer()), 1 << 20);
    if (records.some((r) => r.kind === RecordKind.Frame && r.payload[0] === code)) return;
  }
  throw new Error(`no frame ${code} arrived`);
}

/** The session still works: batch `seq` (a PING) is taken, and the room answers it. */
async function stillWorks(s: Raw, seq: number): Promise<void> {
  expect((await send(s, seq, encodeRecords([frame(Protocol.PING)]))).status).toBe(204);
  await pollFor(s, Protocol.PING);
}

/** A joined session (its JOIN_ROOM taken and acknowledged, as the SDK does). */
async function joined(address: string): Promise<Raw> {
  const s = await openSession(address);
  await pollFor(s, Protocol.JOIN_ROOM);
  expect((await send(s, 0, encodeRecords([frame(Protocol.JOIN_ROOM)]))).status).toBe(204);
  return s;
}

describe("the HTTP fallback refuses bad input and changes nothing", () => {
  it("an oversized POST (413), an oversized frame (413), a malformed batch (400)", async () => {
    const s = await joined("203.0.113.1");
    const huge = await send(s, 1, new Uint8Array(4096 * 16 + 1));
    expect(huge).toMatchObject({ status: 413, error: expect.stringMatching(/Content-Length of at most 65536/) });
    const bigFrame = await send(s, 1, encodeRecords([{ kind: RecordKind.Frame, payload: new Uint8Array(4097) }]));
    expect(bigFrame).toMatchObject({ status: 413, error: expect.stringMatching(/frame too large: a frame of 4097 bytes/) });
    const truncated = encodeRecords([frame(Protocol.PING)]).subarray(0, 5);
    const malformed = await send(s, 1, Uint8Array.from([...encodeRecords([frame(Protocol.PING)]), 0, 0, 0, 9, 0]));
    expect(malformed).toMatchObject({ status: 400, error: expect.stringMatching(/malformed batch: the body ends inside a record/) });
    expect((await send(s, 1, Uint8Array.from([0, 0, 0, 1, 7]))).status).toBe(400); // an unknown record kind
    expect((await send(s, 1, truncated)).status).toBe(400); // a record cut short
    await stillWorks(s, 1);
  });

  it("an out-of-order batch and a duplicate batch (409)", async () => {
    const s = await joined("203.0.113.2");
    const conflictsBefore = await readValue("skirmish_fallback_refused_total", { status: "409" });
    expect(await send(s, 5, encodeRecords([frame(Protocol.PING)]))).toMatchObject({ status: 409, error: "batch 5 is out of order (expected 1)" });
    await stillWorks(s, 1);
    expect(await send(s, 1, encodeRecords([frame(Protocol.PING)]))).toMatchObject({ status: 409, error: "batch 1 was already received (expected 2)" });
    expect((await send(s, 0, encodeRecords([frame(Protocol.PING)]), { [FallbackHeader.Seq]: "x" })).status).toBe(400);
    await stillWorks(s, 2);
    // Counted on the one metrics registry, by status; the open sessions too.
    expect(await readValue("skirmish_fallback_refused_total", { status: "409" })).toBe(conflictsBefore + 2);
    expect(await readValue("skirmish_fallback_sessions")).toBeGreaterThanOrEqual(1);
  });

  it("polling too often (429)", async () => {
    const s = await joined("203.0.113.3");
    // Each new poll answers the one before at once, so a client that re-polls in a loop is measured by its rate alone.
    const statuses = await Promise.all(Array.from({ length: 60 }, () => fetch(`${s.base}/poll`, { headers: headers(s) }).then(async (r) => ({ status: r.status, body: await r.text() }))));
    const refused = statuses.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(JSON.parse(refused[0]!.body)).toEqual({ code: 429, error: "polling too often (at most 40 per second)" });
    await expect.poll(async () => (await fetch(`${s.base}/poll`, { headers: headers(s) })).status, { interval: 200, timeout: 5000 }).toBe(200);
    await stillWorks(s, 1);
  });

  it("too many sessions (and so streams) from one address (429); another address is not affected", async () => {
    const first = await openSession("203.0.113.4");
    for (let i = 1; i < MAX_CONNECTIONS; i++) await openSession("203.0.113.4", first.roomId);
    const seat = await matchmake(server.url, "create", CONNECT4_ROOM, { "x-forwarded-for": "203.0.113.4" });
    const { sessionId, processId, roomId } = seat.body as { sessionId: string; processId: string; roomId: string };
    const res = await fetch(`${server.url}/${processId}/${roomId}/${FALLBACK_SEGMENT}/open`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.4" }, body: JSON.stringify({ sessionId }) });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ code: 429, error: "too many open connections from your address" });
    await joined("203.0.113.5");
  });

  it("another client's session id: a wrong secret or another address (403), an unknown id (404), none (401)", async () => {
    const s = await joined("203.0.113.6");
    const thief = { ...s, address: "198.51.100.7" };
    expect(await send(thief, 1, encodeRecords([frame(Protocol.LEAVE_ROOM)]))).toMatchObject({ status: 403, error: "this fallback session belongs to another client" });
    const guess = { ...s, secret: "00".repeat(32) };
    expect(await send(guess, 1, encodeRecords([frame(Protocol.LEAVE_ROOM)]))).toMatchObject({ status: 403 });
    expect((await fetch(`${s.base}/poll`, { headers: headers(thief) })).status).toBe(403);
    expect(await send({ ...s, id: "0".repeat(32) }, 1, encodeRecords([frame(Protocol.PING)]))).toMatchObject({ status: 404 });
    expect((await fetch(`${s.base}/poll`, { headers: { "x-forwarded-for": s.address } })).status).toBe(401);
    await stillWorks(s, 1);
  });

  it("a bad Origin (403), a bad open body (400), a wrong method (405)", async () => {
    const s = await joined("203.0.113.8");
    const foreign = await fetch(`${s.base}/send`, { method: "POST", headers: headers(s, { origin: "https://evil.example", [FallbackHeader.Seq]: "1" }), body: encodeRecords([frame(Protocol.LEAVE_ROOM)]) as Uint8Array<ArrayBuffer> });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: string }).error).toMatch(/origin/i);
    const badOpen = await fetch(`${s.base}/open`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": s.address }, body: JSON.stringify({ sessionId: "../../x" }) });
    expect(badOpen.status).toBe(400);
    expect((await fetch(`${s.base}/send`, { headers: headers(s) })).status).toBe(405);
    await stillWorks(s, 1);
  });
});
