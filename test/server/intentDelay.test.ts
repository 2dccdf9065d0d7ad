/**
 * The server times every intent from the frame that brought it to the tick that applied it,
 * and samples each client's buffer depth: both in /metrics, and each client's own figures in
 * its NetReport. A standing backlog (a burst below the catch-up threshold that nothing would
 * ever drain) is drained, so intents stop waiting for it.
 */
import type { Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { STEADY_DEPTH } from "../../server/net/IntentLedger.ts";
import { IntentInput } from "../../shared/arena/input.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { INPUT_CATCHUP_THRESHOLD, INPUT_INTERVAL_MS } from "../../shared/constants.ts";
import { Msg, type NetReportMessage } from "../../shared/protocol.ts";
import { joinOptions, leaveAll, nextPatch, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
const opened: Room[] = [];
beforeAll(async () => {
  server = await startTestServer({ MAX_MESSAGES_PER_SECOND: "1000" });
});
afterAll(async () => {
  await leaveAll(opened);
  await server.stop();
});

/** One sample of a Prometheus exposition: `name{labels} value`, 0 when absent. */
function sample(text: string, name: string, labels: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}} `));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}
const scrape = async (): Promise<string> => (await fetch(`${server.url}/metrics`)).text();

describe("intent delay and input buffer depth", () => {
  it("are in /metrics and the client's NetReport, and a standing backlog is drained", async () => {
    const room = await server.client().create<ArenaState>("arena", joinOptions("waiter"));
    opened.push(room);
    const reports: NetReportMessage[] = [];
    room.onMessage(Msg.NetReport, (r: NetReportMessage) => reports.push(r));
    room.onMessage(Msg.Ping, () => undefined);
    await untilState(room, () => room.state.players?.get(room.sessionId) !== undefined);
    const srv = server.serverRoom<ArenaRoom>(room.roomId);
    const buffer = srv.inputs!.get(room.sessionId);
    const before = await scrape();

    const input = room.input({ type: IntentInput, mode: "reliable" });
    const send = (n: number) => {
      for (let i = 0; i < n; i++) {
        Object.assign(input.data, { dx: 0, dy: 0, aim: 0, fire: false });
        input.send();
      }
    };
    const timer = setInterval(() => send(1), INPUT_INTERVAL_MS);
    try {
      // A burst just under the catch-up threshold: the old rule never drained it.
      const burst = INPUT_CATCHUP_THRESHOLD - 1;
      send(burst);
      await untilState(room, () => buffer.size >= burst - 1, 20);
      // Drained within a few backlog windows (a second each): every later tick finds the steady few.
      let drained = false;
      for (let i = 0; i < 120 && !drained; i++) {
        await nextPatch(room);
        drained = buffer.size <= STEADY_DEPTH + 1;
      }
      expect(drained).toBe(true);
      const n = reports.length;
      await untilState(room, () => reports.length > n, 200);
    } finally {
      clearInterval(timer);
    }

    const after = await scrape();
    const delays = sample(after, "skirmish_intent_delay_seconds_count", 'type="arena"') - sample(before, "skirmish_intent_delay_seconds_count", 'type="arena"');
    const depths = sample(after, "skirmish_input_buffer_depth_count", 'type="arena"') - sample(before, "skirmish_input_buffer_depth_count", 'type="arena"');
    const extra = sample(after, "skirmish_input_backlog_drained_total", 'type="arena"') - sample(before, "skirmish_input_backlog_drained_total", 'type="arena"');
    expect(delays).toBeGreaterThan(INPUT_CATCHUP_THRESHOLD);
    expect(depths).toBeGreaterThanOrEqual(delays / 2);
    expect(extra).toBeGreaterThanOrEqual(INPUT_CATCHUP_THRESHOLD - 2 - STEADY_DEPTH);
    // The client's own figures: the server's ping, and its intents' waits (the burst's among them).
    const last = reports.at(-1)!;
    expect(last.intentDelayMax).toBeGreaterThan(0);
    expect(last.intentDelayMax).toBeGreaterThanOrEqual(last.intentDelayP50);
    expect(last.bufferDepth).toBeGreaterThanOrEqual(0);
    expect(last.rtt).toBeGreaterThanOrEqual(0);
  });
});
