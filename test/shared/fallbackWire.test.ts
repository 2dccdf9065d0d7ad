import { describe, expect, it } from "vitest";
import { decodeClose, decodeRecords, encodeClose, encodeRecords, RecordError, RecordKind, RecordReader, type FallbackRecord } from "../../shared/fallback.ts";
import { createRng } from "../../shared/rng.ts";

const frames: FallbackRecord[] = [
  { kind: RecordKind.Frame, payload: Uint8Array.from([10, 1, 2, 3]) },
  { kind: RecordKind.Heartbeat, payload: new Uint8Array(0) },
  { kind: RecordKind.Frame, payload: new Uint8Array(300).fill(7) },
  { kind: RecordKind.Close, payload: encodeClose(4000, "bye") },
];

describe("the fallback's records (shared/fallback.ts)", () => {
  it("reassembles records from chunks cut anywhere (pinned seeds)", () => {
    const bytes = encodeRecords(frames);
    for (const seed of [1, 2, 3, 42]) {
      const rng = createRng(seed);
      const reader = new RecordReader(1024);
      const got: FallbackRecord[] = [];
      for (let at = 0; at < bytes.length; ) {
        const n = 1 + Math.floor(rng.next() * 40);
        got.push(...reader.push(bytes.subarray(at, at + n)));
        at += n;
      }
      expect(got, `seed ${seed}`).toEqual(frames);
      expect(reader.leftover).toBe(0);
    }
  });

  it("refuses a record over the frame limit, an unknown kind, a zero length and a body cut short", () => {
    const big = encodeRecords([{ kind: RecordKind.Frame, payload: new Uint8Array(101) }]);
    expect(() => decodeRecords(big, 100)).toThrow(expect.objectContaining({ tooLarge: true, message: "a frame of 101 bytes (at most 100)" }));
    expect(() => decodeRecords(Uint8Array.from([0, 0, 0, 1, 9]), 100)).toThrow(RecordError);
    expect(() => decodeRecords(Uint8Array.from([0, 0, 0, 0]), 100)).toThrow("a record of length 0");
    expect(() => decodeRecords(encodeRecords(frames).subarray(0, 7), 1024)).toThrow(/ends inside a record/);
  });

  it("carries a close code and an ASCII reason", () => {
    expect(decodeClose(encodeClose(4403, "kicked by the owner"))).toEqual({ code: 4403, reason: "kicked by the owner" });
    expect(decodeClose(encodeClose(1000, "café"))).toEqual({ code: 1000, reason: "caf?" });
  });
});
