/**
 * Who blocks whom among one chat channel's members, and which account sent each kept line:
 * what the channel needs to leave a line out for the members who block its sender (live
 * lines, the join-time history and `chat_since` answers alike). Lines are matched by account,
 * so a blocked player who rejoins under another session stays hidden.
 */
export class ChatBlocks {
  /** Member session → account id (signed-in members only). */
  private readonly accounts = new Map<string, string>();
  /** Member session → the accounts it blocks. */
  private readonly blocked = new Map<string, Set<string>>();
  /** Kept line id → the account that sent it. */
  private readonly senders = new Map<number, string>();

  join(sessionId: string, accountId: string, blocks: readonly string[]): void {
    this.accounts.set(sessionId, accountId);
    this.blocked.set(sessionId, new Set(blocks));
  }

  leave(sessionId: string): void {
    this.accounts.delete(sessionId);
    this.blocked.delete(sessionId);
  }

  accountOf(sessionId: string): string | undefined {
    return this.accounts.get(sessionId);
  }

  /** A block changed: every member session of `accountId` follows it. */
  change(accountId: string, blockedId: string, on: boolean): void {
    for (const [sessionId, id] of this.accounts) {
      if (id !== accountId) continue;
      const set = this.blocked.get(sessionId)!;
      if (on) set.add(blockedId);
      else set.delete(blockedId);
    }
  }

  /** Line `lineId` was sent by the member `fromSession` (a system line, or an anonymous sender, has no account). */
  sent(lineId: number, fromSession: string): void {
    const account = this.accounts.get(fromSession);
    if (account) this.senders.set(lineId, account);
  }

  dropped(lineId: number): void {
    this.senders.delete(lineId);
  }

  /** Whether `sessionId` must not see line `lineId`. */
  hides(sessionId: string, lineId: number): boolean {
    const sender = this.senders.get(lineId);
    return sender !== undefined && (this.blocked.get(sessionId)?.has(sender) ?? false);
  }
}
