/** Pure rules behind the access gate: origin matching and per-address budgets. */
import { describe, expect, it } from "vitest";
import { IpLimits } from "../../server/net/IpLimits.ts";
import { originAllowed, originPolicy } from "../../server/net/origins.ts";

describe("originAllowed", () => {
  const none = originPolicy(undefined, undefined);
  const http = (host: string | undefined) => ({ host, scheme: "http" as const });
  it("allows no Origin (a non-browser client) whatever the settings", () => {
    expect(originAllowed(undefined, http("game.example:2567"), none)).toBe(true);
    expect(originAllowed(undefined, http(undefined), originPolicy(["https://a.example"], undefined))).toBe(true);
  });

  it("by default allows the page's own origin on localhost or an IP address, with the same scheme", () => {
    expect(originAllowed("http://localhost:2567", http("localhost:2567"), none)).toBe(true);
    expect(originAllowed("http://192.168.1.20:2567", http("192.168.1.20:2567"), none)).toBe(true);
    expect(originAllowed("http://[::1]:2567", http("[::1]:2567"), none)).toBe(true);
    expect(originAllowed("https://localhost:2567", http("localhost:2567"), none)).toBe(false);
    expect(originAllowed("http://localhost:1", http("localhost:2567"), none)).toBe(false);
    expect(originAllowed("null", http("localhost"), none)).toBe(false);
    expect(originAllowed("http://localhost", http(undefined), none)).toBe(false);
  });

  it("by default refuses a DNS name matching its own Host header (a DNS-rebinding page)", () => {
    expect(originAllowed("http://evil.example:2567", http("evil.example:2567"), none)).toBe(false);
  });

  it("with PUBLIC_ADDRESS compares the origin's host with it, and the scheme with the request's", () => {
    const pub = originPolicy(undefined, "Play.Example.com/s1");
    expect(originAllowed("https://play.example.com", { host: "10.0.0.5:2567", scheme: "https" }, pub)).toBe(true);
    expect(originAllowed("http://play.example.com", { host: "play.example.com", scheme: "https" }, pub)).toBe(false);
    expect(originAllowed("https://play.example.com.evil.example", { host: "play.example.com", scheme: "https" }, pub)).toBe(false);
    expect(originAllowed("https://evil.example", { host: "evil.example", scheme: "https" }, pub)).toBe(false);
  });

  it("with ALLOWED_ORIGINS allows exactly those", () => {
    const listed = originPolicy(["http://localhost:5173"], undefined);
    expect(originAllowed("http://localhost:5173", http("localhost:2567"), listed)).toBe(true);
    expect(originAllowed("http://localhost:2567", http("localhost:2567"), listed)).toBe(false);
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
