// `npm test`: set up the system packages the tests need (installing what is missing, or
// stopping with the command to run), type-check, then every vitest suite (rules, rooms,
// netcode, browser). The services the tests use (Redis) are started by vitest's global setup.
// Ends with a plain "N passed, N failed" line, read from vitest's JSON report, for CI.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";

const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit", shell: false }).status ?? 1;
const fail = (why) => {
  console.log(why);
  console.log("0 passed, 1 failed");
  process.exit(1);
};

// The setup is TypeScript run by Node's type stripping, and Colyseus 0.18 needs Node 22.12+:
// npm scripts run the `node` package's Node 24; a bare `node scripts/test.mjs` may not.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  fail(`npm test needs Node 22.18 or newer and this is ${process.version} (${process.execPath}); run it as \`npm test\`, which uses the project's Node 24 (node_modules/.bin/node, after npm ci).`);
}

const dryRun = process.env.SKIRMISH_SETUP_DRY_RUN === "1";
const { ensureSystem } = await import("./setup/ensureSystem.ts");
const ready = ensureSystem({ dryRun });
if (dryRun) {
  console.log(`dry run (SKIRMISH_SETUP_DRY_RUN=1): ${ready ? "setup would succeed" : "setup would stop"}; no tests run.`);
  process.exit(ready ? 0 : 1);
}
if (!ready) fail("stopped before any test: the system setup above is not done.");

console.log("> npm run typecheck");
if (run("npm", ["run", "-s", "typecheck"]) !== 0) fail("type check failed");

mkdirSync("test-results", { recursive: true });
const report = "test-results/vitest.json";
if (existsSync(report)) rmSync(report);
const status = run("vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)]);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, "utf8"));
  passed = r.numPassedTests ?? 0;
  failed = r.numFailedTests ?? 0;
  // A suite that failed to load has no tests but must still fail the run.
  const brokenSuites = (r.testResults ?? []).filter((s) => s.status === "failed" && (s.assertionResults ?? []).length === 0).length;
  failed += brokenSuites;
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
