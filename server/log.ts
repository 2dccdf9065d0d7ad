/**
 * The process's one logger (pino). Call sites use `log.info(msg, fields)` (and warn, error);
 * code that wants a child logger takes `logger()`. Never pass tokens or message bodies (chat
 * text included): ids and reasons only, room and session ids in the `room` and `session`
 * fields. Fields named like secrets or chat text are redacted anyway (REDACTED_FIELDS).
 *
 * Level and format come from the validated configuration (LOG_LEVEL, LOG_FORMAT in
 * config.ts) through `initLog`, which createServer calls; until then the logger writes JSON
 * at info. Format json: one JSON object per line ({ time, level, msg, ...fields }), for a
 * log collector; pretty: pino-pretty's readable lines, for people, loaded only when chosen.
 * Both write synchronously on the calling thread (no transport worker), warnings and errors
 * to stderr and the rest to stdout.
 */
import { createRequire } from "node:module";
import { pino, type DestinationStream, type Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = "json" | "pretty";
export interface LogSettings {
  level: LogLevel;
  format: LogFormat;
}

type Fields = Record<string, string | number | boolean | undefined>;

/** Fields that never reach a log line with their value, at the top level or one level down. */
export const REDACTED_FIELDS = ["token", "refreshToken", "reconnectionToken", "password", "authorization", "text"];

/** The format when LOG_FORMAT is unset: json in production, pretty otherwise. */
export function defaultLogFormat(nodeEnv: string | undefined): LogFormat {
  return nodeEnv === "production" ? "json" : "pretty";
}

/** Where lines go: `out` below warn, `err` from warn up. */
export interface LogStreams {
  out: DestinationStream;
  err: DestinationStream;
}

function standardStreams(format: LogFormat): LogStreams {
  if (format === "json") return { out: pino.destination({ fd: 1, sync: true }), err: pino.destination({ fd: 2, sync: true }) };
  // pino-pretty as a plain stream, not a transport: no worker thread, works under test forks.
  const pretty = createRequire(import.meta.url)("pino-pretty") as (o: object) => DestinationStream;
  const to = (fd: number) => pretty({ destination: fd, sync: true, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss.l" });
  return { out: to(1), err: to(2) };
}

/** A pino logger with Skirmish's line shape; `streams` replaces stdout/stderr (tests). */
export function createLogger({ level, format }: LogSettings, streams: LogStreams = standardStreams(format)): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`]), censor: "[redacted]" },
    },
    pino.multistream(
      [
        { level: "trace", stream: streams.out },
        { level: "warn", stream: streams.err },
      ],
      { dedupe: true },
    ),
  );
}

let current: Logger = createLogger({ level: "info", format: "json" });

/** Use the configured level and format from now on (createServer calls it with its config). */
export function initLog(settings: LogSettings): void {
  current = createLogger(settings);
}

/** The pino logger itself, e.g. for `logger().child({ room })`. */
export function logger(): Logger {
  return current;
}

export const log = {
  info(msg: string, fields: Fields = {}): void {
    current.info(fields, msg);
  },
  warn(msg: string, fields: Fields = {}): void {
    current.warn(fields, msg);
  },
  error(msg: string, fields: Fields = {}): void {
    current.error(fields, msg);
  },
};
