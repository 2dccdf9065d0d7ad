import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DURATION_BUCKETS } from "../../server/metrics/hostMetrics.ts";
import { summarize, type HistogramSnapshot } from "../../server/metrics/durations.ts";
import type { MetricsReport } from "../../server/metrics/serverMetrics.ts";
import { TICK_RATE, SUBSTEPS } from "../../shared/constants.ts";
import { CloseCode, RejectReason } from "../../shared/protocol.ts";
import { joinOptions, leaveCode, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

/** A window's histogram of `values` (seconds) on the registry's duration buckets. */
function histogramOf(values: number[]): HistogramSnapshot {
  const buckets = new Map<number, number>();
  for (const le of [...DURATION_BUCKETS, Number.POSITIVE_INFINITY]) buckets.set(le, values.filter((v) => v <= le).length);
  return { buckets, sum: values.reduce((a, b) => a + b, 0), count: values.length };
}

describe("duration summaries from histogram buckets", () => {
  it("estimates percentiles within one bucket (26 %) and the maximum at most one bucket high", () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i + 1) / 100_000); // 0.01 … 10 ms
    const { count, meanMs, p50Ms, p99Ms, maxMs } = summarize(histogramOf(values));
    expect(count).toBe(1000);
    expect(meanMs).toBeCloseTo(5.005, 6);
    expect(p50Ms).toBeGreaterThan(5 / 1.26);
    expect(p50Ms).toBeLessThan(5 * 1.26);
    expect(p99Ms).toBeGreaterThan(9.9 / 1.26);
    expect(p99Ms).toBeLessThanOrEqual(10);
    expect(maxMs).toBeGreaterThanOrEqual(10);
    expect(maxMs).toBeLessThan(10 * 1.26);
  });

  it("reports zeros for an empty window and the last bound for samples past it", () => {
    expect(summarize(histogramOf([]))).toEqual({ count: 0, meanMs: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 });
    const slow = summarize(histogramOf([0.5, 0.5]));
    expect(slow.p99Ms).toBe(100);
    expect(slow.maxMs).toBe(100);
    expect(slow.meanMs).toBe(500);
  });
});

/** One sample of a Prometheus exposition: `name{labels} value`, 0 when absent. */
function sample(text: string, name: string, labels = ""): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

const scrape = async (url: string): Promise<string> => (await fetch(`${url}/metrics`)).text();

// One server at a time: Colyseus's matchmaker is a process-wide singleton.
describe("GET /metrics/window when the host has not turned it on", () => {
  it("is not served", async () => {
    const server = await startTestServer();
    const res = await fetch(`${server.url}/metrics/window`);
    await server.stop();
    expect(res.status).toBe(404);
  });
});

describe("GET /metrics/window", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ METRICS: "1" });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("reports each room's ticks and patches over the window since the last reset", async () => {
    const room = await server.client().create("arena", joinOptions("metered"));
    await untilState(room, () => room.state.players?.size === 1);
    await fetch(`${server.url}/metrics/reset`, { method: "POST" });
    const tick = room.state.tick;
    await untilState(room, () => room.state.tick > tick + TICK_RATE / 2);
    const m = (await (await fetch(`${server.url}/metrics/window`)).json()) as MetricsReport;
    expect(m.rooms).toBe(1);
    expect(m.clients).toBe(1);
    expect(m.tick.nominalHz).toBe(TICK_RATE);
    // The client sees ticks a patch late, so count conservatively.
    expect(m.tick.count).toBeGreaterThan(TICK_RATE / 4);
    // Each 30 Hz loop call runs two 60 Hz simulation steps and is timed once.
    expect(m.tick.duration.count * SUBSTEPS).toBe(m.tick.count);
    // The nominal count is what 60 Hz over the window gives: the loop can be ahead of it by at
    // most one catch-up burst (5 calls), and behind it only when the server is starved.
    expect(m.tick.nominalCount).toBeGreaterThan(0);
    expect(m.tick.count).toBeLessThanOrEqual(m.tick.nominalCount + 5 * SUBSTEPS);
    expect(m.patch.count).toBeGreaterThan(0);
    expect(m.patch.duration.count).toBe(m.patch.count);
    expect(m.tick.duration.p99Ms).toBeGreaterThan(0);
    expect(m.process.rssMb).toBeGreaterThan(0);
    expect(m.process.heapUsedMb).toBeGreaterThan(0);
    expect(m.process.cpuPercent).toBeGreaterThan(0);
    expect(m.eventLoop.utilization).toBeGreaterThan(0);
    expect(m.eventLoop.utilization).toBeLessThanOrEqual(1);
    await room.leave();
  });
});

describe("the frame entry hook (one per room: count, admit, decode)", () => {
  it("counts a flooding client's refused frames as refused and as received: received = decoded + refused", async () => {
    const server = await startTestServer({ MAX_MESSAGES_PER_SECOND: "10", MAX_INVALID_MESSAGES: "10000" });
    try {
      const room = await server.client().create("arena", joinOptions("flooder"));
      await untilState(room, () => room.state.players?.size === 1);
      room.reconnection.enabled = false;
      const m0 = await scrape(server.url);
      const closed = leaveCode(room);
      // Every decoded one is an unknown message type, counted by the guard as rejected.
      for (let i = 0; i < 40; i++) room.send("no_such_type", i);
      expect(await closed).toBe(CloseCode.RateLimited);
      const m1 = await scrape(server.url);
      const grew = (name: string, labels: string) => sample(m1, name, labels) - sample(m0, name, labels);
      const received = grew("skirmish_messages_received_total", 'type="arena"');
      const decoded = grew("skirmish_messages_rejected_total", `reason="${RejectReason.UnknownType}"`);
      const refused = ["rate_limited", "expelled", "bad_frame", "undecodable"].map((reason) => grew("skirmish_frames_refused_total", `type="arena",reason="${reason}"`));
      // The one frame over the rate closed the client; the burst before it was decoded (the
      // bucket holds one second's 10 frames, and the join frame took one).
      expect(refused[0]).toBe(1);
      expect(refused[2]! + refused[3]!).toBe(0);
      expect(decoded).toBeGreaterThanOrEqual(9);
      expect(received).toBe(decoded + refused.reduce((a, b) => a + b, 0));
      expect(grew("skirmish_message_bytes_received_total", 'type="arena"')).toBeGreaterThanOrEqual(received);
    } finally {
      await server.stop();
    }
  });
});
