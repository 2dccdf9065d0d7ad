import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The per-target configs (docs/architecture.md, "Layers the compiler keeps") must bite: a
 * forbidden global in a target is a compile error, and a target's program holds no file of
 * a layer it must not import.
 */
const REPO = join(import.meta.dirname, "..", "..");
const TSC = join(REPO, "node_modules", ".bin", "tsc");
const scratch = mkdtempSync(join(tmpdir(), "skirmish-layers-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tsc(args: string[]): { code: number; out: string } {
  const r = spawnSync(TSC, args, { cwd: REPO, encoding: "utf8" });
  return { code: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

/** Type-check one probe file under a target's own config (its lib and types). */
function probe(target: string, source: string) {
  const dir = mkdtempSync(join(scratch, `${target}-`));
  writeFileSync(join(dir, "probe.ts"), source);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: join(REPO, target, "tsconfig.json"),
      // Type packages are looked up beside a config; this one lives outside the repository.
      compilerOptions: { typeRoots: [join(REPO, "node_modules", "@types")] },
      include: ["probe.ts"],
    }),
  );
  return tsc(["-p", dir]);
}

/** The top-level folders of the repository's own files in a target's program. */
function layersIn(target: string): string[] {
  const r = tsc(["-p", target, "--listFilesOnly"]);
  expect(r.code, r.out).toBe(0);
  const files = r.out.split("\n").filter((f) => f && !f.includes(`${sep}node_modules${sep}`));
  return [...new Set(files.map((f) => relative(REPO, f).split(sep)[0]!))].sort();
}

describe("the compiler keeps the layers", () => {
  it("shared/ knows neither the DOM nor Node", () => {
    const r = probe("shared", "export const x = [document.title, window.length, process.env.HOME, Buffer.alloc(1)];\n");
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/Cannot find name 'document'/);
    expect(r.out).toMatch(/Cannot find name 'window'/);
    expect(r.out).toMatch(/Cannot find name 'process'/);
    expect(r.out).toMatch(/Cannot find name 'Buffer'/);
  });

  it("server/ and the headless clients know Node but not the DOM", () => {
    for (const target of ["server", "headless"]) {
      const dom = probe(target, "export const x = [document.title, window.length];\n");
      expect(dom.out, target).toMatch(/Cannot find name 'document'/);
      expect(dom.out, target).toMatch(/Cannot find name 'window'/);
      const node = probe(target, 'import { readFileSync } from "node:fs";\nexport const x = [process.env.HOME, readFileSync];\n');
      expect(node.code, `${target}: ${node.out}`).toBe(0);
    }
  });

  it("each target's program reaches only the layers it may import", () => {
    expect(layersIn("shared")).toEqual(["shared"]);
    expect(layersIn("server")).toEqual(["server", "shared"]);
    expect(layersIn("game")).toEqual(["game", "shared"]);
    expect(layersIn("headless")).toEqual(["game", "headless", "scripts", "shared"]);
  });

  it("game/ uses no Node API (its config cannot say so: the SDK's types bring Node's globals)", () => {
    const sources = readdirSync(join(REPO, "game"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    expect(sources.length).toBeGreaterThan(20);
    const nodeUse = /from "node:|import\("node:|\brequire\(|\bprocess\.|\bBuffer\.|\b__dirname\b/;
    const offenders = sources.filter((f) => nodeUse.test(readFileSync(join(REPO, "game", f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
