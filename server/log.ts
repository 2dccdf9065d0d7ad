/**
 * Structured one-line logs. Never pass tokens or message bodies (chat text included): ids
 * and reasons only. Room and session ids go in the `room` and `session` fields.
 *
 * Format: LOG_FORMAT=json writes one JSON object per line ({ time, level, msg, ...fields }),
 * for a log collector; LOG_FORMAT=pretty writes `time level msg key=value ...` for people.
 * Unset, it is json when NODE_ENV=production and pretty otherwise. LOG_LEVEL=silent mutes it.
 */
type Fields = Record<string, string | number | boolean | undefined>;
type Level = "info" | "warn" | "error";

function pretty(time: string, level: Level, msg: string, fields: Fields): string {
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === "string" && /\s/.test(v) ? JSON.stringify(v) : String(v)}`);
  return `${time} ${level} ${msg}${parts.length ? " " + parts.join(" ") : ""}`;
}

function json(time: string, level: Level, msg: string, fields: Fields): string {
  return JSON.stringify({ time, level, msg, ...fields });
}

/** The line format for an environment (exported for the tests). */
export function logFormat(env: Record<string, string | undefined> = process.env): "json" | "pretty" {
  const chosen = env.LOG_FORMAT?.trim();
  if (chosen === "json" || chosen === "pretty") return chosen;
  return env.NODE_ENV === "production" ? "json" : "pretty";
}

/** One log line in a format (exported for the tests). */
export function formatLine(format: "json" | "pretty", level: Level, msg: string, fields: Fields, time = new Date().toISOString()): string {
  return (format === "json" ? json : pretty)(time, level, msg, fields);
}

const quiet = process.env.LOG_LEVEL === "silent";
const chosen = logFormat();

function write(level: Level, msg: string, fields: Fields): void {
  if (quiet) return;
  const text = formatLine(chosen, level, msg, fields);
  if (level === "info") console.log(text);
  else if (level === "warn") console.warn(text);
  else console.error(text);
}

export const log = {
  info(msg: string, fields: Fields = {}): void {
    write("info", msg, fields);
  },
  warn(msg: string, fields: Fields = {}): void {
    write("warn", msg, fields);
  },
  error(msg: string, fields: Fields = {}): void {
    write("error", msg, fields);
  },
};
