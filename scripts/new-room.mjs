// `npm run new-room -- <name>`: generate a room type that builds, is registered, and passes
// its own test: shared rules, state and protocol, the server room type, a client scene and
// netcode, and a test on a real server. See docs/room-types.md.
//
// Everything is checked before anything is written, so a refusal leaves the tree untouched.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCommandLine, usageError } from "./cli.ts";

const ROOT = process.cwd();
const TEMPLATES = join(dirname(fileURLToPath(import.meta.url)), "templates", "room");
const APP = "server/app.ts";
const SCENES = "game/scenes/registry.ts";
const REPLAYS = "shared/replay/rulesTable.ts";

/**
 * Lowercase letters and digits, starting with a letter: it is the matchmaker's room name, a
 * folder name, part of TypeScript identifiers and of the `<NAME>_MAX_PLAYERS` variable.
 */
const VALID_NAME = /^[a-z][a-z0-9]{1,23}$/;
/** Names the kit or the matchmaker already use for something else. */
const RESERVED = new Set(["lobby", "kit"]);

function refuse(message) {
  console.error(`new-room: ${message}`);
  process.exit(1);
}

const tool = {
  usage: "npm run new-room -- <name>   (e.g. npm run new-room -- tictactoe)",
  summary: "Generate a room type (shared rules and state, server room type, client scene, a test) and register it.",
  options: {},
  positionals: true,
};
const { positionals } = parseCommandLine(tool);
if (positionals.length !== 1) usageError(tool, `new-room: give exactly one room name, got ${positionals.length}`);
const name = positionals[0];
if (!VALID_NAME.test(name)) {
  refuse(`"${name}" is not a valid room name: use 2-24 lowercase letters and digits, starting with a letter (e.g. "tictactoe")`);
}
const Name = name[0].toUpperCase() + name.slice(1);
const NAME = name.toUpperCase();
const fill = (text) => text.replaceAll("__NAME__", NAME).replaceAll("__Name__", Name).replaceAll("__name__", name);

const read = (path) => readFileSync(join(ROOT, path), "utf8");
if (!existsSync(join(ROOT, APP)) || !existsSync(join(ROOT, SCENES)) || !existsSync(join(ROOT, REPLAYS))) refuse(`run it from the repository root (no ${APP} or ${SCENES} here)`);

// Taken: reserved, already registered, or any file the generator would write already exists.
const files = templateFiles(TEMPLATES).map((src) => ({ src, dest: fill(relative(TEMPLATES, src)).replace(/\.tmpl$/, "") }));
const app = read(APP);
const scenes = read(SCENES);
const taken =
  RESERVED.has(name) ||
  existsSync(join(ROOT, "server/rooms", name)) ||
  existsSync(join(ROOT, "shared", name)) ||
  app.includes(`${name}RoomType`) ||
  files.some((f) => existsSync(join(ROOT, f.dest)));
if (taken) refuse(`the room name "${name}" is already taken (a room type, folder or file by that name exists); pick another`);

const newApp = register(app, {
  file: APP,
  importLine: `import { ${name}RoomType } from "./rooms/${name}/${name}RoomType.ts";`,
  importAfter: /^import .* from "\.\/rooms\/.*";$/gm,
  list: /(export const ROOM_TYPES\b[^=]*=\s*\[)([^\]]*)(\])/,
  add: (items) => `${items.trimEnd()}${items.trim() ? ", " : ""}${name}RoomType`,
});
const newScenes = register(scenes, {
  file: SCENES,
  importLine: [
    `import { ${NAME}_ROOM } from "../../shared/${name}/protocol.ts";`,
    `import { ${Name}Client } from "../net/${Name}Client.ts";`,
    `import { ${Name}Scene } from "./${Name}Scene.ts";`,
  ].join("\n"),
  importAfter: /^import .* from ".*";$/gm,
  list: /(export const ROOM_SCENES\b[^=]*=\s*\{)([\s\S]*?)(\n\};)/,
  add: (items) => `${items.trimEnd()}\n  [${NAME}_ROOM]: roomScene({ key: "${name}", label: "${Name}", scene: ${Name}Scene, client: (room) => new ${Name}Client(room) }),`,
});

const newReplays = register(read(REPLAYS), {
  file: REPLAYS,
  importLine: `import { ${name}ReplayRules } from "../${name}/replay.ts";`,
  importAfter: /^import .* from "\.\.\/.*";$/gm,
  list: /(export const REPLAY_RULES\b[^=]*=\s*\{)([\s\S]*?)(\n\};)/,
  add: (items) => `${items.trimEnd()}\n  [${name}ReplayRules.roomType]: ${name}ReplayRules as ReplayRules<unknown>,`,
});

for (const { src, dest } of files) {
  mkdirSync(dirname(join(ROOT, dest)), { recursive: true });
  writeFileSync(join(ROOT, dest), fill(readFileSync(src, "utf8")));
}
writeFileSync(join(ROOT, APP), newApp);
writeFileSync(join(ROOT, SCENES), newScenes);
writeFileSync(join(ROOT, REPLAYS), newReplays);

console.log(`Created the "${name}" room type:`);
for (const { dest } of files) console.log(`  + ${dest}`);
console.log(`  ~ ${APP} (added to ROOM_TYPES)`);
console.log(`  ~ ${SCENES} (added to ROOM_SCENES, so the menu offers it)`);
console.log(`  ~ ${REPLAYS} (added to REPLAY_RULES: its matches are recorded as replays)`);
console.log(`
Next:
  npm test                         type-check and run every test, ${files.find((f) => f.dest.startsWith("test/"))?.dest} included
  npm run dev                      then choose "${Name}" under Game in the menu and press Quick play
Replace the tap race in shared/${name}/rules.ts with your game; docs/room-types.md walks through it.`);

/** Every template file under `dir`, recursively. */
function templateFiles(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? templateFiles(path) : [path];
  });
}

/** Add an import and a list entry to a registry source file; refuse if its shape is not recognised. */
function register(source, { file, importLine, importAfter, list, add }) {
  const imports = [...source.matchAll(importAfter)];
  const last = imports.at(-1);
  if (!last || !list.test(source)) refuse(`could not find where to register the room type in ${file}; was it restructured?`);
  const at = last.index + last[0].length;
  const withImport = `${source.slice(0, at)}\n${importLine}${source.slice(at)}`;
  return withImport.replace(list, (_all, open, items, close) => `${open}${add(items)}${close}`);
}
