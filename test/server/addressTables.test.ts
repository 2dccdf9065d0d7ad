/**
 * Per-address tables are bounded by evicting the least recently seen address, never by
 * clearing: a flood from many fresh addresses must not hand an active offender a new budget.
 */
import { describe, expect, it } from "vitest";
import { AddressBuckets, MAX_TRACKED_ADDRESSES } from "../../server/net/AddressBuckets.ts";
import { IpLimits } from "../../server/net/IpLimits.ts";

describe("per-address tables at their size limit", () => {
  it("an offender who keeps trying stays refused while 2x the table's size of fresh addresses arrive", () => {
    const now = 0;
    const limits = new IpLimits({ maxConnectionsPerIp: 1, matchmakePerIpPerMinute: 10 }, () => now);
    for (let i = 0; i < 5; i++) expect(limits.takeMatchmake("198.51.100.1")).toBe(true);
    for (let i = 0; i < 2 * MAX_TRACKED_ADDRESSES; i++) {
      limits.takeMatchmake(`2001:db8::${i.toString(16)}`);
      if (i % 1000 === 0) expect(limits.takeMatchmake("198.51.100.1")).toBe(false);
    }
    expect(limits.takeMatchmake("198.51.100.1")).toBe(false);
  });

  it("keeps at most its size, dropping the address seen longest ago", () => {
    const buckets = new AddressBuckets(1, 0.001, () => 0, 3);
    for (const a of ["a", "b", "c"]) expect(buckets.take(a)).toBe(true);
    expect(buckets.take("a")).toBe(false); // a is now the most recent
    expect(buckets.take("d")).toBe(true); // evicts b, the oldest
    expect(buckets.size).toBe(3);
    expect(buckets.take("a")).toBe(false);
    expect(buckets.take("c")).toBe(false);
    expect(buckets.take("b")).toBe(true); // forgotten, so new
  });
});
