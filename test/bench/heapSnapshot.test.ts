import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { summarise, type HeapSnapshot } from "../../bench/heapSnapshot.ts";

const dir = mkdtempSync(join(tmpdir(), "skirmish-heap-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("reading a heap snapshot", () => {
  it("sums the self size of a constructor's objects, as V8 wrote them", () => {
    const file = join(dir, "marker.heapsnapshot");
    // A real snapshot of a small process holding 20,000 objects of one class.
    const script = `class HeapMarker { constructor(i) { this.a = i; this.b = i + 1; } }
globalThis.keep = Array.from({ length: 20000 }, (_, i) => new HeapMarker(i));
require("node:v8").writeHeapSnapshot(process.argv[1]);`;
    execFileSync(process.execPath, ["-e", script, file]);
    const s = summarise(JSON.parse(readFileSync(file, "utf8")) as HeapSnapshot);
    const markers = s.byName.get("HeapMarker") ?? 0;
    // Each is at least a header and two in-object fields; together they are a part of the whole heap.
    expect(markers).toBeGreaterThanOrEqual(20000 * 16);
    expect(markers).toBeLessThan(s.total);
    expect(s.byName.get("(string)")).toBeGreaterThan(0);
  });
});
