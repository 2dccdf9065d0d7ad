/**
 * The host's word filter: each listed word or phrase, wherever it stands as a whole word
 * (any case), is replaced by one `*` per character. Whole words only, so a blocked "ass"
 * leaves "class" and "assess" alone.
 *
 * It is a courtesy filter, not a moderation system: spacing, look-alike letters and
 * misspellings get past it. Mutes (per player, or by the room owner) are the stronger tool.
 * @example createWordFilter(["heck"])("What the HECK, heckler") // "What the ****, heckler"
 */
export type WordFilter = (text: string) => string;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function createWordFilter(words: readonly string[]): WordFilter {
  const cleaned = [...new Set(words.map((w) => w.trim().toLowerCase()).filter((w) => w.length > 0))];
  if (cleaned.length === 0) return (text) => text;
  // Longest first, so a listed phrase wins over a listed word inside it.
  cleaned.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${cleaned.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}_])`, "giu");
  return (text) => text.replace(pattern, (match) => "*".repeat([...match].length));
}

/** Words from the environment: CHAT_BLOCKLIST is comma-separated; a blocklist file has one per line (`#` starts a comment line). */
export function parseBlocklist(commaSeparated: string | undefined, fileText: string | undefined): string[] {
  const fromEnv = (commaSeparated ?? "").split(",");
  const fromFile = (fileText ?? "").split(/\r?\n/).filter((line) => !line.trimStart().startsWith("#"));
  return [...fromEnv, ...fromFile].map((w) => w.trim()).filter((w) => w.length > 0);
}
