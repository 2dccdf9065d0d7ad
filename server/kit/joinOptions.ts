import { ServerError } from "colyseus";
import { JoinError, PROTOCOL_VERSION } from "../../shared/protocol.ts";
import { validateName } from "../../shared/validate.ts";

export class OptionsError extends Error {
  override name = "OptionsError";
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** Clamp a requested seat count to [min, host limit]; anything not a finite number gets the host limit. */
export function clampSeats(raw: unknown, min: number, hostMax: number): number {
  const requested = typeof raw === "number" && Number.isFinite(raw) ? Math.floor(raw) : hostMax;
  return Math.min(Math.max(requested, min), hostMax);
}

/**
 * onAuth for every kit room: the join options, or a join refused with JoinError.InvalidOptions
 * and a message saying what to fix.
 */
export function authenticateJoin(options: unknown): { name: string } {
  try {
    return parseJoinOptions(options);
  } catch (e) {
    if (e instanceof OptionsError) throw new ServerError(JoinError.InvalidOptions, e.message);
    throw e;
  }
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
