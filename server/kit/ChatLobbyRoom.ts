import { LobbyRoom, type Client } from "colyseus";
import { MAX_CLIENT_FRAMES_PER_SECOND } from "../../shared/constants.ts";
import type { Seat } from "../../shared/kit/seats.ts";
import { kitProtocol } from "../../shared/messages.ts";
import { Msg, RejectReason } from "../../shared/protocol.ts";
import { ClientGuard } from "../net/ClientGuard.ts";
import { FrameGuard } from "../net/FrameGuard.ts";
import { ChatChannel, type ChatSettings } from "./chat/ChatChannel.ts";
import { listen } from "./dispatch.ts";
import { LOBBY_MAX_LISTED, LobbyFilterPace } from "./lobbyFilter.ts";
import { admitLobbyJoin } from "./roomOptions.ts";
import { CLIENT_ADDRESS_HEADER } from "../net/clientAddress.ts";
import { accountIdentity, joiningAccount, type AccountVerifier } from "../auth/joinIdentity.ts";
import { admitModerated } from "../moderation/joinModeration.ts";
import { onModeration } from "../moderation/liveModeration.ts";
import { moderateSeats, type SeatModeration } from "../moderation/RoomModeration.ts";

export interface LobbySettings {
  maxInvalidMessages: number;
  /** Frames a client may send per second (MAX_MESSAGES_PER_SECOND). */
  maxMessagesPerSecond?: number;
  chat: ChatSettings;
  /** Verifies access tokens as game rooms do; absent, a join with a token is refused. */
  accounts?: AccountVerifier;
}

/** What the lobby's onAuth hands onJoin. */
interface LobbyAuth {
  name: string;
  seat?: SeatModeration;
}

/**
 * Colyseus's LobbyRoom (the live list of rooms: `rooms` on join, then `+` and `-`, and the
 * `filter` message) with the kit's chat added, so people browsing rooms can talk.
 * Joining needs `{ name, protocol }`, checked as for game rooms, because a chat line carries
 * the sender's name. A join with an access token is verified as a game room's is: the member
 * chats under the account's name, with its blocks, and a ban keeps them out; anonymous
 * members are still welcome.
 */
export class ChatLobbyRoom extends LobbyRoom {
  protected settings!: LobbySettings;
  // Colyseus's own limit is only a backstop, raised in onCreate above FrameGuard's rate.
  override maxMessagesPerSecond = MAX_CLIENT_FRAMES_PER_SECOND * 4;
  guard!: ClientGuard;
  chat!: ChatChannel;
  /** Everyone in the lobby chats as a player: there are no spectators here. */
  private readonly seats = new Map<string, Seat>();
  private readonly filterPace = new LobbyFilterPace();
  private readonly moderated = new Map<string, SeatModeration>();
  private stopModeration: (() => void) | undefined;

  override async onCreate(options: unknown): Promise<void> {
    await super.onCreate(options);
    this.guard = new ClientGuard(() => this.roomId, this.settings.maxInvalidMessages);
    this.paceFilters();
    const rate = this.settings.maxMessagesPerSecond ?? MAX_CLIENT_FRAMES_PER_SECOND;
    new FrameGuard(() => this.roomId, rate, this.guard).install(this);
    // The bucket admits up to twice its rate in a first second (burst + refill); the backstop sits above that.
    this.maxMessagesPerSecond = rate * 4;
    this.chat = new ChatChannel(this, this.settings.chat, { announceMembership: false, blocks: this.settings.accounts?.moderation });
    this.stopModeration = onModeration(this.presence, (event) => moderateSeats(event, this.clients, this.moderated, this.chat));
    // The kit's chat messages, through the same dispatch as a game room's (server/kit/dispatch.ts).
    const chat = kitProtocol.toServer;
    listen(this, { [Msg.Chat]: chat[Msg.Chat], [Msg.ChatSince]: chat[Msg.ChatSince], [Msg.ChatMute]: chat[Msg.ChatMute], [Msg.ChatBlock]: chat[Msg.ChatBlock] }, this.chat.handlers());
    // Colyseus closes the socket on an unknown type; the kit answers and counts it instead.
    this.onMessage("*", (client, type) => this.guard.reject(client, RejectReason.UnknownType, `no handler for "${String(type)}"`));
  }

  /** Checked by the matchmaker, before a seat is reserved; bound to the host's accounts by lobbyRoomClass. */
  static async admit(accounts: AccountVerifier | undefined, token: string | undefined, options: unknown, context?: { headers?: Headers }): Promise<LobbyAuth> {
    const admitted = admitLobbyJoin(options);
    const account = await joiningAccount(accounts, token);
    const address = context?.headers?.get(CLIENT_ADDRESS_HEADER) ?? "";
    const blocked = await admitModerated(accounts?.moderation, account?.id, address);
    if (!account) return { ...admitted, seat: { address } };
    return { name: account.name, seat: { address, account: { ...account, blocked } } };
  }

  override onJoin(client: Client, options: Record<string, unknown>, auth?: LobbyAuth): void {
    super.onJoin(client, options);
    if (!auth) return;
    this.seats.set(client.sessionId, { id: client.sessionId, name: auth.name, role: "player" });
    if (auth.seat) this.moderated.set(client.sessionId, auth.seat);
    const account = auth.seat?.account;
    this.chat.join(client, auth.name, account ? accountIdentity(account.id) : "", account);
  }

  override onDispose(): void {
    this.stopModeration?.();
    return super.onDispose();
  }

  override onLeave(client: Client): void {
    super.onLeave(client);
    this.seats.delete(client.sessionId);
    this.moderated.delete(client.sessionId);
    this.chat.leave(client.sessionId);
    this.guard.forget(client.sessionId);
    this.filterPace.forget(client.sessionId);
  }

  /** At most LOBBY_MAX_LISTED rooms per listing (on join and on a filter). */
  override filterItemsForClient(options: Parameters<LobbyRoom["filterItemsForClient"]>[0]) {
    return super.filterItemsForClient(options).slice(0, LOBBY_MAX_LISTED);
  }

  /**
   * Replace LobbyRoom's `filter` handler, which answers every filter with the whole list, by
   * a paced one (lobbyFilter.ts). Colyseus has no hook for this: its handler is removed from
   * the room's handler registry (`onMessageEvents`, a private getter that Colyseus keeps for
   * @colyseus/testing's handler swapping). Checked by test/server/lobbyFilter.test.ts.
   */
  private paceFilters(): void {
    const registry = (this as unknown as { onMessageEvents: { events: Record<string, unknown[] | undefined> } }).onMessageEvents;
    if (!registry.events.filter?.length) throw new Error("LobbyRoom's filter handler moved: update ChatLobbyRoom.paceFilters");
    registry.events.filter = [];
    this.onMessage("filter", (client, filter: unknown) => {
      const problem = this.filterPace.problem(client, filter);
      if (problem) return this.guard.reject(client, RejectReason.FilterRateLimited, `filter: ${problem}`);
      const options = (this as unknown as { clientOptions: Record<string, { filter?: unknown } | undefined> }).clientOptions[client.sessionId];
      if (!options) return;
      options.filter = filter;
      client.send("rooms", this.filterItemsForClient(options as Parameters<LobbyRoom["filterItemsForClient"]>[0]));
    });
  }

  seatOf(sessionId: string): Seat | undefined {
    return this.seats.get(sessionId);
  }

  /** The lobby has no owner: no one mutes for everyone here. */
  isOwner(_sessionId: string): boolean {
    return false;
  }
}

/** The lobby room class, bound to the host's settings. */
export function lobbyRoomClass(settings: LobbySettings) {
  return class extends ChatLobbyRoom {
    static override onAuth(token: string | undefined, options: unknown, context?: { headers?: Headers }): Promise<LobbyAuth> {
      return ChatLobbyRoom.admit(settings.accounts, token, options, context);
    }
    protected override settings = settings;
  };
}
