/**
 * Moderation's HTTP interface (docs/protocol.md, "Moderation"): the admin's ban bodies, the
 * answers of the block and ban routes, and how a ban's refusal reads. Shared so the menu and
 * the server agree on one shape; the server checks every body against these at the boundary.
 */
import { z } from "zod";

/** An account id as the server issues them (a random UUID); anything else is refused unread. */
export const AccountId = z.uuid({ error: "accountId must be an account id (a UUID)" });

/** Longest ban: ten years, in minutes. */
export const MAX_BAN_MINUTES = 10 * 365 * 24 * 60;

/** A reason players read: 1–200 printable characters (no control characters, no markup). */
export const BanReason = z
  .string({ error: "reason must be a string" })
  .trim()
  .min(1, "reason must be 1 to 200 characters")
  .max(200, "reason must be 1 to 200 characters")
  .regex(/^[^\p{Cc}<>]+$/u, "reason may not hold control characters or < >");

/** POST /api/admin/bans: an account, an address, or both, for `minutes`. */
export const BanRequest = z
  .strictObject({
    accountId: AccountId.optional(),
    address: z.union([z.ipv4(), z.ipv6()], { error: "address must be an IPv4 or IPv6 address" }).optional(),
    reason: BanReason,
    minutes: z.int({ error: "minutes must be a whole number" }).min(1, "minutes must be at least 1").max(MAX_BAN_MINUTES, `minutes must be at most ${MAX_BAN_MINUTES} (ten years)`),
  })
  .refine((b) => b.accountId !== undefined || b.address !== undefined, { error: "give accountId, address, or both" });
export type BanRequest = z.infer<typeof BanRequest>;

/** A ban as the admin routes answer it (times as ISO strings). */
export interface BanView {
  id: string;
  accountId: string | null;
  address: string | null;
  reason: string;
  createdAt: string;
  endsAt: string;
  liftedAt: string | null;
}

/** GET /api/accounts/me/blocks. */
export interface BlockList {
  blocks: Array<{ accountId: string; name: string; since: string }>;
}

/** Error codes of the moderation routes' bodies. */
export const ModerationProblem = {
  UnknownAccount: "unknown_account",
  BlockSelf: "cannot_block_self",
  TooManyBlocks: "too_many_blocks",
  UnknownBan: "unknown_ban",
  Banned: "banned",
} as const;
export type ModerationProblem = (typeof ModerationProblem)[keyof typeof ModerationProblem];

/**
 * A ban's refusal text, as the server sends it (a JoinError.Banned's message, a guest sign-in's
 * 403): the client reads the end and the reason back out of it with `readBanText`.
 * @example banText("2026-12-05T10:00:00.000Z", "cheating") // "banned until 2026-12-05T10:00:00.000Z: cheating"
 */
export const banText = (endsAtIso: string, reason: string): string => `banned until ${endsAtIso}: ${reason}`;

export function readBanText(message: string): { endsAt: string; reason: string } | undefined {
  const m = /banned until (\S+): ([\s\S]*)$/.exec(message);
  return m ? { endsAt: m[1]!, reason: m[2]! } : undefined;
}
