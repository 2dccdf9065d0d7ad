/**
 * Lossless delivery over the HTTP fallback: a long-poll answer the network loses after the
 * server wrote it, or a stream cut after a frame, loses no frame. The server keeps records until
 * the client's x-fallback-ack says it has them, and starts the next poll or stream there.
 * Real server, real SDK clients; the loss happens in the client's fetch (as a proxy that
 * swallows a response would do it), so the server believes the records went out.
 */
import type { Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Disc } from "../../shared/connect4/board.ts";
import { CONNECT4_ROOM, Connect4Msg, TURN_SECONDS } from "../../shared/connect4/protocol.ts";
import type { Connect4State } from "../../shared/connect4/schema.ts";
import { decodeRecords, FALLBACK_SEGMENT, FallbackHeader, RecordKind, RecordReader } from "../../shared/fallback.ts";
import { TransportClient, transportOf } from "../../game/net/transport/TransportClient.ts";
import { matchmake } from "../helpers/rawHttp.ts";
import { seated, filled, type C4 } from "../helpers/connect4Seats.ts";
import { joinOptions, leaveAll, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
const open: Room[] = [];
const realFetch = globalThis.fetch;
/** What the network loses next: one poll answer that carries frames, or a stream right after a frame. */
let lose: "poll" | "stream" | undefined;
let lost = 0;

function urlOf(input: Parameters<typeof fetch>[0]): string {
  return typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
}

/** A whole answer's records hold a frame (heartbeats do not count). */
const hasFrame = (bytes: Uint8Array) => decodeRecords(bytes, 1 << 22).some((r) => r.kind === RecordKind.Frame);

/** The client's fetch through a network that loses what `lose` says, once. */
const lossyFetch: typeof fetch = async (input, init) => {
  const res = await realFetch(input, init);
  const url = urlOf(input);
  if (url.endsWith(`/${FALLBACK_SEGMENT}/poll`) && res.ok) {
    const body = new Uint8Array(await res.arrayBuffer());
    if (lose === "poll" && hasFrame(body)) {
      lose = undefined;
      lost++;
      throw new TypeError("fetch failed (the test's network lost this answer)");
    }
    return new Response(body, { status: res.status, headers: res.headers });
  }
  if (url.endsWith(`/${FALLBACK_SEGMENT}/stream`) && res.ok && res.body) {
    const upstream = res.body.getReader();
    const reader = new RecordReader(1 << 22);
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await upstream.read();
        if (done) return controller.close();
        const records = reader.push(value);
        if (lose === "stream" && records.some((r) => r.kind === RecordKind.Frame)) {
          lose = undefined;
          lost++;
          await upstream.cancel();
          return controller.error(new TypeError("network error (the test cut this stream)"));
        }
        controller.enqueue(value);
      },
      cancel: () => upstream.cancel(),
    });
    return new Response(body, { status: res.status, headers: res.headers });
  }
  return res;
};

beforeAll(async () => {
  server = await startTestServer();
  globalThis.fetch = lossyFetch;
});
afterEach(async () => {
  lose = undefined;
  await leaveAll(open);
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await server.stop();
});

describe.each(["poll", "stream"] as const)("a lost %s answer", (downMode) => {
  it("loses no frame: the fallback player ends with the same board, on the same connection", async () => {
    const red = await seated(await new TransportClient(server.url, { force: "fallback", downMode }).create<Connect4State>(CONNECT4_ROOM, { ...joinOptions("ann"), turnSeconds: TURN_SECONDS.max }), open);
    const yellow = await seated(await server.client().joinById<Connect4State>(red.roomId, joinOptions("ben")), open);
    await Promise.all([red, yellow].map((r) => untilState(r, () => r.state.status === "playing")));
    const connection = transportOf(red)!.current;
    let drops = 0;
    red.onDrop(() => drops++);
    const lostBefore = lost;
    const moves = [[red, 0], [yellow, 1], [red, 0], [yellow, 1], [red, 0], [yellow, 1], [red, 0]] as const;
    for (const [i, [room, column]] of moves.entries()) {
      // The WebSocket player's second move reaches the fallback player in an answer the network loses.
      if (i === 3) lose = downMode;
      const after = filled(room) + 1;
      room.send(Connect4Msg.Drop, { column });
      await Promise.all([red, yellow].map((r) => untilState(r, () => filled(r) >= after)));
    }
    await Promise.all([red, yellow].map((r) => untilState(r, () => r.state.status === "over")));
    expect(lost).toBe(lostBefore + 1);
    expect(red.state.winner).toBe(Disc.Red);
    expect([...red.state.board]).toEqual([...yellow.state.board]);
    expect(drops).toBe(0);
    expect(transportOf(red)!.current).toBe(connection);
  });
});

describe("the acknowledgement at the wire", () => {
  async function session(): Promise<{ base: string; headers: Record<string, string> }> {
    const seat = await matchmake(server.url, "create", CONNECT4_ROOM, {});
    expect(seat.status).toBe(200);
    const { sessionId, processId, roomId } = seat.body as { sessionId: string; processId: string; roomId: string };
    const base = `${server.url}/${processId}/${roomId}/${FALLBACK_SEGMENT}`;
    const res = await realFetch(`${base}/open`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ sessionId }) });
    const { id, secret } = (await res.json()) as { id: string; secret: string };
    return { base, headers: { [FallbackHeader.Session]: id, [FallbackHeader.Secret]: secret } };
  }
  const poll = (s: { base: string; headers: Record<string, string> }, ack: string) => realFetch(`${s.base}/poll`, { headers: { ...s.headers, [FallbackHeader.Ack]: ack } });

  it("a poll from the same acknowledgement gets the same records again, numbered from it; a later one starts after them", async () => {
    const s = await session();
    const first = await poll(s, "0");
    expect(first.status).toBe(200);
    expect(first.headers.get(FallbackHeader.From)).toBe("0");
    const body = new Uint8Array(await first.arrayBuffer());
    const records = decodeRecords(body, 1 << 22).filter((r) => r.kind !== RecordKind.Heartbeat);
    expect(records.length).toBeGreaterThan(0);
    // The answer was lost: the client polls again with the same acknowledgement.
    const again = await poll(s, "0");
    expect(again.headers.get(FallbackHeader.From)).toBe("0");
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(body);
    // Acknowledging them: a refusal for going back or past what was sent, and nothing changes.
    const ack = String(records.length);
    const past = await poll(s, String(records.length + 1));
    expect(past.status).toBe(409);
    expect(((await past.json()) as { error: string }).error).toMatch(/only \d+ were sent/);
    const bad = await poll(s, "-1");
    expect(bad.status).toBe(400);
    const close = await realFetch(`${s.base}/close`, { method: "POST", headers: { ...s.headers, "content-type": "application/json", [FallbackHeader.Ack]: ack }, body: JSON.stringify({ code: 1000 }) });
    expect(close.status).toBe(204);
  });

  it("a poll's acknowledgement that goes back before an earlier one is refused (409); a lagging batch's is taken", async () => {
    const s = await session();
    const first = await poll(s, "0");
    const n = decodeRecords(new Uint8Array(await first.arrayBuffer()), 1 << 22).filter((r) => r.kind !== RecordKind.Heartbeat).length;
    // Acknowledge them with an empty batch, as a streaming client does.
    const sent = await realFetch(`${s.base}/send`, { method: "POST", headers: { ...s.headers, "content-type": "application/octet-stream", [FallbackHeader.Seq]: "0", [FallbackHeader.Ack]: String(n) }, body: new Uint8Array(0) });
    expect(sent.status).toBe(204);
    const back = await poll(s, "0");
    expect(back.status).toBe(409);
    expect(((await back.json()) as { error: string }).error).toMatch(/acknowledged already/);
    const lagging = await realFetch(`${s.base}/send`, { method: "POST", headers: { ...s.headers, "content-type": "application/octet-stream", [FallbackHeader.Seq]: "1", [FallbackHeader.Ack]: "0" }, body: new Uint8Array(0) });
    expect(lagging.status).toBe(204);
  });
});
