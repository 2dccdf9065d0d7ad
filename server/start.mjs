// Plain JavaScript on purpose: this file must run on any Node, so that an old Node gets a
// clear message instead of a syntax or loader error. It then loads the TypeScript server.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Skirmish needs Node 22.12 or newer, but this is Node ${process.versions.node}.\n` +
      `Use "npm start": npm puts the Node that "npm install" fetched (node_modules/.bin/node) first on PATH.\n` +
      `Or run: ./node_modules/.bin/node server/start.mjs`,
  );
  process.exit(1);
}
const { register } = await import("tsx/esm/api");
register();
await import("./main.ts");
