/**
 * An HTTP proxy that passes every plain request through to the server (responses streamed as
 * they come, unbuffered) but never answers a WebSocket upgrade: what a corporate proxy that
 * breaks WebSockets looks like to a browser. The held upgrades are counted and closed with it.
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface RefusingProxy {
  url: string;
  /** Upgrade requests it has swallowed so far. */
  readonly upgradesHeld: number;
  close(): Promise<void>;
}

export async function startUpgradeRefusingProxy(targetPort: number): Promise<RefusingProxy> {
  const held = new Set<Socket>();
  let upgradesHeld = 0;
  const server: Server = createServer((req, res) => {
    const out = request({ host: "127.0.0.1", port: targetPort, method: req.method, path: req.url, headers: req.headers }, (back) => {
      res.writeHead(back.statusCode ?? 502, back.headers);
      back.pipe(res);
    });
    out.on("error", () => res.destroy());
    req.pipe(out);
    res.on("close", () => out.destroy());
  });
  server.on("upgrade", (_req, socket: Socket) => {
    upgradesHeld++;
    held.add(socket);
    socket.on("close", () => held.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get upgradesHeld() {
      return upgradesHeld;
    },
    async close() {
      for (const s of held) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
