/** The server's own RTT measurement (pure: the clock is injected). */
import { describe, expect, it } from "vitest";
import { PingTracker } from "../../server/net/PingTracker.ts";

describe("PingTracker", () => {
  it("measures a round trip only from the answer to the outstanding probe, and keeps the last one", () => {
    let now = 1000;
    const pings = new PingTracker(() => now);
    expect(pings.rttOf("a")).toBe(0);
    const first = pings.probe("a");
    now += 40;
    expect(pings.answer("a", first + 1)).toBeUndefined(); // a guessed or stale id measures nothing
    expect(pings.answer("b", first)).toBeUndefined(); // another session's id neither
    expect(pings.rttOf("a")).toBe(0);
    expect(pings.answer("a", first)).toBe(40);
    expect(pings.answer("a", first)).toBeUndefined(); // replayed
    expect(pings.rttOf("a")).toBe(40);

    const second = pings.probe("a");
    now += 70_000;
    expect(pings.answer("a", second)).toBe(70_000);
    expect(pings.rttOf("a")).toBe(65_535); // what the uint16 ping field can carry
    pings.forget("a");
    expect(pings.rttOf("a")).toBe(0);
  });
});
