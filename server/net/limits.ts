/**
 * Pure helpers for the host's access settings, shared by config.ts (validation at start)
 * and the access gate (checks at every request). No Node APIs, no state.
 */
import { CHAT_MAX_LENGTH } from "../../shared/chat.ts";
import type { Result } from "../../shared/registry.ts";

/** A chat frame's worst case: every code point 4 bytes in UTF-8, plus the frame's header and msgpack framing. */
const FRAME_OVERHEAD_BYTES = 64;

/** The smallest MAX_PAYLOAD_BYTES that still carries a chat message of CHAT_MAX_LENGTH code points. */
export function minPayloadBytes(): number {
  return CHAT_MAX_LENGTH * 4 + FRAME_OVERHEAD_BYTES;
}

/**
 * ALLOWED_ORIGINS as a list of exact origins (`scheme://host[:port]`, no path), or undefined
 * when unset (the gate then allows only the page's own origin).
 * @example parseAllowedOrigins("https://play.example.com, http://localhost:5173")
 */
export function parseAllowedOrigins(raw: string | undefined): Result<readonly string[] | undefined> {
  if (raw === undefined || raw.trim() === "") return { ok: true, value: undefined };
  const origins: string[] = [];
  for (const part of raw.split(",")) {
    const o = part.trim();
    if (o === "") continue;
    let parsed: URL;
    try {
      parsed = new URL(o);
    } catch {
      return { ok: false, error: `"${o}" is not an origin like https://example.com` };
    }
    if (parsed.origin === "null" || parsed.origin !== o) {
      return { ok: false, error: `"${o}" must be exactly scheme://host[:port], with no path or trailing slash (did you mean "${parsed.origin}"?)` };
    }
    origins.push(o);
  }
  return { ok: true, value: origins };
}
