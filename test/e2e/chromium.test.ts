/** The browser tests' Chromium lookup: found like `which`, and a missing one says how to install it. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findChromium } from "./helpers/chromium.ts";

describe("findChromium", () => {
  const dirs: string[] = [];
  const dir = (): string => {
    const d = mkdtempSync(join(tmpdir(), "skirmish-path-"));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("fails with the install command when no chromium is on PATH", () => {
    expect(() => findChromium([dir(), dir()].join(delimiter))).toThrow(/apt-get install -y chromium/);
  });

  it("skips a chromium that is not executable and finds the next one on PATH", () => {
    const [first, second] = [dir(), dir()];
    writeFileSync(join(first, "chromium"), "not executable");
    writeFileSync(join(second, "chromium"), "#!/bin/sh\n");
    chmodSync(join(second, "chromium"), 0o755);
    expect(findChromium([first, second].join(delimiter))).toBe(join(second, "chromium"));
  });
});
