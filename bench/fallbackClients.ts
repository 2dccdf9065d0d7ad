/**
 * The client side of `npm run bench:fallback` (bench/fallbackCost.ts runs it in a child
 * process, so the server's CPU is measured alone): `--clients` observers join one arena room
 * over one transport (WebSocket, the fallback's stream, or its long-poll), ping it every
 * 250 ms for `--seconds`, and print one JSON line: their round trips, this process's CPU, and
 * what gzip would save and cost on the observers' fallback responses in that window.
 *
 *   tsx bench/fallbackClients.ts --url http://127.0.0.1:2567 --room <roomId> --mode stream --clients 8 --seconds 10
 */
import { parseArgs } from "node:util";
import { constants, createGzip, gzipSync } from "node:zlib";
import { Client, type Room } from "@colyseus/sdk";
import { TransportClient } from "../game/net/transport/TransportClient.ts";
import { Msg, PROTOCOL_VERSION, type PingMessage } from "../shared/protocol.ts";

const { values: a } = parseArgs({ options: { url: { type: "string" }, room: { type: "string" }, mode: { type: "string" }, clients: { type: "string" }, seconds: { type: "string" } } });
const mode = a.mode as "websocket" | "stream" | "poll";
const CLIENTS = Number(a.clients);
const SECONDS = Number(a.seconds);

// Every fallback response body from the window's start, chunk by chunk as it arrived.
const recorded: { kind: "stream" | "poll"; chunks: Uint8Array[] }[] = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const res = await realFetch(input, init);
  const url = String(input instanceof Request ? input.url : input);
  const kind = url.endsWith("/~fallback/stream") ? "stream" : url.endsWith("/~fallback/poll") ? "poll" : undefined;
  if (!kind || !res.body) return res;
  const entry = { kind: kind as "stream" | "poll", chunks: [] as Uint8Array[] };
  recorded.push(entry);
  const tap = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, out) {
      entry.chunks.push(chunk.slice());
      out.enqueue(chunk);
    },
  });
  return new Response(res.body.pipeThrough(tap), { status: res.status, headers: res.headers });
};

const client = () => (mode === "websocket" ? new Client(a.url!) : new TransportClient(a.url!, { force: "fallback", downMode: mode }));
const rooms: Room[] = [];
for (let i = 0; i < CLIENTS; i++) {
  const room = await client().joinById(a.room!, { name: `obs-${i}`, protocol: PROTOCOL_VERSION });
  room.onMessage("*", () => undefined);
  room.onMessage(Msg.Ping, (m: PingMessage) => room.send(Msg.Pong, m));
  rooms.push(room);
}
// Streams opened while joining keep their chunks from here on; polls from here on are new.
for (const r of recorded) r.chunks.length = 0;
console.log(JSON.stringify({ ready: true }));

const rtts: number[] = [];
const cpu0 = process.cpuUsage();
const pinger = setInterval(() => rooms.forEach((r) => r.ping((ms) => rtts.push(ms))), 250);
await new Promise((r) => setTimeout(r, SECONDS * 1000));
clearInterval(pinger);
const cpu = process.cpuUsage(cpu0);
await Promise.all(rooms.map((r) => r.leave().catch(() => undefined)));

/** A streamed response gzipped as a server must to keep it live: one gzip stream, flushed after every write. */
async function gzipStream(chunks: readonly Uint8Array[]): Promise<number> {
  const gz = createGzip({ level: 6 });
  let n = 0;
  gz.on("data", (c: Buffer) => (n += c.length));
  for (const c of chunks) await new Promise<void>((resolve) => (gz.write(c), gz.flush(constants.Z_SYNC_FLUSH, () => resolve())));
  await new Promise<void>((resolve) => gz.end(resolve));
  return n;
}

const raw = recorded.reduce((s, r) => s + r.chunks.reduce((t, c) => t + c.length, 0), 0);
let gzipped = 0;
const g0 = process.cpuUsage();
for (const r of recorded) gzipped += r.kind === "stream" ? await gzipStream(r.chunks) : gzipSync(Buffer.concat(r.chunks)).length;
const g = process.cpuUsage(g0);
const sorted = rtts.sort((x, y) => x - y);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
console.log(
  JSON.stringify({
    mode,
    rttP50: at(0.5),
    rttP95: at(0.95),
    samples: sorted.length,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    gzip: mode === "websocket" ? undefined : { rawBytes: raw, gzipBytes: gzipped, cpuMs: (g.user + g.system) / 1000 },
  }),
);
process.exit(0);
