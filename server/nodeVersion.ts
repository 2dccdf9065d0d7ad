/**
 * Colyseus 0.18 needs Node 22.12 or newer (its reconnection path uses the global
 * WebSocket that Node 20 lacks). `npm install` brings a Node 24 binary into
 * node_modules/.bin; this check catches a server started with an older system Node.
 */
export const MIN_NODE = [22, 12] as const;

export function nodeVersionProblem(version: string = process.versions.node): string | undefined {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  if (major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1])) return undefined;
  return (
    `Skirmish needs Node ${MIN_NODE.join(".")} or newer, but this is Node ${version}.\n` +
    `Start it with "npm start" (npm puts the Node installed by "npm install" first on PATH),\n` +
    `or run ./node_modules/.bin/node directly.`
  );
}
