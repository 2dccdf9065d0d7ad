import { describe, expect, it } from "vitest";
import { ChatLimiter, type ChatRateSettings } from "../../server/kit/chat/ChatLimiter.ts";
import { TokenBucket } from "../../server/net/TokenBucket.ts";

/** A clock the test moves by hand. */
function manualClock() {
  let t = 1000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("TokenBucket", () => {
  it("allows a burst, then one action per refill interval", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(3, 0.5, clock.now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    expect(bucket.waitMs()).toBe(2000);
    clock.advance(1999);
    expect(bucket.take()).toBe(false);
    clock.advance(1);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it("refills to its capacity and no further", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(2, 1, clock.now);
    bucket.take();
    bucket.take();
    clock.advance(60_000);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });

  it("is not drained by a clock that steps back", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(1, 1, clock.now);
    clock.advance(-500);
    expect(bucket.take()).toBe(true);
  });
});

const settings: ChatRateSettings = { messages: 5, windowSeconds: 10, burst: 3, floodRefusals: 4, floodWindowSeconds: 60, muteSeconds: 30 };

describe("ChatLimiter", () => {
  it("paces each member separately", () => {
    const clock = manualClock();
    const limiter = new ChatLimiter(settings, clock.now);
    for (let i = 0; i < 3; i++) expect(limiter.check("a").ok).toBe(true);
    expect(limiter.check("a")).toMatchObject({ ok: false, kind: "rate_limited", retryMs: 2000 });
    expect(limiter.check("b").ok).toBe(true);
    clock.advance(2000);
    expect(limiter.check("a").ok).toBe(true);
  });

  it("mutes after sustained refusals within the window, then lets the member speak again", () => {
    const clock = manualClock();
    const limiter = new ChatLimiter(settings, clock.now);
    for (let i = 0; i < 3; i++) limiter.check("a");
    const verdicts = Array.from({ length: 5 }, () => limiter.check("a"));
    expect(verdicts.map((v) => (v.ok ? "ok" : v.kind))).toEqual(["rate_limited", "rate_limited", "rate_limited", "muted", "muted"]);
    expect(verdicts[3]).toMatchObject({ cause: "flooding", fresh: true, remainingMs: 30_000 });
    expect(verdicts[4]).toMatchObject({ fresh: false });
    clock.advance(30_000);
    expect(limiter.check("a").ok).toBe(true);
  });

  it("forgets refusals older than the flood window", () => {
    const clock = manualClock();
    const limiter = new ChatLimiter({ ...settings, messages: 1, windowSeconds: 3600 }, clock.now);
    for (let i = 0; i < 3; i++) limiter.check("a");
    for (let i = 0; i < 3; i++) expect(limiter.check("a")).toMatchObject({ kind: "rate_limited" });
    clock.advance(61_000);
    // Three old refusals no longer count: this is the first of a new window, not the fourth.
    expect(limiter.check("a")).toMatchObject({ kind: "rate_limited" });
  });

  it("applies and lifts a mute given by the room owner", () => {
    const clock = manualClock();
    const limiter = new ChatLimiter(settings, clock.now);
    limiter.mute("a", 5 * 60_000, "owner");
    expect(limiter.check("a")).toMatchObject({ ok: false, kind: "muted", cause: "owner", remainingMs: 300_000 });
    limiter.mute("a", 0, "owner");
    expect(limiter.check("a").ok).toBe(true);
  });
});
