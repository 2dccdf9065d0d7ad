import { existsSync } from "node:fs";
import { join } from "node:path";
import express from "express";
import { defineServer } from "colyseus";
import type { Config } from "./config.ts";
import { markDrainingOnPresence, placementSkippingDraining } from "./hosting/drainingPlacement.ts";
import { gateJoinOrCreate } from "./hosting/joinOrCreateGate.ts";
import type { RedisHosting } from "./hosting/redis.ts";
import type { Accounts } from "./auth/Accounts.ts";
import { mountAuthRoutes } from "./http/authRoutes.ts";
import { mountProfileRoutes } from "./http/profileRoutes.ts";
import { errorHandler } from "./http/errors.ts";
import { mountHealth } from "./http/health.ts";
import { AdminGuard } from "./http/adminAuth.ts";
import { mountMonitor } from "./http/monitor.ts";
import { mountModerationRoutes } from "./http/moderationRoutes.ts";
import { initLog } from "./log.ts";
import { mountCodeLookup } from "./kit/codeLookup.ts";
import { registerRoomTypes, type AnyRoomType } from "./kit/registry.ts";
import { mountMetricsWindow, mountPrometheus } from "./http/metricsRoute.ts";
import { AccessGate } from "./net/AccessGate.ts";
import { GatedHttpServer, GatedHttpsServer } from "./net/GatedServer.ts";
import { FallbackTransport, fallbackLimitsOf } from "./net/fallback/FallbackTransport.ts";
import { clientAddressResolver, requestSchemeResolver, trustedProxyCheck } from "./net/clientAddress.ts";
import { disableColyseusCors } from "./net/cors.ts";
import { admitSpectatorsToFullRooms } from "./kit/spectate/fullRoomWatch.ts";
import { originPolicy } from "./net/origins.ts";
import { RoomBudget } from "./kit/RoomBudget.ts";
import { ReplayStore } from "./kit/replay/ReplayStore.ts";
import { resultsWithOutbox } from "./kit/ResultOutbox.ts";
import { mountReplayRoutes } from "./kit/replay/replayRoutes.ts";
import { packageRoot } from "./packageRoot.ts";
import { arenaRoomType } from "./rooms/arena/arenaRoomType.ts";
import { connect4RoomType } from "./rooms/connect4/connect4RoomType.ts";
import { withSocialRooms } from "./social/socialRooms.ts";

/** Every room type this server offers. A new one is added here (npm run new-room does it). */
export const ROOM_TYPES: readonly AnyRoomType[] = [arenaRoomType, connect4RoomType];

/** Where `vite build` writes the client; served at `/` when present. */
export const CLIENT_DIST = join(packageRoot(), "dist", "client");

/** What a server is built with beyond its configuration. */
export interface ServerParts {
  /** Shared presence and matchmaking over Redis (REDIS_URL); absent, one process in memory. */
  redis?: RedisHosting;
  /** Room types registered beside ROOM_TYPES (tests add ones that misbehave on purpose). */
  extraRoomTypes?: readonly AnyRoomType[];
  /** Accounts and their database (Accounts.open); absent, no account routes and every seat is anonymous. */
  accounts?: Accounts;
}

/**
 * The whole server, not yet listening: rooms, transport limits and HTTP routes.
 * Tests and the benchmark build it the same way `npm start` does. With `redis` (REDIS_URL, see
 * server/hosting/redis.ts) presence and matchmaking are shared with every other process.
 */
export function createServer(config: Config, { redis, extraRoomTypes = [], accounts }: ServerParts = {}) {
  initLog(config.log);
  gateJoinOrCreate();
  disableColyseusCors();
  admitSpectatorsToFullRooms();
  const addressOf = clientAddressResolver(config.trustProxy);
  const gate = new AccessGate({
    origins: originPolicy(config.allowedOrigins, config.PUBLIC_ADDRESS),
    schemeOf: requestSchemeResolver(config.trustProxy),
    addressOf,
    maxConnectionsPerIp: config.MAX_CONNECTIONS_PER_IP,
    matchmakePerIpPerMinute: config.MATCHMAKE_PER_IP_PER_MINUTE,
    maxBodyBytes: config.MAX_PAYLOAD_BYTES,
    isTrustedProxy: trustedProxyCheck(config.trustProxy),
    maxHttpConnectionsPerIp: config.MAX_HTTP_CONNECTIONS_PER_IP,
    requestTimeoutSeconds: config.HTTP_REQUEST_TIMEOUT_SECONDS,
  });
  const rooms = new RoomBudget(config.MAX_ROOMS);
  if (redis) markDrainingOnPresence(redis.presence, config.SHUTDOWN_GRACE_SECONDS);
  const replayStore = config.REPLAYS ? new ReplayStore(config.DATA_DIR, { maxCount: config.REPLAY_MAX_COUNT, maxAgeDays: config.REPLAY_MAX_AGE_DAYS }, Date.now, accounts?.replays) : undefined;
  const replays = replayStore && { store: replayStore, maxMinutes: config.REPLAY_MAX_MINUTES };
  // Rated results go through an outbox in DATA_DIR first, replayed here at start (ResultOutbox.ts).
  const results = accounts && resultsWithOutbox(accounts.ratings, config.DATA_DIR);
  return defineServer({
    greet: false,
    gracefullyShutdown: false,
    presence: redis?.presence,
    driver: redis?.driver,
    selectProcessIdToCreateRoom: redis ? placementSkippingDraining(redis.presence) : undefined,
    publicAddress: config.PUBLIC_ADDRESS,
    // WebSocket, and the HTTP fallback beside it on the same gated server (docs/transports.md).
    transport: new FallbackTransport({ maxPayload: config.MAX_PAYLOAD_BYTES }, { server: config.tls ? new GatedHttpsServer(gate, config.tls.material) : new GatedHttpServer(gate), ipLimits: gate.limits, maxPayloadBytes: config.MAX_PAYLOAD_BYTES, limits: fallbackLimitsOf(config) }),
    rooms: withSocialRooms(config, accounts, registerRoomTypes(
      [...ROOM_TYPES, ...extraRoomTypes],
      (type) => ({
        rooms,
        maxMessagesPerSecond: config.MAX_MESSAGES_PER_SECOND,
        limits: { maxPlayers: maxPlayersFor(config, type), settings: settingsFor(config, type) },
        maxInvalidMessages: config.MAX_INVALID_MESSAGES,
        reconnectSeconds: config.RECONNECT_SECONDS,
        sendBufferBytes: config.SEND_BUFFER_LIMIT_BYTES,
        resume: { size: config.RESUME_RING_SIZE, seconds: config.RESUME_RING_SECONDS },
        chat: config.chat,
        replays,
        spectators: { perRoom: config.SPECTATORS_PER_ROOM, delaySeconds: config.SPECTATOR_DELAY_SECONDS, chat: config.SPECTATOR_CHAT },
        accounts,
        results,
      }),
      { maxInvalidMessages: config.MAX_INVALID_MESSAGES, chat: config.chat, maxMessagesPerSecond: config.MAX_MESSAGES_PER_SECOND, accounts },
    )),
    express: (app) => {
      const admin = new AdminGuard(addressOf);
      // Every /metrics route (the Prometheus text, the bench's window and its reset) needs the token when one is set.
      if (config.METRICS_TOKEN) app.use("/metrics", admin.bearer(config.METRICS_TOKEN, "/metrics (METRICS_TOKEN)"));
      mountHealth(app, () => redis?.status() ?? "off");
      mountCodeLookup(app, addressOf);
      mountReplayRoutes(app, replayStore);
      // Moderation first: its check of a banned address runs before the guest route.
      if (accounts) mountModerationRoutes(app, accounts, addressOf, { guard: admin, password: config.MONITOR_PASSWORD });
      if (accounts) mountAuthRoutes(app, accounts, addressOf);
      if (accounts) mountProfileRoutes(app, accounts, ROOM_TYPES.map((t) => t.name), addressOf);
      mountPrometheus(app, config.METRICS_TOKEN);
      if (config.METRICS) mountMetricsWindow(app);
      mountMonitor(app, config.MONITOR_PASSWORD, admin);
      if (existsSync(CLIENT_DIST)) {
        app.use(express.static(CLIENT_DIST));
        // A replay link is a page of the client (game/replayPage.ts), which fetches the log itself.
        app.get("/replay/:matchId", (_req, res) => res.sendFile(join(CLIENT_DIST, "index.html")));
      }
      app.use(errorHandler(addressOf));
    },
  });
}

/** Host settings a room type reads (validated in config.ts). */
function settingsFor(config: Config, type: AnyRoomType): Record<string, number> {
  if (type.name === arenaRoomType.name) return { roundSeconds: config.ARENA_ROUND_SECONDS, intermissionSeconds: config.ARENA_INTERMISSION_SECONDS, drones: config.ARENA_DRONES, minPlayers: config.ARENA_MIN_PLAYERS, lagCompensationMs: config.LAG_COMPENSATION_MS };
  return {};
}

/** `<NAME>_MAX_PLAYERS` from the environment when set, else the room type's default. */
function maxPlayersFor(config: Config, type: AnyRoomType): number {
  return config.roomMaxPlayers[type.name] ?? type.defaultMaxPlayers;
}
