/**
 * A seeded network conditioner on real sockets: a TCP proxy (node:net) that sits between real
 * clients and the real server and gives each connection, in each direction, latency, jitter
 * that keeps TCP's order, loss as it reaches a WebSocket (head-of-line stalls), a bandwidth
 * cap, scheduled disconnects and stalls. HTTP matchmaking and the WebSocket ride the same port,
 * so pointing an SDK Client at `conditioner.url` puts both through it.
 *
 * It works on the byte stream, not on WebSocket frames, because that is where a network acts:
 * a lost segment delays everything behind it, whichever frames it held. It knows a WebSocket
 * from plain HTTP by its upgrade request, so a drop can cut the game's sockets (as a
 * server-side reset or a NAT timeout does) and leave matchmaking alone, and its counts say
 * which is which.
 *
 * Seeded: connection n draws from its own generator, derived from the seed and n, so the same
 * seed gives the same delays and stalls to the same connections (chunk boundaries are the
 * kernel's, so byte-exact replay is not promised).
 *
 * @example
 *   const net = await startNetConditioner({ target: { port: server.port }, seed: 7, conditions: NET_PRESETS.mobile4g });
 *   const client = new Client(net.url); // every byte now crosses a 4G-like link
 *   net.stall(2000); net.dropWebSockets(); net.set(NET_PRESETS.off); await net.close();
 */
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { createRng } from "../../shared/rng.ts";
import { Link, realClock, type ConditionerClock } from "./Link.ts";
import { NET_PRESETS, NetConditionsSchema, type NetConditions } from "./netPresets.ts";

export type { ConditionerClock } from "./Link.ts";

export interface NetConditionerOptions {
  /** The real server. */
  target: { host?: string; port: number };
  /** Where the conditioner listens: port 0 (default) picks a free one. */
  port?: number;
  host?: string;
  seed: number;
  /** Starting conditions (default: none, a plain proxy). */
  conditions?: NetConditions;
  /** Time and timers (default: the real ones); a test passes a clock it moves by hand. */
  clock?: ConditionerClock;
}

export interface NetConditionerStats {
  /** Connections accepted so far, and how many of them were WebSocket upgrades. */
  connections: number;
  websockets: number;
  /** Connections open now. */
  open: number;
  /** Bytes received from each side, and bytes passed on (the rest is still in flight). */
  bytesUp: number;
  bytesDown: number;
  deliveredUp: number;
  deliveredDown: number;
  /** Head-of-line stalls drawn from loss, and connections cut by drops or outages. */
  lossStalls: number;
  dropped: number;
  /** Connections refused because an outage was on. */
  refused: number;
}

/**
 * A WebSocket is marked by its upgrade request, or failing that (a request split oddly) by the
 * server's 101 answer. Any request on a kept-alive connection may be the upgrade (Node's fetch
 * and WebSocket share one pool), so every request and answer is looked at until one is. Marked
 * on the request, an upgrade still in flight is cut by a drop too, as a real network would.
 */
const SWITCHING = Buffer.from("HTTP/1.1 101 ");
const GET = Buffer.from("GET ");
const UPGRADE_HEADER = /\r\nupgrade:[ \t]*websocket/i;
const isUpgradeRequest = (data: Buffer): boolean => data.subarray(0, GET.length).equals(GET) && UPGRADE_HEADER.test(data.toString("latin1", 0, Math.min(data.length, 8192)));

interface Conn {
  client: Socket;
  server: Socket;
  up: Link;
  down: Link;
  websocket: boolean;
}

export class NetConditioner {
  private conditions: NetConditions;
  private pausedUntil = 0;
  private outageUntil = 0;
  private readonly conns = new Set<Conn>();
  private readonly timers = new Set<unknown>();
  private readonly clock: ConditionerClock;
  private readonly counts: NetConditionerStats = { connections: 0, websockets: 0, open: 0, bytesUp: 0, bytesDown: 0, deliveredUp: 0, deliveredDown: 0, lossStalls: 0, dropped: 0, refused: 0 };

  constructor(
    private readonly server: Server,
    private readonly options: NetConditionerOptions,
  ) {
    this.conditions = options.conditions ?? NET_PRESETS.off;
    this.clock = options.clock ?? realClock;
    server.on("connection", (socket) => this.accept(socket));
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The HTTP base URL to give an SDK Client. */
  get url(): string {
    return `http://${this.options.host ?? "127.0.0.1"}:${this.port}`;
  }

  current(): NetConditions {
    return this.conditions;
  }

  /** New conditions for every chunk from now on (queued chunks keep their times). Throws on a bad value. */
  set(conditions: NetConditions): void {
    this.conditions = NetConditionsSchema.parse(conditions);
  }

  /**
   * Forward nothing, either way, on any connection, for `ms`: what the client sees when the
   * server process stalls (a GC pause, a stopped VM). What arrives meanwhile is held and then
   * delivered in order, in a burst. For a real stalled process, see stallProcess().
   */
  stall(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
    this.later(ms, () => this.kickAll());
    this.kickAll();
  }

  /** Cut every open WebSocket at once (both ends see a reset, as after a network change). */
  dropWebSockets(): number {
    return this.cut((c) => c.websocket);
  }

  /** Cut every open connection, HTTP too. */
  dropAll(): number {
    return this.cut(() => true);
  }

  /** The network is gone for `ms`: every open connection is cut and new ones refused until it is back. */
  outage(ms: number): void {
    this.outageUntil = Math.max(this.outageUntil, this.clock.now() + ms);
    this.dropAll();
  }

  /** Run `action` after `ms` (a scheduled drop or stall); cancelled by close(). */
  later(ms: number, action: () => void): void {
    const t = this.clock.setTimeout(() => {
      this.timers.delete(t);
      action();
    }, ms);
    this.timers.add(t);
  }

  stats(): NetConditionerStats {
    return { ...this.counts, open: this.conns.size };
  }

  async close(): Promise<void> {
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
    this.cut(() => true);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.clock.now() < this.outageUntil) {
      this.counts.refused++;
      client.resetAndDestroy();
      return;
    }
    const n = this.counts.connections++;
    client.setNoDelay(true);
    const server = connect({ host: this.options.target.host ?? "127.0.0.1", port: this.options.target.port });
    server.setNoDelay(true);
    const onStall = () => this.counts.lossStalls++;
    const c = this.counts;
    const paused = () => this.pausedUntil;
    // Two generators per connection, one per direction, each from the seed and the connection's number.
    const seedOf = (dir: number) => (this.options.seed ^ Math.imul(n + 1, 0x9e3779b1) ^ Math.imul(dir, 0x85ebca6b)) >>> 0;
    const conn: Conn = {
      client,
      server,
      websocket: false,
      up: new Link(createRng(seedOf(1)), () => ({ own: this.conditions.up, back: this.conditions.down }), paused, client, server, onStall, (b) => (c.deliveredUp += b), this.clock),
      down: new Link(createRng(seedOf(2)), () => ({ own: this.conditions.down, back: this.conditions.up }), paused, server, client, onStall, (b) => (c.deliveredDown += b), this.clock),
    };
    this.conns.add(conn);
    client.on("data", (data: Buffer) => {
      if (!conn.websocket && isUpgradeRequest(data)) this.markWebSocket(conn);
      this.counts.bytesUp += data.length;
      conn.up.push(data);
    });
    server.on("data", (data: Buffer) => {
      if (!conn.websocket && data.subarray(0, SWITCHING.length).equals(SWITCHING)) this.markWebSocket(conn);
      this.counts.bytesDown += data.length;
      conn.down.push(data);
    });
    client.on("end", () => conn.up.end());
    server.on("end", () => conn.down.end());
    // An error or close on one side ends the other at once: a reset is not queued behind data.
    const finish = () => this.finish(conn);
    client.on("error", finish).on("close", finish);
    server.on("error", finish).on("close", finish);
  }

  private markWebSocket(conn: Conn): void {
    conn.websocket = true;
    this.counts.websockets++;
  }

  private finish(conn: Conn): void {
    if (!this.conns.delete(conn)) return;
    conn.up.stop();
    conn.down.stop();
    if (!conn.client.destroyed) conn.client.destroy();
    if (!conn.server.destroyed) conn.server.destroy();
  }

  private cut(which: (c: Conn) => boolean): number {
    let n = 0;
    for (const c of [...this.conns]) {
      if (!which(c)) continue;
      n++;
      this.conns.delete(c);
      c.up.stop();
      c.down.stop();
      c.client.resetAndDestroy();
      c.server.resetAndDestroy();
    }
    this.counts.dropped += n;
    return n;
  }

  private kickAll(): void {
    for (const c of this.conns) {
      c.up.kick();
      c.down.kick();
    }
  }
}

/** Start a conditioner in front of `options.target`. */
export async function startNetConditioner(options: NetConditionerOptions): Promise<NetConditioner> {
  const server = createServer({ noDelay: true });
  const conditioner = new NetConditioner(server, options);
  if (options.conditions) conditioner.set(options.conditions);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  return conditioner;
}

/**
 * Stop a child server process (SIGSTOP) for `ms`, then let it run on (SIGCONT): a real process
 * stall, where the kernel still accepts and buffers bytes for it. Resolves when it runs again.
 */
export function stallProcess(pid: number, ms: number): Promise<void> {
  process.kill(pid, "SIGSTOP");
  return new Promise((resolve) =>
    setTimeout(() => {
      process.kill(pid, "SIGCONT");
      resolve();
    }, ms),
  );
}
