/**
 * Validation of what a client sends, at the edge, before it reaches a rule.
 * Hand-written rather than zod on the input path: it runs at the tick rate for every
 * client and must not allocate. Each function returns a typed value or a reason.
 */
import { MAX_NAME_LENGTH } from "./constants.ts";
import type { Intent } from "./arena/world.ts";

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: string): Result<T> => ({ ok: false, error });

const isDirection = (v: unknown): boolean => v === -1 || v === 0 || v === 1;

/**
 * Why an intent is invalid, or undefined when it is fine. Returns a reason instead of a
 * Result so the per-tick path allocates nothing for the common, valid case.
 */
export function intentProblem(intent: Intent): string | undefined {
  if (!isDirection(intent.dx) || !isDirection(intent.dy)) return "dx and dy must each be -1, 0 or 1";
  if (typeof intent.aim !== "number" || !Number.isFinite(intent.aim)) return "aim must be a finite angle";
  if (typeof intent.fire !== "boolean") return "fire must be a boolean";
  return undefined;
}

const NAME_PATTERN = /^[A-Za-z0-9 _-]+$/;

/** A display name: 1–16 letters, digits, spaces, `_` or `-`, trimmed. */
export function validateName(raw: unknown): Result<string> {
  if (typeof raw !== "string") return fail("name must be a string");
  const name = raw.trim();
  if (name.length < 1 || name.length > MAX_NAME_LENGTH) return fail(`name must be 1 to ${MAX_NAME_LENGTH} characters`);
  if (!NAME_PATTERN.test(name)) return fail("name may hold only letters, digits, spaces, _ and -");
  return ok(name);
}
