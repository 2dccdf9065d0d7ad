/**
 * Blocks from chat (`/block NAME`, the chat_block message) and from the HTTP routes alike:
 * written to the database, then told to every live room (liveModeration.ts) so the blocker
 * stops hearing the blocked player at once, wherever both are seated.
 */
import { MAX_BLOCKS, type BlockOutcome, type ModerationStore } from "../store/moderationStore.ts";
import { publishModeration } from "./liveModeration.ts";

export type BlockWriter = Pick<ModerationStore, "block" | "unblock">;

/** Why a block was not kept, in words for the player; undefined when it was (or already was). */
export function blockProblem(outcome: BlockOutcome): string | undefined {
  switch (outcome) {
    case "blocked":
    case "already":
      return undefined;
    case "self":
      return "you cannot block yourself";
    case "unknown_account":
      return "that account does not exist";
    case "too_many":
      return `you already block ${MAX_BLOCKS} players; unblock some first`;
  }
}

/** Block or unblock, then tell the rooms. Answers the problem (block refused) or undefined. */
export async function setBlock(store: BlockWriter, accountId: string, blockedId: string, on: boolean): Promise<string | undefined> {
  if (on) {
    const problem = blockProblem(await store.block(accountId, blockedId));
    if (problem) return problem;
  } else {
    await store.unblock(accountId, blockedId);
  }
  await publishModeration({ kind: "block", accountId, blockedId, on });
  return undefined;
}
