/** Structured one-line logs. Never pass tokens or message bodies: ids and reasons only. */
type Fields = Record<string, string | number | boolean | undefined>;

function line(level: string, msg: string, fields: Fields): string {
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === "string" && /\s/.test(v) ? JSON.stringify(v) : String(v)}`);
  return `${new Date().toISOString()} ${level} ${msg}${parts.length ? " " + parts.join(" ") : ""}`;
}

const quiet = process.env.LOG_LEVEL === "silent";

export const log = {
  info(msg: string, fields: Fields = {}): void {
    if (!quiet) console.log(line("info", msg, fields));
  },
  warn(msg: string, fields: Fields = {}): void {
    if (!quiet) console.warn(line("warn", msg, fields));
  },
};
