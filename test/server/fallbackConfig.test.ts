/**
 * The fallback's limits from the environment (FALLBACK_* in server/config.ts): defaults equal
 * the transport's built-in ones, bad values stop the start naming the variable, and a value
 * set reaches the running server's refusals.
 */
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.ts";
import { fallbackLimits, fallbackLimitsOf } from "../../server/net/fallback/FallbackTransport.ts";
import { CONNECT4_ROOM } from "../../shared/connect4/protocol.ts";
import { FALLBACK_SEGMENT, FallbackHeader } from "../../shared/fallback.ts";
import { matchmake } from "../helpers/rawHttp.ts";
import { startTestServer, type TestServer } from "../helpers/testServer.ts";

let server: TestServer | undefined;
afterAll(() => server?.stop());

describe("fallback limits from the environment", () => {
  it("defaults to the transport's own limits", () => {
    const c = loadConfig({});
    expect({ ...fallbackLimits(c.MAX_PAYLOAD_BYTES), ...fallbackLimitsOf(c) }).toEqual(fallbackLimits(c.MAX_PAYLOAD_BYTES));
  });

  it("reads each variable", () => {
    const c = loadConfig({ FALLBACK_POLLS_PER_SECOND: "5", FALLBACK_BATCHES_PER_SECOND: "7", FALLBACK_MAX_BODY_FRAMES: "2", FALLBACK_DETACHED_DROP_MS: "1500", FALLBACK_LINGER_MS: "0", FALLBACK_MAX_UNACKED_BYTES: "65536" });
    expect(fallbackLimitsOf(c)).toEqual({ pollsPerSecond: 5, batchesPerSecond: 7, maxBodyBytes: 2 * c.MAX_PAYLOAD_BYTES, detachedDropMs: 1500, lingerMs: 0, maxUnackedBytes: 65536 });
  });

  it("refuses bad values, naming each variable", () => {
    let error: unknown;
    try {
      loadConfig({ FALLBACK_POLLS_PER_SECOND: "0", FALLBACK_MAX_UNACKED_BYTES: "12", FALLBACK_DETACHED_DROP_MS: "soon" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    for (const name of ["FALLBACK_POLLS_PER_SECOND", "FALLBACK_MAX_UNACKED_BYTES", "FALLBACK_DETACHED_DROP_MS"]) expect(String(error)).toContain(name);
  });

  it("a running server refuses past the configured poll rate (429 naming it)", async () => {
    server = await startTestServer({ FALLBACK_POLLS_PER_SECOND: "2" });
    const seat = await matchmake(server.url, "create", CONNECT4_ROOM, {});
    const { sessionId, processId, roomId } = seat.body as { sessionId: string; processId: string; roomId: string };
    const base = `${server.url}/${processId}/${roomId}/${FALLBACK_SEGMENT}`;
    const opened = await fetch(`${base}/open`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ sessionId }) });
    const { id, secret } = (await opened.json()) as { id: string; secret: string };
    const headers = { [FallbackHeader.Session]: id, [FallbackHeader.Secret]: secret };
    let error = "";
    // Each poll is answered at once (the seat's JOIN_ROOM, re-sent from acknowledgement 0), so
    // polls come far faster than 2 a second; the default (40) would take them all.
    for (let i = 0; i < 20 && !error; i++) {
      const res = await fetch(`${base}/poll`, { headers: { ...headers, [FallbackHeader.Ack]: "0" } });
      if (res.status === 429) error = ((await res.json()) as { error: string }).error;
      else expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(5);
    }
    expect(error).toContain("at most 2 per second");
  });
});
