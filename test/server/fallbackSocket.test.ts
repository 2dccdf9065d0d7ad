/**
 * FallbackSocket's held records (pure logic, no server): what is kept until acknowledged, what
 * a new sink gets, and the cap past which a client that never acknowledges is dropped.
 */
import { describe, expect, it } from "vitest";
import { decodeRecords, RecordKind } from "../../shared/fallback.ts";
import { ABNORMAL_CLOSURE, FallbackSocket, type Sink } from "../../server/net/fallback/FallbackSocket.ts";

/** A sink that collects what it is given and stays attached (as a stream). */
function collector(): Sink & { got: number[] } {
  const got: number[] = [];
  return {
    got,
    deliver(bytes) {
      for (const b of bytes) got.push(decodeRecords(b, 1024)[0]!.payload[0]!);
      return true;
    },
    end: () => undefined,
  };
}

const socket = (maxUnackedBytes = 1 << 20) => new FallbackSocket({ detachedDropMs: 60_000, maxUnackedBytes });

describe("FallbackSocket's held records", () => {
  it("a new sink from an acknowledgement gets the records after it again, and then the new ones", () => {
    const s = socket();
    const first = collector();
    s.attach(first, 0);
    for (const n of [1, 2, 3]) s.send(Uint8Array.of(n));
    expect(first.got).toEqual([1, 2, 3]);
    // The client got only the first record before the stream was cut.
    expect(s.refuseAck(1)).toBeUndefined();
    const second = collector();
    s.attach(second, 1);
    s.send(Uint8Array.of(4));
    expect(second.got).toEqual([2, 3, 4]);
    expect(s.sent).toBe(4);
    s.close(1000);
  });

  it("refuses an acknowledgement before an earlier one or past what was sent", () => {
    const s = socket();
    s.attach(collector(), 0);
    s.send(Uint8Array.of(1));
    s.send(Uint8Array.of(2));
    expect(s.refuseAck(3)).toMatch(/only 2 were sent/);
    s.acknowledge(2);
    expect(s.unackedBytes).toBe(0);
    expect(s.refuseAck(1)).toMatch(/2 were acknowledged already/);
    // A batch's acknowledgement may lag behind a poll's (it was on its way meanwhile): taken, and nothing changes.
    expect(s.refuseAck(1, true)).toBeUndefined();
    s.acknowledge(1);
    expect(s.refuseAck(1)).toMatch(/2 were acknowledged already/);
    s.close(1000);
  });

  it("the close record is held too: a poll after a lost answer still gets it", () => {
    const s = socket();
    const first = collector();
    s.attach(first, 0);
    s.send(Uint8Array.of(7));
    s.close(4000, "bye");
    expect(s.recordsAfter(0)).toBe(2);
    const kinds: number[] = [];
    s.attach({ deliver: (bytes) => (bytes.forEach((b) => kinds.push(decodeRecords(b, 1024)[0]!.kind)), false), end: () => undefined }, 0);
    expect(kinds).toEqual([RecordKind.Frame, RecordKind.Close]);
  });

  it("drops the client with 1006 once more than the cap is held unacknowledged", () => {
    const s = socket(40);
    let closed: number | undefined;
    s.on("close", (code: number) => (closed = code));
    s.attach(collector(), 0);
    s.send(new Uint8Array(20)); // 25 bytes as a record
    expect(closed).toBeUndefined();
    s.acknowledge(1);
    s.send(new Uint8Array(20));
    expect(closed).toBeUndefined(); // the first was acknowledged, so 25 are held
    s.send(new Uint8Array(20));
    expect(closed).toBe(ABNORMAL_CLOSURE);
    expect(s.closed).toBe(true);
  });
});
