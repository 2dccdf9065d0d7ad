import { describe, expect, it } from "vitest";
import { ConnectionQuality, LIMITED_RTT_MS, RECOVERED_RTT_MS } from "../../game/net/ConnectionQuality.ts";

describe("ConnectionQuality (the room bar's 'Limited connection')", () => {
  it("turns on past the line, stays on while the round trip hovers, and off once well under", () => {
    const q = new ConnectionQuality();
    expect(q.update(0)).toBe(false); // no measurement yet
    expect(q.update(LIMITED_RTT_MS)).toBe(false);
    expect(q.update(LIMITED_RTT_MS + 1)).toBe(true);
    expect(q.update(0)).toBe(true); // a missing sample changes nothing
    expect(q.update(RECOVERED_RTT_MS + 10)).toBe(true);
    expect(q.update(RECOVERED_RTT_MS - 1)).toBe(false);
    expect(q.update(LIMITED_RTT_MS - 1)).toBe(false);
  });
});
