import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Histogram } from "../../server/metrics/Histogram.ts";
import type { MetricsReport } from "../../server/metrics/serverMetrics.ts";
import { TICK_RATE, SUBSTEPS } from "../../shared/constants.ts";
import { joinOptions, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

describe("duration histogram", () => {
  it("reports percentiles within one bucket (12%), never below the true value", () => {
    const h = new Histogram();
    for (let i = 1; i <= 1000; i++) h.record(i / 100); // 0.01 … 10 ms
    const { count, p50Ms, p99Ms, maxMs } = h.summary();
    expect(count).toBe(1000);
    expect(p50Ms).toBeGreaterThanOrEqual(5);
    expect(p50Ms).toBeLessThan(5 * 1.13);
    expect(p99Ms).toBeGreaterThanOrEqual(9.9);
    expect(p99Ms).toBeLessThanOrEqual(10);
    expect(maxMs).toBe(10);
    h.reset();
    expect(h.summary().count).toBe(0);
  });
});

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
    expect(m.process.rssMb).toBeGreaterThan(0);
    await room.leave();
  });
});
