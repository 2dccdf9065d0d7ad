import { checkChatText, type ChatLine } from "../../shared/chat.ts";
import { assertNever, Msg, RejectReason } from "../../shared/protocol.ts";
import { messagesOf, type MessageChannel } from "./messages.ts";
import { CHAT_HELP, parseChatInput } from "./chatCommands.ts";

/** The part of an SDK room chat uses; any Colyseus room (game room or lobby) is one. */
export interface ChatConnection extends MessageChannel {
  readonly sessionId: string;
  onReconnect(callback: () => void): unknown;
}

/** Lines kept on screen; older ones scroll away. */
const MAX_KEPT = 200;

/** Refusals that concern chat, shown to the player as a notice beside the input. */
const CHAT_REASONS: ReadonlySet<string> = new Set([
  RejectReason.ChatEmpty,
  RejectReason.ChatTooLong,
  RejectReason.ChatRateLimited,
  RejectReason.ChatMuted,
  RejectReason.NotOwner,
  RejectReason.UnknownPlayer,
  RejectReason.BlockRefused,
]);

/**
 * The chat of one room connection, knowing nothing of the DOM. It keeps the lines in id order,
 * drops any it already has (history on join, `chat_since` answers and live lines overlap), asks
 * for what it missed whenever the connection (re)starts, and holds this player's own mutes.
 */
export class ChatClient {
  private lines: ChatLine[] = [];
  private readonly seen = new Set<number>();
  /** Every line with an id up to this one is here (or gone from the server for good). */
  private complete = 0;
  /** Lines at or below this id scrolled away; they are not taken back. */
  private floor = 0;
  private readonly muted = new Map<string, string>();
  private readonly changeListeners: Array<(added: readonly ChatLine[]) => void> = [];
  private readonly noticeListeners: Array<(text: string) => void> = [];
  private readonly net;

  constructor(private readonly conn: ChatConnection) {
    this.net = messagesOf(conn);
    this.net.on(Msg.Chat, (line) => this.add([line]));
    this.net.on(Msg.ChatHistory, (lines) => this.addHistory(lines));
    this.net.on(Msg.Rejected, (r) => {
      if (CHAT_REASONS.has(r.reason)) this.notice(r.detail);
    });
    conn.onReconnect(() => this.sync());
    // The join-time history may have arrived before this client listened; ask again (duplicates are dropped).
    this.sync();
  }

  get sessionId(): string {
    return this.conn.sessionId;
  }

  /** The lines to show, oldest first, without those of players muted on this screen. */
  visible(): ChatLine[] {
    return this.lines.filter((l) => !this.muted.has(l.from));
  }

  /** Highest id below which nothing is missing: what a reconnect asks to continue from. */
  get lastCompleteId(): number {
    return this.complete;
  }

  onChange(listener: (added: readonly ChatLine[]) => void): void {
    this.changeListeners.push(listener);
  }

  onNotice(listener: (text: string) => void): void {
    this.noticeListeners.push(listener);
  }

  /** Ask the server for every kept line after the last complete one. */
  sync(): void {
    this.net.send(Msg.ChatSince, { after: this.complete });
  }

  /**
   * Handle what the player typed: a message or a command. Returns a problem to show, or
   * undefined when it was sent or done.
   */
  submit(raw: string): string | undefined {
    const input = parseChatInput(raw);
    switch (input.kind) {
      case "say": {
        const text = checkChatText(input.text);
        if (!text.ok) return text.error;
        this.net.send(Msg.Chat, { text: text.value });
        return undefined;
      }
      case "mute":
      case "unmute": {
        const who = this.senderNamed(input.name);
        if (!who) return `no one called ${input.name} has chatted here`;
        if (input.kind === "mute") this.mute(who.from, who.name);
        else this.unmute(who.from);
        return undefined;
      }
      case "block": {
        const who = this.senderNamed(input.name);
        if (!who) return `no one called ${input.name} has chatted here`;
        // The server keeps it and filters; hiding here too covers the lines already on screen.
        this.net.send(Msg.ChatBlock, { target: who.from, on: input.on });
        if (input.on) this.mute(who.from, who.name);
        else this.unmute(who.from);
        return undefined;
      }
      case "muteAll": {
        const who = this.senderNamed(input.name);
        if (!who) return `no one called ${input.name} has chatted here`;
        this.net.send(Msg.ChatMute, { target: who.from, minutes: input.minutes });
        return undefined;
      }
      case "help":
        this.notice(CHAT_HELP);
        return undefined;
      case "error":
        return input.message;
      default:
        return assertNever(input);
    }
  }

  /** Hide a player's lines on this screen (the server and everyone else are unaffected). */
  mute(sessionId: string, name: string): void {
    if (sessionId === "" || sessionId === this.conn.sessionId) return;
    this.muted.set(sessionId, name);
    this.notice(`${name} is muted for you (/unmute ${name} to undo)`);
    this.emit([]);
  }

  unmute(sessionId: string): void {
    const name = this.muted.get(sessionId);
    if (name === undefined) return;
    this.muted.delete(sessionId);
    this.notice(`${name} is no longer muted`);
    this.emit([]);
  }

  isMuted(sessionId: string): boolean {
    return this.muted.has(sessionId);
  }

  private addHistory(lines: ChatLine[]): void {
    // The server answers with every line it keeps after the id asked for; a jump past
    // `complete` means the lines between are gone from the server too, so stop waiting for them.
    const first = lines.reduce((min, l) => Math.min(min, l.id), Infinity);
    if (first !== Infinity) this.complete = Math.max(this.complete, first - 1);
    this.add(lines);
  }

  private add(incoming: readonly ChatLine[]): void {
    const added = incoming.filter((l) => l.id > this.floor && !this.seen.has(l.id));
    if (added.length === 0) return;
    for (const l of added) this.seen.add(l.id);
    this.lines.push(...added);
    this.lines.sort((a, b) => a.id - b.id);
    while (this.lines.length > MAX_KEPT) {
      const old = this.lines.shift()!;
      this.seen.delete(old.id);
      this.floor = old.id;
    }
    if (this.complete === 0 && this.lines[0]) this.complete = this.lines[0].id - 1;
    while (this.seen.has(this.complete + 1) || this.complete + 1 <= this.floor) this.complete++;
    this.emit(added.filter((l) => !this.muted.has(l.from)));
  }

  /** The most recent sender with this name (names are not unique; the latest is the one meant). */
  private senderNamed(name: string): { from: string; name: string } | undefined {
    const wanted = name.trim().toLowerCase();
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const l = this.lines[i]!;
      if (l.kind === "player" && l.name.toLowerCase() === wanted) return { from: l.from, name: l.name };
    }
    return undefined;
  }

  private emit(added: readonly ChatLine[]): void {
    for (const l of this.changeListeners) l(added);
  }

  private notice(text: string): void {
    for (const l of this.noticeListeners) l(text);
  }
}
