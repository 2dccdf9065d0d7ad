import { randomInt } from "node:crypto";

/**
 * Codes people can read aloud: no 0/O, 1/I/L, or other look-alikes. 5 characters over 30
 * symbols is 24.3 million codes; with lookups rate-limited per address (see codeLookup.ts),
 * finding any live room by enumeration takes days, not minutes.
 */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ2345679";
export const CODE_LENGTH = 5;
const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

export interface CodeEntry {
  roomId: string;
  type: string;
}

/** The private-room code book of this server process: code → room. */
export class PrivateCodes {
  private readonly byCode = new Map<string, CodeEntry>();

  /** A fresh, unused code for a room. */
  issue(entry: CodeEntry): string {
    for (;;) {
      let code = "";
      for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
      if (!this.byCode.has(code)) {
        this.byCode.set(code, entry);
        return code;
      }
    }
  }

  /** The room behind a code, or undefined. Input is normalised (case, spaces). */
  resolve(raw: string): CodeEntry | undefined {
    const code = normaliseCode(raw);
    return code ? this.byCode.get(code) : undefined;
  }

  release(code: string): void {
    this.byCode.delete(code);
  }
}

/** Upper-case and strip spaces; undefined when it cannot be a code at all. */
export function normaliseCode(raw: string): string | undefined {
  const code = raw.replace(/\s+/g, "").toUpperCase();
  return CODE_PATTERN.test(code) ? code : undefined;
}

/** The process-wide code book (rooms of one server process share it). */
export const privateCodes = new PrivateCodes();
