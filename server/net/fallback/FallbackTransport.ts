/**
 * Colyseus's WebSocket transport with the HTTP fallback beside it on the same (gated) server.
 * This is the one file of the fallback that touches Colyseus, and it uses only what
 * @colyseus/core and @colyseus/ws-transport export:
 * - `connectClientToRoom(room, client, authContext, { reconnectionToken, skipHandshake })`,
 *   which the WebSocket transport calls with the same arguments: it checks the seat
 *   reservation (or the reconnection token) and runs the room's join;
 * - `WebSocketClient`, the WebSocket transport's Client, wrapped around a FallbackSocket that
 *   has the `ws` socket's shape. Here is the one dependence on Colyseus's insides: Room binds
 *   its frame decoding and leave handling to the socket's "message" and "close" events
 *   (`client.ref.on(...)`, Room._onJoin), and compares `readyState` with WebSocket.OPEN. If a
 *   Colyseus release changes that contract, test/server/fallbackTransport.test.ts fails.
 * Rooms therefore see a client of either transport the same way; the frame entry hook
 * (frameEntry.ts) and FrameGuard see every fallback frame too.
 */
import type { IncomingMessage } from "node:http";
import { CloseCode, connectClientToRoom, createAuthContext, debugAndPrintError, isDevMode, matchMaker, WebSocketClient, WebSocketTransport, type TransportOptions } from "colyseus";
import type { FallbackOpen } from "../../../shared/fallback.ts";
import type { GatedHttpServer, GatedHttpsServer } from "../GatedServer.ts";
import type { IpLimits } from "../IpLimits.ts";
import { FallbackSessions, type FallbackLimits, type FallbackSession } from "./FallbackSessions.ts";
import { handleFallback } from "./fallbackRoutes.ts";
import { FallbackSocket } from "./FallbackSocket.ts";

export interface FallbackSettings {
  server: GatedHttpServer | GatedHttpsServer;
  /** The gate's per-address limits: a session takes a connection slot as a WebSocket does. */
  ipLimits: IpLimits;
  /** MAX_PAYLOAD_BYTES: the largest frame over either transport. */
  maxPayloadBytes: number;
  limits?: Partial<FallbackLimits>;
}

/** Today's defaults (the same as server/config.ts's), with `given` over them. */
export function fallbackLimits(maxPayloadBytes: number, given: Partial<FallbackLimits> = {}): FallbackLimits {
  return {
    detachedDropMs: 5000,
    maxUnackedBytes: 1 << 20,
    pollsPerSecond: 40,
    batchesPerSecond: 60,
    maxFrameBytes: maxPayloadBytes,
    maxBodyBytes: maxPayloadBytes * 16,
    lingerMs: 10_000,
    ...given,
  };
}

/** The limits server/config.ts read from the environment (FALLBACK_*). */
export function fallbackLimitsOf(config: {
  MAX_PAYLOAD_BYTES: number;
  FALLBACK_POLLS_PER_SECOND: number;
  FALLBACK_BATCHES_PER_SECOND: number;
  FALLBACK_MAX_BODY_FRAMES: number;
  FALLBACK_DETACHED_DROP_MS: number;
  FALLBACK_LINGER_MS: number;
  FALLBACK_MAX_UNACKED_BYTES: number;
}): Partial<FallbackLimits> {
  return {
    pollsPerSecond: config.FALLBACK_POLLS_PER_SECOND,
    batchesPerSecond: config.FALLBACK_BATCHES_PER_SECOND,
    maxBodyBytes: config.MAX_PAYLOAD_BYTES * config.FALLBACK_MAX_BODY_FRAMES,
    detachedDropMs: config.FALLBACK_DETACHED_DROP_MS,
    lingerMs: config.FALLBACK_LINGER_MS,
    maxUnackedBytes: config.FALLBACK_MAX_UNACKED_BYTES,
  };
}

export class FallbackTransport extends WebSocketTransport {
  readonly sessions: FallbackSessions;

  constructor(options: TransportOptions, settings: FallbackSettings) {
    super({ ...options, server: settings.server });
    this.sessions = new FallbackSessions(fallbackLimits(settings.maxPayloadBytes, settings.limits), settings.ipLimits);
    settings.server.fallback = (req, res) => handleFallback(this.sessions, connectSession, req, res);
  }

  override shutdown(): void {
    this.sessions.closeAll(CloseCode.SERVER_SHUTDOWN);
    super.shutdown();
  }
}

/** As WebSocketTransport.onConnection does for a new socket: seat the client, or send the error and close. */
function connectSession(session: FallbackSession, open: FallbackOpen, req: IncomingMessage): void {
  const client = new WebSocketClient(open.sessionId, session.socket as never);
  const room = matchMaker.getLocalRoomById(session.roomId);
  const stale = open.reconnectionToken ? room?.clients.get(open.sessionId) : undefined;
  const context = createAuthContext({ headers: req.headers as Record<string, string>, token: open.authToken, remoteAddress: req.socket.remoteAddress });
  const joining = connectClientToRoom(room, client, context, { reconnectionToken: open.reconnectionToken, skipHandshake: open.skipHandshake === true });
  // A valid reconnect while the old connection still looks open (a stream the network dropped
  // without a FIN): Colyseus now waits for that connection's close, as it would for a
  // WebSocket's ping timeout. A fallback socket whose token came back is dead: close it now
  // (after connectClientToRoom has checked the token and started waiting).
  if (stale && stale.reconnectionToken === open.reconnectionToken && stale.ref instanceof FallbackSocket) stale.ref.terminate();
  joining.catch((e: Error & { code?: number }) => {
    debugAndPrintError(e);
    const code = open.reconnectionToken ? (isDevMode ? CloseCode.MAY_TRY_RECONNECT : CloseCode.FAILED_TO_RECONNECT) : CloseCode.WITH_ERROR;
    client.error(e.code ?? CloseCode.WITH_ERROR, e.message ?? "", () => session.socket.close(code));
  });
}
