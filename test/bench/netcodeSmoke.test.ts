/**
 * The netcode benchmark (`npm run netcode`, bench/netcode/) in small: one round trip for a few
 * seconds through the real conditioner and a real server. Asserts the report is complete and
 * sane (every figure present, finite, in its range; nothing lost in the drop), never a speed.
 */
import { describe, expect, it } from "vitest";
import { runRtt } from "../../bench/netcode/runRtt.ts";
import { markdownTable } from "../../bench/netcode/table.ts";

describe("npm run netcode, smoke", () => {
  it("measures one round trip and reports every figure in range", async () => {
    const r = await runRtt({ rttMs: 150, seconds: 3, players: 2, bots: 1, seed: 18 });
    expect(r.rttMs).toBe(150);
    for (const [name, value] of Object.entries(r)) if (name !== "hitAgreement") expect(Number.isFinite(value), name).toBe(true);
    expect(r.correctionsPerMinute).toBeGreaterThanOrEqual(0);
    expect(r.extrapolatedShare).toBeGreaterThanOrEqual(0);
    expect(r.extrapolatedShare).toBeLessThanOrEqual(1);
    expect(r.interpolationMs).toBeGreaterThan(0);
    expect(r.agreedHits).toBeLessThanOrEqual(r.screenHits);
    if (r.screenHits > 0) expect(r.hitAgreement).toBe(r.agreedHits / r.screenHits);
    else expect(r.hitAgreement).toBeNaN();
    // The server applied the players' intents and timed them.
    expect(r.intents).toBeGreaterThan(0);
    expect(r.intentDelayP50Ms).toBeGreaterThanOrEqual(0);
    expect(r.intentDelayP99Ms).toBeGreaterThanOrEqual(r.intentDelayP50Ms);
    // The drop: the room sent the player its lines while away, and every one arrived after the reconnect.
    expect(r.sentDuringDrop).toBeGreaterThanOrEqual(5);
    expect(r.lostInDrop).toBe(0);
    expect(r.resumeMs).toBeGreaterThan(0);
    const table = markdownTable([r]).split("\n");
    expect(table).toHaveLength(3);
    expect(table[2]).toMatch(/^\| 150 \| /);
    expect(table[2]).toContain(`| 0 (of ${r.sentDuringDrop}) |`);
  }, 90_000);
});
