/**
 * Host configuration, read once from environment variables and validated at start.
 * A bad value stops the server with a message naming the variable; nothing is guessed.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { MAX_CLIENT_FRAMES_PER_SECOND } from "../shared/constants.ts";
import { parseAllowedOrigins, minPayloadBytes } from "./net/limits.ts";
import type { ChatSettings } from "./kit/chat/ChatChannel.ts";
import { parseBlocklist } from "./kit/chat/wordFilter.ts";
import { DEFAULT_MAX_PLAYERS as ARENA_DEFAULT_SEATS } from "../shared/arena/tuning.ts";
import { DEFAULT_LAG_COMPENSATION_MS } from "../shared/arena/lagCompensation.ts";
import { hostingEnv } from "./hosting/hostingConfig.ts";
import { defaultLogFormat, LOG_LEVELS, type LogSettings } from "./log.ts";
import { parseTrustProxy, type TrustProxy } from "./net/clientAddress.ts";
import { readTls, tlsFilesFromEnv, type TlsSettings } from "./net/tlsFiles.ts";
import { DEFAULT_SEASON_EPOCH, DEFAULT_SEASON_LENGTH_DAYS } from "../shared/seasons.ts";

const intFromEnv = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be an integer from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const textChoice = <T extends string>(choices: readonly T[]) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return undefined;
      const t = v.trim() as T;
      if (choices.includes(t)) return t;
      ctx.addIssue({ code: "custom", message: `must be one of ${choices.join(", ")}, got "${v}"` });
      return z.NEVER;
    });

const EnvSchema = z.object({
  PORT: intFromEnv(2567, 0, 65535),
  HOST: z.string().optional().transform((v) => (v && v.trim() ? v.trim() : "0.0.0.0")),
  /** Malformed messages a client may send before it is disconnected. */
  MAX_INVALID_MESSAGES: intFromEnv(20, 1, 10_000),
  /** Length of an arena round, and of the scoreboard pause between rounds. */
  ARENA_ROUND_SECONDS: intFromEnv(180, 1, 3600),
  ARENA_INTERMISSION_SECONDS: intFromEnv(8, 1, 120),
  /** Ambient drifting drones per arena (the load benchmark uses 200). */
  ARENA_DRONES: intFromEnv(0, 0, 1000),
  /** Players a public arena keeps by filling empty seats with bots (0: no bots); at most the arena's seats. */
  ARENA_MIN_PLAYERS: intFromEnv(0, 0, 64),
  /** Most a shot is judged in the past, ms (lag compensation, docs/netcode.md); 0 turns it off. */
  LAG_COMPENSATION_MS: intFromEnv(DEFAULT_LAG_COMPENSATION_MS, 0, 1000),
  /** How long a dropped player's seat is held for them to come back. */
  RECONNECT_SECONDS: intFromEnv(30, 1, 600),
  /** Lossless resume: reliable messages kept per resuming client, and for how long (docs/netcode.md, "Lossless resume"). */
  RESUME_RING_SIZE: intFromEnv(512, 16, 65_536),
  RESUME_RING_SECONDS: intFromEnv(60, 1, 3600),
  /** Largest WebSocket message accepted, in bytes. */
  MAX_PAYLOAD_BYTES: intFromEnv(4096, 512, 1 << 20),
  /** Chat pace per player: CHAT_RATE_MESSAGES per CHAT_RATE_WINDOW_SECONDS, after a burst of CHAT_BURST. */
  CHAT_RATE_MESSAGES: intFromEnv(5, 1, 1000),
  CHAT_RATE_WINDOW_SECONDS: intFromEnv(10, 1, 3600),
  CHAT_BURST: intFromEnv(3, 1, 1000),
  /** CHAT_FLOOD_REFUSALS refused messages within CHAT_FLOOD_WINDOW_SECONDS mute the sender for CHAT_MUTE_SECONDS. */
  CHAT_FLOOD_REFUSALS: intFromEnv(20, 1, 10_000),
  CHAT_FLOOD_WINDOW_SECONDS: intFromEnv(60, 1, 3600),
  CHAT_MUTE_SECONDS: intFromEnv(60, 1, 86_400),
  /** Words masked in chat, comma-separated; CHAT_BLOCKLIST_FILE names a file with one per line. */
  CHAT_BLOCKLIST: z.string().optional(),
  CHAT_BLOCKLIST_FILE: z.string().optional(),
  /** 1 serves GET /metrics/window and POST /metrics/reset (the benchmark's window report; see server/metrics). */
  METRICS: intFromEnv(0, 0, 1),
  ...hostingEnv,
  /** Log lines at this level and above (pino's levels; silent: none). */
  LOG_LEVEL: textChoice(LOG_LEVELS).transform((v) => v ?? "info"),
  /** json (one JSON object per line) or pretty (readable); unset: json when NODE_ENV=production, else pretty. */
  LOG_FORMAT: textChoice(["json", "pretty"] as const),
  NODE_ENV: z.string().optional(),
  // Floods and access (docs/security.md lists each, its default and what happens when it is hit).
  /** WebSocket frames a client may send per second, of any kind; over it the client is closed (4429). */
  MAX_MESSAGES_PER_SECOND: intFromEnv(MAX_CLIENT_FRAMES_PER_SECOND, 10, 100_000),
  /**
   * Bytes the server may hold for one client that reads too slowly; past it the client is closed
   * with 4010 and its seat held (past half of it, pings to it are skipped). server/net/SendBacklog.ts.
   */
  SEND_BUFFER_LIMIT_BYTES: intFromEnv(512 * 1024, 16 * 1024, 64 * 1024 * 1024),
  /** Open WebSocket connections from one address; the next upgrade is refused with 429. */
  MAX_CONNECTIONS_PER_IP: intFromEnv(64, 1, 1_000_000),
  // The HTTP fallback transport's limits (server/net/fallback/, docs/transports.md "Limits").
  /** Polls and streams one fallback session may open a second (429 past it). */
  FALLBACK_POLLS_PER_SECOND: intFromEnv(40, 1, 10_000),
  /** Send batches one fallback session may post a second (429 past it). */
  FALLBACK_BATCHES_PER_SECOND: intFromEnv(60, 1, 10_000),
  /** A send batch's largest body, in frames of MAX_PAYLOAD_BYTES (413 past it). */
  FALLBACK_MAX_BODY_FRAMES: intFromEnv(16, 1, 1024),
  /** Milliseconds a fallback session lives with no stream or poll before it drops (1006). */
  FALLBACK_DETACHED_DROP_MS: intFromEnv(5000, 500, 600_000),
  /** Milliseconds a closed fallback session still answers, so its client gets the close record. */
  FALLBACK_LINGER_MS: intFromEnv(10_000, 0, 600_000),
  /** Bytes sent to a fallback client and not yet acknowledged that are kept for re-sending; past it the session drops (1006). */
  FALLBACK_MAX_UNACKED_BYTES: intFromEnv(1 << 20, 16 * 1024, 256 * 1024 * 1024),
  /** TCP connections (page loads, API calls and WebSockets) one address may hold open; a trusted proxy is not capped. */
  MAX_HTTP_CONNECTIONS_PER_IP: intFromEnv(256, 2, 1_000_000),
  /** Seconds an HTTP request may take to arrive in full (slow bodies and headers are cut off). */
  HTTP_REQUEST_TIMEOUT_SECONDS: intFromEnv(15, 1, 300),
  /** Matchmaking requests (quick play, create, join, reconnect) per address per minute, half of them in a burst. */
  MATCHMAKE_PER_IP_PER_MINUTE: intFromEnv(300, 2, 10_000_000),
  /** Rooms this process runs at once (the lobby counts); creating one more is refused (507). */
  MAX_ROOMS: intFromEnv(500, 1, 100_000),
  /** Comma-separated exact origins allowed to call matchmaking and open WebSockets; unset: the page's own origin. */
  ALLOWED_ORIGINS: z.string().optional(),
  /** The proxies in front of the server: a hop count or their addresses (server/net/clientAddress.ts); unset: none. */
  TRUST_PROXY: z.string().optional(),
  /** TLS (server/net/tlsFiles.ts): the certificate, its key and an optional chain, PEM files; unset: plain HTTP. */
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  TLS_CA_FILE: z.string().optional(),
  /** On SIGTERM, seconds rooms keep playing (players warned) before everyone is told the server is restarting. */
  SHUTDOWN_GRACE_SECONDS: intFromEnv(10, 0, 600),
  /** The folder the server keeps its files in (the embedded database, the generated signing key, replays/); created on first start. */
  DATA_DIR: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : "./data")),
  // Replays (docs/replays.md).
  /** 1 records every match of a replayable room type into DATA_DIR/replays; 0 records nothing. */
  REPLAYS: intFromEnv(1, 0, 1),
  /** Replays kept; beyond it the oldest are pruned. */
  REPLAY_MAX_COUNT: intFromEnv(500, 1, 1_000_000),
  /** Days a replay is kept after its match ended. */
  REPLAY_MAX_AGE_DAYS: intFromEnv(30, 1, 3650),
  /** Minutes of one room recorded at most; a longer room's log stops there (marked truncated). */
  REPLAY_MAX_MINUTES: intFromEnv(60, 1, 1440),
  // Parties and the ranked queue (docs/accounts.md, "Parties" and "Ranked queue").
  /** Most members of one party. */
  PARTY_MAX_SIZE: intFromEnv(4, 2, 16),
  /** Milliseconds between the ranked queue's matching passes (Colyseus QueueRoom's cycle). */
  RANKED_CYCLE_MS: intFromEnv(1000, 10, 600_000),
  /** The rating distance a fresh ticket accepts, and how far it widens per second waited, up to the most. */
  RANKED_WINDOW_START: intFromEnv(3, 0, 10_000),
  RANKED_WINDOW_WIDEN_PER_SECOND: intFromEnv(1, 0, 10_000),
  RANKED_WINDOW_MAX: intFromEnv(30, 0, 10_000),
  /** Players one ranked arena match takes (matched by their average rating). */
  RANKED_ARENA_PLAYERS: intFromEnv(4, 2, 16),
  // Live spectating (docs/replays.md, "Live spectating").
  /** Spectator seats per room, beside its player seats (0: no one may watch). */
  SPECTATORS_PER_ROOM: intFromEnv(32, 0, 1000),
  /** How far behind real-time rooms (the arena) spectators watch, so none can relay positions; turn-based rooms are shown live. */
  SPECTATOR_DELAY_SECONDS: intFromEnv(3, 0, 60),
  /** "separate": spectators chat among themselves, players do not see it; "shared": one chat for the whole room. */
  SPECTATOR_CHAT: textChoice(["separate", "shared"] as const).transform((v) => v ?? "separate"),
  // Accounts and their database (docs/accounts.md).
  /** postgres://user:pass@host:port/db: use PostgreSQL instead of the embedded database (a cluster needs it). */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/\S+$/.test(v), "must be a postgres:// or postgresql:// URL"),
  // Seasons (docs/accounts.md, "Seasons and leaderboards"): season 1 starts at SEASON_EPOCH, each lasts SEASON_LENGTH_DAYS.
  SEASON_LENGTH_DAYS: intFromEnv(DEFAULT_SEASON_LENGTH_DAYS, 1, 3650),
  /** An ISO 8601 time with its zone (e.g. 2024-01-01T00:00:00Z), read as ms since the Unix epoch. */
  SEASON_EPOCH: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const text = v?.trim() ? v.trim() : DEFAULT_SEASON_EPOCH;
      const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : NaN;
      if (Number.isFinite(ms)) return ms;
      ctx.addIssue({ code: "custom", message: `must be an ISO 8601 time with a zone, e.g. 2024-01-01T00:00:00Z, got "${v}"` });
      return z.NEVER;
    }),
  /** The access tokens' signing key, 32 characters or more; unset: generated into DATA_DIR/auth-secret. */
  AUTH_SECRET: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : undefined))
    .refine((v) => v === undefined || v.length >= 32, "must be at least 32 characters (e.g. openssl rand -base64 32)"),
});

type TextVars = "ALLOWED_ORIGINS" | "TRUST_PROXY" | "LOG_LEVEL" | "LOG_FORMAT" | "NODE_ENV" | "TLS_CERT_FILE" | "TLS_KEY_FILE" | "TLS_CA_FILE";

export type Config = Omit<z.infer<typeof EnvSchema>, TextVars> & {
  /** The logger's level and format (LOG_LEVEL, LOG_FORMAT), applied by createServer. */
  log: LogSettings;
  /** Exact origins from ALLOWED_ORIGINS, or undefined: allow only the page's own origin. */
  allowedOrigins: readonly string[] | undefined;
  /** Seats per room by room type name, from `<TYPE>_MAX_PLAYERS` (e.g. ARENA_MAX_PLAYERS=8). */
  roomMaxPlayers: Record<string, number>;
  chat: ChatSettings;
  /** TRUST_PROXY, parsed: whose X-Forwarded-For hops are believed. */
  trustProxy: TrustProxy;
  /** TLS_CERT_FILE / TLS_KEY_FILE / TLS_CA_FILE, read and checked; undefined: plain HTTP. */
  tls: TlsSettings | undefined;
  /** NODE_ENV=production (the plain-HTTP warning in main.ts). */
  production: boolean;
};

const MAX_PLAYERS_VAR = /^([A-Z][A-Z0-9]*)_MAX_PLAYERS$/;
const SEATS = intFromEnv(0, 1, 128);

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parse and validate the environment. Throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const issues: string[] = [];
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) issues.push(...parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`));
  const roomMaxPlayers: Record<string, number> = {};
  for (const [key, value] of Object.entries(env)) {
    const m = MAX_PLAYERS_VAR.exec(key);
    if (!m || value === undefined || value.trim() === "") continue;
    const seats = SEATS.safeParse(value);
    if (seats.success) roomMaxPlayers[m[1]!.toLowerCase()] = seats.data;
    else issues.push(`  ${key}: ${seats.error.issues[0]?.message ?? "invalid"}`);
  }
  const blocklistFile = readBlocklistFile(env.CHAT_BLOCKLIST_FILE, issues);
  const arenaSeats = roomMaxPlayers.arena ?? ARENA_DEFAULT_SEATS;
  if (parsed.success && parsed.data.ARENA_MIN_PLAYERS > arenaSeats) {
    issues.push(`  ARENA_MIN_PLAYERS: must be at most the arena's ${arenaSeats} seats (ARENA_MAX_PLAYERS), got ${parsed.data.ARENA_MIN_PLAYERS}`);
  }
  // Unset, a ranked arena takes at most the arena's seats; only a value asked for beyond them is an error.
  if (parsed.success && env.RANKED_ARENA_PLAYERS?.trim() && parsed.data.RANKED_ARENA_PLAYERS > arenaSeats) {
    issues.push(`  RANKED_ARENA_PLAYERS: must be at most the arena's ${arenaSeats} seats (ARENA_MAX_PLAYERS), got ${parsed.data.RANKED_ARENA_PLAYERS}`);
  }
  if (parsed.success && parsed.data.RANKED_WINDOW_START > parsed.data.RANKED_WINDOW_MAX) {
    issues.push(`  RANKED_WINDOW_START: must be at most RANKED_WINDOW_MAX (${parsed.data.RANKED_WINDOW_MAX}), got ${parsed.data.RANKED_WINDOW_START}`);
  }
  if (parsed.success && parsed.data.MAX_HTTP_CONNECTIONS_PER_IP < parsed.data.MAX_CONNECTIONS_PER_IP) {
    issues.push(`  MAX_HTTP_CONNECTIONS_PER_IP: must be at least MAX_CONNECTIONS_PER_IP (${parsed.data.MAX_CONNECTIONS_PER_IP}): every WebSocket rides one connection`);
  }
  const origins = parseAllowedOrigins(env.ALLOWED_ORIGINS);
  if (!origins.ok) issues.push(`  ALLOWED_ORIGINS: ${origins.error}`);
  const trust = parseTrustProxy(env.TRUST_PROXY);
  if (!trust.ok) issues.push(`  TRUST_PROXY: ${trust.error}`);
  if (parsed.success && parsed.data.MAX_PAYLOAD_BYTES < minPayloadBytes()) {
    issues.push(`  MAX_PAYLOAD_BYTES: must be at least ${minPayloadBytes()} so a chat message of the longest allowed length fits`);
  }
  const tlsFiles = tlsFilesFromEnv(env, issues);
  const tls = tlsFiles ? readTls(tlsFiles) : undefined;
  if (tls && !tls.ok) issues.push(...tls.issues);
  if (issues.length > 0 || !parsed.success || !origins.ok || !trust.ok) throw new ConfigError(`invalid configuration:\n${issues.join("\n")}`);
  const { ALLOWED_ORIGINS: _origins, TRUST_PROXY: _trust, TLS_CERT_FILE: _c, TLS_KEY_FILE: _k, TLS_CA_FILE: _ca, LOG_LEVEL, LOG_FORMAT, NODE_ENV, ...data } = parsed.data;
  const log: LogSettings = { level: LOG_LEVEL, format: LOG_FORMAT ?? defaultLogFormat(NODE_ENV) };
  return {
    ...data,
    log,
    allowedOrigins: origins.value,
    trustProxy: trust.value,
    tls: tls?.ok ? tls.value : undefined,
    production: NODE_ENV?.trim() === "production",
    roomMaxPlayers,
    chat: chatSettings(parsed.data, blocklistFile),
    RANKED_ARENA_PLAYERS: Math.min(data.RANKED_ARENA_PLAYERS, arenaSeats),
  };
}

function chatSettings(env: z.infer<typeof EnvSchema>, blocklistFile: string | undefined): ChatSettings {
  return {
    rate: {
      messages: env.CHAT_RATE_MESSAGES,
      windowSeconds: env.CHAT_RATE_WINDOW_SECONDS,
      burst: env.CHAT_BURST,
      floodRefusals: env.CHAT_FLOOD_REFUSALS,
      floodWindowSeconds: env.CHAT_FLOOD_WINDOW_SECONDS,
      muteSeconds: env.CHAT_MUTE_SECONDS,
    },
    blocklist: parseBlocklist(env.CHAT_BLOCKLIST, blocklistFile),
  };
}

/** The blocklist file's text, read once at start; a file that cannot be read is a configuration error. */
function readBlocklistFile(path: string | undefined, issues: string[]): string | undefined {
  if (path === undefined || path.trim() === "") return undefined;
  try {
    return readFileSync(path.trim(), "utf8");
  } catch (e) {
    issues.push(`  CHAT_BLOCKLIST_FILE: cannot read "${path}" (${e instanceof Error && "code" in e ? String(e.code) : "error"})`);
    return undefined;
  }
}
