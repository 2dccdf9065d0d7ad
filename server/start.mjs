// Plain JavaScript on purpose: this file must run on any Node, so that an old Node gets a
// clear message instead of a syntax or loader error. It then runs the compiled server
// (dist/server, from `npm run build`); `npm run dev` runs the TypeScript source instead.
import { existsSync } from "node:fs";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Skirmish needs Node 22.12 or newer, but this is Node ${process.versions.node}.\n` +
      `Use "npm start": npm puts the Node that "npm install" fetched (node_modules/.bin/node) first on PATH.\n` +
      `Or run: ./node_modules/.bin/node server/start.mjs`,
  );
  process.exit(1);
}
const main = new URL("../dist/server/server/main.js", import.meta.url);
if (!existsSync(main)) {
  console.error(`No server build at dist/server. Run "npm run build" first ("npm start" builds and starts), or "npm run dev" for the source with reload.`);
  process.exit(1);
}
await import(main.href);
