/** Pure rules behind the access gate: origin matching and per-address budgets. */
import { describe, expect, it } from "vitest";
import { IpLimits } from "../../server/net/IpLimits.ts";
import { originAllowed } from "../../server/net/limits.ts";

describe("originAllowed", () => {
  it("allows no Origin (a non-browser client), the page's own origin by default, and only the listed ones when set", () => {
    expect(originAllowed(undefined, "game.example:2567", undefined)).toBe(true);
    expect(originAllowed("https://game.example:2567", "game.example:2567", undefined)).toBe(true);
    expect(originAllowed("https://GAME.example", "game.example", undefined)).toBe(true);
    expect(originAllowed("https://game.example.evil.example", "game.example", undefined)).toBe(false);
    expect(originAllowed("https://game.example:1", "game.example:2567", undefined)).toBe(false);
    expect(originAllowed("null", "game.example", undefined)).toBe(false);
    expect(originAllowed("https://game.example", undefined, undefined)).toBe(false);
    expect(originAllowed("http://localhost:5173", "localhost:2567", ["http://localhost:5173"])).toBe(true);
    expect(originAllowed("http://localhost:2567", "localhost:2567", ["http://localhost:5173"])).toBe(false);
  });
});

describe("IpLimits", () => {
  it("counts open connections per address and gives a slot back on release", () => {
    const limits = new IpLimits({ maxConnectionsPerIp: 2, matchmakePerIpPerMinute: 60 });
    expect(limits.openConnection("a")).toBe(true);
    expect(limits.openConnection("a")).toBe(true);
    expect(limits.openConnection("a")).toBe(false);
    expect(limits.openConnection("b")).toBe(true);
    limits.releaseConnection("a");
    expect(limits.connectionsOf("a")).toBe(1);
    expect(limits.openConnection("a")).toBe(true);
  });

  it("allows half the minute's matchmaking budget at once, then the steady rate", () => {
    let now = 0;
    const limits = new IpLimits({ maxConnectionsPerIp: 1, matchmakePerIpPerMinute: 60 }, () => now);
    for (let i = 0; i < 30; i++) expect(limits.takeMatchmake("a")).toBe(true);
    expect(limits.takeMatchmake("a")).toBe(false);
    expect(limits.retryAfterSeconds("a")).toBe(1);
    expect(limits.takeMatchmake("b")).toBe(true);
    now += 1000; // one a second at 60 a minute
    expect(limits.takeMatchmake("a")).toBe(true);
    expect(limits.takeMatchmake("a")).toBe(false);
  });
});
