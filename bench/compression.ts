/**
 * `npm run bench:compression`: what permessage-deflate would save and cost on Skirmish's own
 * server-to-client frames. A real server (in this process, built as `npm start` builds it)
 * runs one standard arena (16 players: 15 moving, firing bots and one observer; 200 drones);
 * the observer's WebSocket records every frame it receives, as sent (Colyseus's transport
 * has deflate off). Then each kind of frame is compressed the two ways permessage-deflate
 * can (ws's defaults, zlib level 6 at a 32 KB window):
 *   - context takeover (the default): one deflate stream per connection, each message
 *     sync-flushed, so later messages refer back to earlier ones;
 *   - no context takeover: every message on its own.
 * It prints bytes before and after, and CPU per frame (process CPU over many repetitions);
 * and the memory one connection's deflate stream holds. Frame kinds: the join state (the
 * full state on joining), the chat history (sent on joining), patches (20 a second).
 *
 *   npm run bench:compression [-- --seconds 10]
 */
import { performance } from "node:perf_hooks";
import { constants, createDeflateRaw, deflateRawSync, type DeflateRaw } from "node:zlib";
import { parseCommandLine, usageError } from "../scripts/cli.ts";

const tool = {
  usage: "npm run bench:compression -- [options]",
  summary: "Bytes saved and CPU spent by permessage-deflate on the join state, the chat history and the patches of one standard arena.",
  options: { seconds: { type: "string", default: "10", help: "how long to record patches, 1 to 120" } },
} as const;
const { values: a } = parseCommandLine(tool);
const SECONDS = Number(a.seconds);
if (!Number.isInteger(SECONDS) || SECONDS < 1 || SECONDS > 120) usageError(tool, `--seconds must be a whole number from 1 to 120, got "${a.seconds}"`);

/** Colyseus protocol codes (low 5 bits of a frame's first byte, @colyseus/shared-types). */
const ROOM_DATA = 13;
const ROOM_STATE = 14;
const ROOM_STATE_PATCH = 15;
const DRONES = 200;
const PLAYERS = 16;

// The recording socket must be in place before the SDK module reads globalThis.WebSocket.
const recorded: Uint8Array[] = [];
let recordNext = false;
class RecordingWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: ConstructorParameters<typeof WebSocket>[1]) {
    super(url, protocols);
    if (!recordNext) return;
    recordNext = false;
    this.binaryType = "arraybuffer";
    this.addEventListener("message", (e: MessageEvent) => {
      if (e.data instanceof ArrayBuffer) recorded.push(new Uint8Array(e.data));
    });
  }
}
globalThis.WebSocket = RecordingWebSocket;

const { Client } = await import("@colyseus/sdk");
const { createServer } = await import("../server/app.ts");
const { loadConfig } = await import("../server/config.ts");
const { Bot } = await import("../headless/bots/Bot.ts");
const { driveBots } = await import("../headless/bots/driveBots.ts");
const { CHAT_HISTORY_SIZE } = await import("../shared/chat.ts");
const { Msg, PROTOCOL_VERSION } = await import("../shared/protocol.ts");

const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", ARENA_DRONES: String(DRONES), CHAT_BURST: "1000", CHAT_RATE_MESSAGES: "1000" });
const server = createServer(config);
await server.listen(0, "127.0.0.1");
const port = (server.transport.server!.address() as { port: number }).port;
const url = `http://127.0.0.1:${port}`;

const bots = [await Bot.join(new Client(url), "bot-0")];
for (let i = 1; i < PLAYERS - 1; i++) bots.push(await Bot.join(new Client(url), `bot-${i}`, { roomId: bots[0]!.room.roomId }));
// A full chat history of ordinary lines, before the observer joins.
const LINES = ["gg", "nice shot!", "anyone on the east side?", "lol", "watch the drones near the middle", "one more round?", "rematch", "who keeps camping the corner", "brb", "ok ready"];
for (let i = 0; i < CHAT_HISTORY_SIZE; i++) bots[i % bots.length]!.room.send(Msg.Chat, { text: LINES[i % LINES.length]! });
const stop = driveBots(bots);
await new Promise((r) => setTimeout(r, 500)); // the lines above have gone round

recordNext = true;
const observer = await new Client(url).joinById(bots[0]!.room.roomId, { name: "observer", protocol: PROTOCOL_VERSION });
observer.onMessage("*", () => undefined);
await new Promise((r) => setTimeout(r, SECONDS * 1000));
stop();
await observer.leave();
for (const b of bots) await b.room.leave();
await server.gracefullyShutdown(false);

const code = (f: Uint8Array) => f[0]! & 0x1f;
const kinds: Record<string, Uint8Array[]> = {
  "join state": recorded.filter((f) => code(f) === ROOM_STATE),
  "chat history": recorded.filter((f) => code(f) === ROOM_DATA && Buffer.from(f).includes(Buffer.from(Msg.ChatHistory))),
  patches: recorded.filter((f) => code(f) === ROOM_STATE_PATCH),
};

/** One connection's deflate stream, with a sync flush per message, as ws's permessage-deflate does. */
async function withContext(frames: readonly Uint8Array[]): Promise<number[]> {
  const stream: DeflateRaw = createDeflateRaw({ level: 6, windowBits: 15, memLevel: 8 });
  const sizes: number[] = [];
  for (const f of frames) {
    sizes.push(
      await new Promise<number>((resolve) => {
        let n = 0;
        const onData = (c: Buffer) => (n += c.length);
        stream.on("data", onData);
        stream.write(f);
        stream.flush(constants.Z_SYNC_FLUSH, () => {
          stream.off("data", onData);
          resolve(n - 4); // permessage-deflate drops the flush's trailing 00 00 ff ff
        });
      }),
    );
  }
  stream.close();
  return sizes;
}

/** CPU (user + system, every thread) per call of `run` over `reps` calls, in µs. */
async function cpuPer(reps: number, run: () => unknown): Promise<number> {
  const t0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) await run();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / reps;
}

const avg = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const rows: string[] = [];
for (const [kind, frames] of Object.entries(kinds)) {
  if (frames.length === 0) {
    rows.push(`| ${kind} | 0 | (none recorded) | | | | |`);
    continue;
  }
  const raw = avg(frames.map((f) => f.length));
  const alone = avg(frames.map((f) => deflateRawSync(f, { level: 6 }).length - 4));
  const ctx = avg(await withContext(frames));
  const reps = Math.max(1, Math.round(2000 / frames.length));
  const cpuAlone = (await cpuPer(reps, () => frames.forEach((f) => deflateRawSync(f, { level: 6 })))) / frames.length;
  const cpuCtx = (await cpuPer(Math.max(1, Math.round(reps / 4)), () => withContext(frames))) / frames.length;
  const pct = (x: number) => `${Math.round((100 * (raw - x)) / raw)} %`;
  rows.push(`| ${kind} | ${frames.length} | ${raw.toFixed(0)} | ${ctx.toFixed(0)} (${pct(ctx)}) | ${alone.toFixed(0)} (${pct(alone)}) | ${cpuCtx.toFixed(1)} | ${cpuAlone.toFixed(1)} |`);
}

// The memory one connection's deflate stream holds once it has compressed one join state.
const N = 200;
const join = kinds["join state"]![0] ?? new Uint8Array(4096);
globalThis.gc?.();
const m0 = process.memoryUsage();
const streams: DeflateRaw[] = [];
for (let i = 0; i < N; i++) {
  const s = createDeflateRaw({ level: 6, windowBits: 15, memLevel: 8 });
  s.resume();
  s.write(join);
  await new Promise<void>((r) => s.flush(constants.Z_SYNC_FLUSH, () => r()));
  streams.push(s);
}
const m1 = process.memoryUsage();
const perStreamKb = (m1.rss - m0.rss) / N / 1024;
for (const s of streams) s.close();

console.log(`one arena, ${PLAYERS} players, ${DRONES} drones; ${SECONDS} s of patches to one client (${kinds.patches!.length} patches, ${(kinds.patches!.length / SECONDS).toFixed(1)} a second)`);
console.log("");
console.log("| frame | frames | bytes as sent (mean) | deflated, context takeover | deflated, no context takeover | CPU µs/frame, context | CPU µs/frame, alone |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) console.log(r);
console.log("");
console.log(`memory held by one connection's deflate stream (32 KB window, memLevel 8), after one join state: ${perStreamKb.toFixed(0)} KB (RSS over ${N} streams)`);
console.log(`(${performance.now().toFixed(0)} ms in all)`);
process.exit(0);
