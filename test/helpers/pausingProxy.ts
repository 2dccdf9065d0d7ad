/**
 * A TCP proxy in front of a test server whose server-to-client direction can stop reading:
 * the server's socket then fills as it does for a client that stops reading (a phone on a bad
 * link), and its bytes pile up on the server. Unlike the network conditioner, which buffers
 * what it holds in its own memory, this proxy leaves the backlog where it really builds up.
 */
import { createServer, connect, type AddressInfo, type Socket } from "node:net";

export interface PausingProxy {
  url: string;
  /** Stop reading what the server sends, on every connection open now. */
  stopReading(): void;
  /** Read again. */
  resume(): void;
  close(): Promise<void>;
}

export async function startPausingProxy(targetPort: number): Promise<PausingProxy> {
  /** Each connection's socket to the server, and the client's socket it is piped into. */
  const upstreams = new Map<Socket, Socket>();
  let paused = false;
  const server = createServer((downstream) => {
    const upstream = connect(targetPort, "127.0.0.1");
    upstreams.set(upstream, downstream);
    downstream.pipe(upstream);
    upstream.pipe(downstream);
    if (paused) upstream.pause();
    const end = () => {
      upstreams.delete(upstream);
      upstream.destroy();
      downstream.destroy();
    };
    upstream.on("error", end).on("close", end);
    downstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    stopReading() {
      paused = true;
      for (const u of upstreams.keys()) {
        u.unpipe();
        u.pause();
      }
    },
    resume() {
      paused = false;
      // Piped again, the pipe's own backpressure takes over from here.
      for (const [u, d] of upstreams) u.pipe(d);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const u of upstreams.keys()) u.destroy();
        server.close(() => resolve());
      }),
  };
}
