import { randomInt } from "node:crypto";
import { matchMaker, type Presence } from "colyseus";

/**
 * Codes people can read aloud: no 0/O, 1/I/L, or other look-alikes. 5 characters over 30
 * symbols is 24.3 million codes; with lookups rate-limited per address (see codeLookup.ts),
 * finding any live room by enumeration takes days, not minutes.
 */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ2345679";
export const CODE_LENGTH = 5;
const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** Presence hashes: code → JSON CodeEntry, and code → claim count (HINCRBY makes a claim atomic). */
const CODES_KEY = "skirmish:codes";
const CLAIMS_KEY = "skirmish:code-claims";

export interface CodeEntry {
  roomId: string;
  type: string;
}

/**
 * The private-room code book, kept on Colyseus presence: in memory for one process, in
 * Redis (RedisPresence) when several share it, so every process resolves every code.
 */
export class PrivateCodes {
  constructor(private readonly presence: () => Presence) {}

  /** A fresh, unused code for a room. The claim is atomic across processes. */
  async issue(entry: CodeEntry): Promise<string> {
    for (;;) {
      let code = "";
      for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
      if ((await this.presence().hincrby(CLAIMS_KEY, code, 1)) !== 1) continue;
      await this.presence().hset(CODES_KEY, code, JSON.stringify(entry));
      return code;
    }
  }

  /** The room behind a code, or undefined. Input is normalised (case, spaces). */
  async resolve(raw: string): Promise<CodeEntry | undefined> {
    const code = normaliseCode(raw);
    if (!code) return undefined;
    const stored = await this.presence().hget(CODES_KEY, code);
    return stored ? parseEntry(stored) : undefined;
  }

  async release(code: string): Promise<void> {
    await this.presence().hdel(CODES_KEY, code);
    await this.presence().hdel(CLAIMS_KEY, code);
  }
}

function parseEntry(stored: string): CodeEntry | undefined {
  try {
    const v = JSON.parse(stored) as Partial<CodeEntry>;
    return typeof v.roomId === "string" && typeof v.type === "string" ? { roomId: v.roomId, type: v.type } : undefined;
  } catch {
    return undefined;
  }
}

/** Upper-case and strip spaces; undefined when it cannot be a code at all. */
export function normaliseCode(raw: string): string | undefined {
  const code = raw.replace(/\s+/g, "").toUpperCase();
  return CODE_PATTERN.test(code) ? code : undefined;
}

/** The code book of the server's presence (set up by the server before any room exists). */
export const privateCodes = new PrivateCodes(() => matchMaker.presence);
