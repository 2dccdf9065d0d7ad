import { MAPS, DEFAULT_MAP_ID, type ArenaMap } from "../../shared/arena/maps.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol.ts";
import { validateName } from "../../shared/validate.ts";

/** What the host allows, from server/config.ts. */
export interface ArenaSettings {
  maxPlayers: number;
  maxInvalidMessages: number;
}

export interface ArenaCreateOptions {
  map: ArenaMap;
  maxPlayers: number;
}

export class OptionsError extends Error {
  override name = "OptionsError";
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/**
 * Room options from the client who creates the room, clamped to what the host allows.
 * Unknown maps fall back to the default; sizes are clamped, never trusted.
 */
export function parseCreateOptions(raw: unknown, settings: ArenaSettings): ArenaCreateOptions {
  const o = isObject(raw) ? raw : {};
  const map = (typeof o.map === "string" && MAPS[o.map]) || MAPS[DEFAULT_MAP_ID]!;
  const requested = typeof o.maxPlayers === "number" && Number.isFinite(o.maxPlayers) ? Math.floor(o.maxPlayers) : settings.maxPlayers;
  const maxPlayers = Math.min(Math.max(requested, 2), settings.maxPlayers);
  return { map, maxPlayers };
}

/** A joining player's options: the protocol version must match and the name must be valid. */
export function parseJoinOptions(raw: unknown): { name: string } {
  const o = isObject(raw) ? raw : {};
  if (o.protocol !== PROTOCOL_VERSION) {
    throw new OptionsError(`client protocol ${String(o.protocol)} does not match server protocol ${PROTOCOL_VERSION}; reload the page`);
  }
  const name = validateName(o.name);
  if (!name.ok) throw new OptionsError(name.error);
  return { name: name.value };
}
