import type { Client } from "colyseus";
import { CHAT_HISTORY_SIZE, type ChatLine } from "../../../shared/chat.ts";
import { MoveError } from "../../../shared/kit/seats.ts";
import type { KitToServer } from "../../../shared/messages.ts";
import { Msg, RejectReason } from "../../../shared/protocol.ts";
import { log } from "../../log.ts";
import { hostMetrics } from "../../metrics/hostMetrics.ts";
import type { Handlers } from "../dispatch.ts";
import { ChatLimiter, type ChatRateSettings, type MuteCause } from "./ChatLimiter.ts";
import { TokenBucket } from "../../net/TokenBucket.ts";
import { createWordFilter, type WordFilter } from "./wordFilter.ts";
import { ChatBlocks } from "./ChatBlocks.ts";
import { setBlock, type BlockWriter } from "../../moderation/chatBlocks.ts";

/** The host's chat settings, from the environment (server/config.ts). */
export interface ChatSettings {
  rate: ChatRateSettings;
  /** Words masked with `*` in every line (CHAT_BLOCKLIST, CHAT_BLOCKLIST_FILE). */
  blocklist: readonly string[];
}

/** What the channel needs from the Colyseus room it lives in. */
export interface ChatHost {
  readonly roomId: string;
  /** The connected clients (a block hides a line from some of them). */
  readonly clients: Iterable<Client>;
  broadcast(type: string, payload: ChatLine, options?: { except?: Client[] }): void;
  /** One member's copy of a line (the spectators' channel); needed only where spectators chat apart. */
  sendTo?(sessionId: string, type: string, payload: ChatLine): void;
  /** Whether this session owns the room (may mute for everyone). */
  isOwner(sessionId: string): boolean;
}

export interface ChatOptions {
  /** Post "<name> joined" and "<name> left" lines (game rooms yes; the lobby's churn would drown its chat). */
  announceMembership: boolean;
  /** Where `chat_block` writes blocks (the accounts' moderation store); absent, blocks are refused. */
  blocks?: BlockWriter;
  /** Spectators' lines go to spectators only (SPECTATOR_CHAT=separate): players never see them. */
  spectatorChannel?: boolean;
  /** Every line as it is posted (the room's replay logs it, docs/replays.md). */
  onLine?(line: ChatLine): void;
}

/** A signed-in member: their account, and the accounts they block (read at join). */
export interface ChatAccount {
  id: string;
  blocked?: readonly string[];
}

export type MuteOutcome = { ok: true } | { ok: false; reason: typeof RejectReason.NotOwner | typeof RejectReason.UnknownPlayer; detail: string };

/** A client may ask for history this often: a burst of 3, then one per 5 s (each answer is up to 50 lines). */
const HISTORY_REQUESTS = { burst: 3, perSecond: 0.2 };

/**
 * One room's chat: everyone in the room (players and spectators) hears every line, except
 * spectators' own lines when the room keeps them apart (`spectatorChannel`): those go to
 * spectators only, marked `channel: "spectators"`, and are left out of players' history.
 * Names and times are stamped here from the seat and the server clock, never from the
 * message; ids increase by one per line so clients de-duplicate and spot gaps; the last
 * CHAT_HISTORY_SIZE lines are kept for joiners and for reconnecting clients (`chat_since`).
 * Handles `chat`, `chat_since` and `chat_mute` (`handlers()`), through the room's dispatch.
 */
export class ChatChannel {
  private readonly members = new Map<string, string>();
  /** Members seated as spectators. */
  private readonly spectators = new Set<string>();
  /** Members' moderation identities, and the owner's mutes by identity (kept for the room's lifetime). */
  private readonly identities = new Map<string, string>();
  private readonly ownerMutes = new Map<string, number>();
  private readonly history: ChatLine[] = [];
  private readonly limiter: ChatLimiter;
  private readonly historyRequests = new Map<string, TokenBucket>();
  private readonly filter: WordFilter;
  /** Who blocks whom among the members, and which account sent each kept line. */
  private readonly blocks = new ChatBlocks();
  private lastId = 0;

  constructor(
    private readonly host: ChatHost,
    settings: ChatSettings,
    private readonly options: ChatOptions,
    /** Monotonic ms, for rates and mutes. */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.limiter = new ChatLimiter(settings.rate, now);
    this.filter = createWordFilter(settings.blocklist);
  }

  /**
   * A member arrives under their seat name: they get the kept lines, in order. An owner's mute
   * of the same `identity` (the client address until accounts exist) still holds: leaving and
   * rejoining does not lift it.
   */
  join(client: Client, name: string, identity = "", account?: ChatAccount, role: "player" | "spectator" = "player"): void {
    this.members.set(client.sessionId, name);
    if (role === "spectator") this.spectators.add(client.sessionId);
    if (account) this.blocks.join(client.sessionId, account.id, account.blocked ?? []);
    if (identity !== "") this.identities.set(client.sessionId, identity);
    const until = this.ownerMutes.get(identity);
    if (until !== undefined && until > this.now()) this.limiter.mute(client.sessionId, until - this.now(), "owner");
    client.send(Msg.ChatHistory, this.since(0, client.sessionId));
    if (this.options.announceMembership) this.announce(`${name} joined`);
  }

  /** A member has left for good (not a dropped connection that may come back). */
  leave(sessionId: string): void {
    const name = this.members.get(sessionId);
    if (name === undefined) return;
    this.members.delete(sessionId);
    this.spectators.delete(sessionId);
    this.identities.delete(sessionId);
    this.blocks.leave(sessionId);
    this.limiter.forget(sessionId);
    this.historyRequests.delete(sessionId);
    if (this.options.announceMembership) this.announce(`${name} left`);
  }

  /** A system line from the room itself (joins, kills, rounds). */
  announce(text: string): void {
    this.post({ from: "", name: "", text, kind: "system" });
  }

  /**
   * Mute `target` for everyone for `minutes` (0 lifts it), on behalf of `issuer`, who must own
   * the room. The room hears about it, so a mute is never secret.
   */
  muteForEveryone(issuer: string, target: string, minutes: number): MuteOutcome {
    if (!this.host.isOwner(issuer)) return { ok: false, reason: RejectReason.NotOwner, detail: "only the room's owner can mute for everyone" };
    const name = this.members.get(target);
    if (name === undefined) return { ok: false, reason: RejectReason.UnknownPlayer, detail: "no such player in this room" };
    this.limiter.mute(target, minutes * 60_000, "owner");
    const identity = this.identities.get(target);
    if (identity !== undefined) {
      if (minutes > 0) this.ownerMutes.set(identity, this.now() + minutes * 60_000);
      else this.ownerMutes.delete(identity);
    }
    log.info("chat mute", { room: this.host.roomId, session: target, by: issuer, minutes });
    this.announce(minutes > 0 ? `${name} was muted by the room owner for ${minutes} min` : `${name} may chat again`);
    return { ok: true };
  }

  /** Whether this member's account blocks the sender of line `lineId` (it is not sent to them). */
  hidesFrom(sessionId: string, lineId: number): boolean {
    return this.blocks.hides(sessionId, lineId);
  }

  /**
   * The kept lines with an id above `after`, oldest first, as `sessionId` may see them: without
   * the spectators' channel for a player, without the lines of accounts it blocks.
   */
  since(after: number, sessionId?: string): ChatLine[] {
    const all = sessionId === undefined || this.spectators.has(sessionId);
    return this.history.filter((line) => line.id > after && (all || line.channel !== "spectators") && (sessionId === undefined || !this.blocks.hides(sessionId, line.id)));
  }

  /** A block changed (from any room, any process): members of `accountId` stop or start hearing `blockedId`. */
  blockChanged(accountId: string, blockedId: string, on: boolean): void {
    this.blocks.change(accountId, blockedId, on);
  }

  /** The chat messages' handlers, for the room's dispatch (server/kit/dispatch.ts); payloads are already checked. */
  handlers(): Handlers<Pick<KitToServer, typeof Msg.Chat | typeof Msg.ChatSince | typeof Msg.ChatMute | typeof Msg.ChatBlock>> {
    return {
      [Msg.Chat]: { spectators: true, handle: (client, _seat, text) => this.onChat(client, text) },
      [Msg.ChatSince]: { spectators: true, handle: (client, _seat, m) => this.onSince(client, m.after) },
      [Msg.ChatMute]: { spectators: true, handle: (client, _seat, m) => this.onMute(client, m.target, m.minutes) },
      [Msg.ChatBlock]: { spectators: true, handle: (client, _seat, m) => this.onBlock(client, m.target, m.on) },
    };
  }

  private onChat(client: Client, text: string): void {
    const name = this.members.get(client.sessionId);
    if (name === undefined) return;
    const verdict = this.limiter.check(client.sessionId);
    if (!verdict.ok) {
      hostMetrics.chatRefused(verdict.kind);
      // Pace, not malice: answered, never counted by the guard.
      if (verdict.kind === "rate_limited") throw new MoveError(RejectReason.ChatRateLimited, `slow down: you can send again in ${seconds(verdict.retryMs)} s`);
      if (verdict.fresh) log.warn("chat flood mute", { room: this.host.roomId, session: client.sessionId, seconds: seconds(verdict.remainingMs) });
      throw new MoveError(RejectReason.ChatMuted, muteDetail(verdict.cause, verdict.remainingMs));
    }
    const apart = this.options.spectatorChannel === true && this.spectators.has(client.sessionId) && this.host.sendTo !== undefined;
    this.post({ from: client.sessionId, name, text, kind: "player", ...(apart ? { channel: "spectators" as const } : {}) });
  }

  private onSince(client: Client, after: number): void {
    if (!this.members.has(client.sessionId)) return;
    if (!this.historyBucket(client.sessionId).take()) throw new MoveError(RejectReason.ChatRateLimited, "history asked for too often");
    client.send(Msg.ChatHistory, this.since(after, client.sessionId));
  }

  private onMute(client: Client, target: string, minutes: number): void {
    if (!this.members.has(client.sessionId)) return;
    const done = this.muteForEveryone(client.sessionId, target, minutes);
    if (!done.ok) throw new MoveError(done.reason, done.detail);
  }

  /**
   * Block or unblock the account seated as `target`, kept on the sender's account. Checked
   * here (both signed in, a member), written beside the room; a refusal arrives as Rejected.
   */
  private onBlock(client: Client, target: string, on: boolean): void {
    const by = this.blocks.accountOf(client.sessionId);
    if (!by || !this.options.blocks) throw new MoveError(RejectReason.BlockRefused, "sign in to block players; /mute hides them on this screen");
    if (!this.members.has(target)) throw new MoveError(RejectReason.UnknownPlayer, "no such player in this room");
    const blocked = this.blocks.accountOf(target);
    if (!blocked) throw new MoveError(RejectReason.BlockRefused, "that player is not signed in; /mute hides them on this screen");
    if (blocked === by) throw new MoveError(RejectReason.BlockRefused, "you cannot block yourself");
    void setBlockFromChat(this.options.blocks, by, blocked, on).then((problem) => {
      if (problem) client.send(Msg.Rejected, { reason: RejectReason.BlockRefused, detail: problem });
    });
  }

  private post(line: Omit<ChatLine, "id" | "at">): void {
    const full: ChatLine = { ...line, name: this.filter(line.name), text: this.filter(line.text), id: ++this.lastId, at: Date.now() };
    this.history.push(full);
    this.blocks.sent(full.id, line.from);
    this.options.onLine?.(full);
    if (this.history.length > CHAT_HISTORY_SIZE) this.blocks.dropped(this.history.shift()!.id);
    // Filtered per recipient: a member who blocks the sender's account never receives the line.
    if (full.channel === "spectators") {
      for (const id of this.spectators) if (!this.blocks.hides(id, full.id)) this.host.sendTo!(id, Msg.Chat, full);
      return;
    }
    const except = [...this.host.clients].filter((c) => this.blocks.hides(c.sessionId, full.id));
    this.host.broadcast(Msg.Chat, full, except.length > 0 ? { except } : undefined);
  }

  private historyBucket(id: string): TokenBucket {
    let bucket = this.historyRequests.get(id);
    if (!bucket) {
      bucket = new TokenBucket(HISTORY_REQUESTS.burst, HISTORY_REQUESTS.perSecond, this.now);
      this.historyRequests.set(id, bucket);
    }
    return bucket;
  }
}

/** Write the block; a database failure is the player's problem text too, never a crash. */
async function setBlockFromChat(store: BlockWriter, by: string, blocked: string, on: boolean): Promise<string | undefined> {
  try {
    return await setBlock(store, by, blocked, on);
  } catch (e) {
    log.warn("chat block not written", { error: e instanceof Error ? e.message : String(e) });
    return "accounts are unavailable right now; try again shortly";
  }
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

function muteDetail(cause: MuteCause, remainingMs: number): string {
  const why = cause === "flooding" ? "for sending too many messages" : "by the room owner";
  return `you are muted ${why} for another ${seconds(remainingMs)} s`;
}
