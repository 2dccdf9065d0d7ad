/**
 * The ranked queue: Colyseus 0.18's QueueRoom, kept for what it does well (a matching pass per
 * cycle over the tickets sorted by rank, groups of `maxPlayers`, a seat reserved for every
 * member of a ready group in a new match room with the member's auth, the "seat"/"confirm"
 * hand-off), with the parts it leaves open filled in:
 * - the rank is the account's rating read from the store, never a number the client sends;
 * - `compare` is the widening window of ratingWindow.ts, and QueueRoom's "high priority"
 *   (match anyone after N cycles) is off: RANKED_WINDOW_MAX is the widest a match gets;
 * - a `queue_status` each cycle with the estimated wait;
 * - the messages go through the kit's dispatch (validated, counted, named refusals);
 * - one ticket per account, refused with QueueError.AlreadyQueued;
 * - the match room is private (unlisted), so quick play cannot take a ranked seat.
 * Leaving or disconnecting cancels a ticket at once: there is no reconnection window here.
 */
import { matchMaker, QueueRoom, ServerError, type Client, type IRoomCache, type QueueClientData, type QueueMatchGroup, type QueueOptions } from "colyseus";
import { JoinError, RejectReason } from "../../shared/protocol.ts";
import { QueueError, QueueJoinOptions, QueueMsg, RANKED_GAMES, rankedProtocol } from "../../shared/ranked/protocol.ts";
import { refusalOf } from "../../shared/registry.ts";
import { log } from "../log.ts";
import { ClientGuard } from "../net/ClientGuard.ts";
import { accountIdentity, joiningAccount, type AccountVerifier } from "../auth/joinIdentity.ts";
import { listen } from "../kit/dispatch.ts";
import { SOCIAL_MESSAGES_PER_SECOND } from "../party/PartyRoom.ts";
import type { JoinAuth } from "../kit/KitRoom.ts";
import type { RatingStore } from "../store/ratingStore.ts";
import { canMeet, estimateSeconds, secondsWaited, windowAfter, type Waiting, type WindowSettings } from "./ratingWindow.ts";

export interface RankedSettings {
  accounts?: AccountVerifier & { ratings: Pick<RatingStore, "ratingsOf"> };
  /** Every room type name this server runs (to tell an unknown game from an unranked one). */
  roomTypes: readonly string[];
  /** Players per match by game, where the host overrides RANKED_GAMES (RANKED_ARENA_PLAYERS). */
  players?: Readonly<Record<string, number>>;
  window: WindowSettings;
  maxInvalidMessages: number;
}

/**
 * QueueRoom only compares a ticket with a group whose average rank is above 0, and openskill
 * ordinals start at 0 and go negative: ranks are offset so every one is positive.
 */
const RANK_OFFSET = 1_000_000;
/** Matched waits kept for the estimate of a ticket with no one in reach. */
const RECENT_WAITS = 20;

interface Ticket extends QueueClientData {
  rating: number;
  accountId: string;
}

const ticketOf = (client: Client): Ticket | undefined => client.userData as Ticket | undefined;
const waitingOf = (t: Ticket): Waiting => ({ rating: t.rating, cycles: t.currentCycle ?? 0 });

export function rankedQueueClass(settings: RankedSettings) {
  return class RankedQueueRoom extends QueueRoom {
    /** The matchmaker's check: a valid game with a ranked queue, and a verified account. */
    static override async onAuth(token: string | undefined, options: unknown): Promise<JoinAuth> {
      const parsed = QueueJoinOptions.safeParse(options);
      if (!parsed.success) throw new ServerError(JoinError.InvalidOptions, refusalOf(parsed.error).detail);
      const game = parsed.data.game;
      if (!settings.roomTypes.includes(game)) throw new ServerError(QueueError.UnknownGame, `there is no game "${game.slice(0, 32)}" on this server`);
      if (!RANKED_GAMES[game]) throw new ServerError(QueueError.NotRanked, `${game} has no ranked queue (ranked: ${Object.keys(RANKED_GAMES).join(", ")})`);
      if (!token) throw new ServerError(QueueError.AccountRequired, "the ranked queue needs an account: sign in (a guest is fine)");
      const account = await joiningAccount(settings.accounts, token);
      if (!account) throw new ServerError(QueueError.AccountRequired, "the ranked queue needs an account");
      return { name: account.name, identity: accountIdentity(account.id), account };
    }

    // The kit's dispatch handles "confirm" (validated, counted), registered in onCreate.
    override messages = {} as QueueRoom["messages"];
    readonly guard = new ClientGuard(() => this.roomId, settings.maxInvalidMessages);
    override maxMessagesPerSecond = SOCIAL_MESSAGES_PER_SECOND;
    private game = "";
    private readonly queued = new Set<string>();
    private readonly recentWaits: number[] = [];

    override onCreate(options: QueueOptions & { game: string }): void {
      this.game = options.game;
      // One queue per game stays for the server's life: an empty queue is the normal case, not an end.
      this.autoDispose = false;
      // Out of the lobby's room list (a queue is not a room to join from the browser), still found by joinOrCreate.
      void this.setMatchmaking({ unlisted: true });
      this.cycleTickInterval = settings.window.cycleMs;
      super.onCreate({
        matchRoomName: this.game,
        maxPlayers: this.players(),
        maxWaitingCycles: Number.MAX_SAFE_INTEGER,
        compare: (client, group) => this.compatible(client as Ticket, group),
        onGroupReady: (group) => this.createMatch(group),
      });
      // Never match outside the window, however long the wait: RANKED_WINDOW_MAX bounds it.
      this.maxWaitingCyclesForPriority = undefined;
      listen(this, rankedProtocol.toServer, {
        [QueueMsg.Confirm]: { handle: (client) => this.confirm(client) },
      });
      this.onMessage("*", (client, type) => this.guard.reject(client, RejectReason.UnknownType, `no handler for "${String(type)}"`));
      log.info("ranked queue created", { room: this.roomId, game: this.game });
    }

    /** Every client in the queue sends as a player: dispatch's seat is a formality here. */
    seatOf(sessionId: string) {
      return this.clients.getById(sessionId) ? { id: sessionId, name: "", role: "player" as const } : undefined;
    }

    override async onJoin(client: Client, _options: unknown, auth: JoinAuth): Promise<void> {
      const accountId = auth.account!.id;
      // Checked and taken before the await, so two joins of one account at once cannot both pass.
      if (this.queued.has(accountId)) throw new ServerError(QueueError.AlreadyQueued, "this account is already in the ranked queue (another tab?)");
      this.queued.add(accountId);
      try {
        const rating = (await settings.accounts!.ratings.ratingsOf(accountId))[this.game]?.rating ?? 0;
        const ticket: Ticket = { rank: rating + RANK_OFFSET, rating, accountId, currentCycle: 0, options: {} };
        this.addToQueue(client, ticket);
        this.sendStatus(client);
        log.info("ranked ticket", { room: this.roomId, session: client.sessionId, rating });
      } catch (e) {
        this.queued.delete(accountId);
        throw e;
      }
    }

    override onLeave(client: Client): void {
      const ticket = ticketOf(client);
      if (ticket) this.queued.delete(ticket.accountId);
    }

    override reassignMatchGroups(): void {
      super.reassignMatchGroups();
      for (const client of this.clients) if (ticketOf(client) && !ticketOf(client)!.group?.ready) this.sendStatus(client);
    }

    private players(): number {
      return settings.players?.[this.game] ?? RANKED_GAMES[this.game]!.players;
    }

    /**
     * A ticket joins a forming group when it is within the window of the group's average
     * rating (for a pair, the other's rating), the window being the longest waiter's.
     */
    private compatible(ticket: Ticket, group: QueueMatchGroup): boolean {
      const members = group.clients.map((c) => waitingOf(c.userData as Ticket));
      const average = members.reduce((sum, m) => sum + m.rating, 0) / members.length;
      return canMeet(waitingOf(ticket), { rating: average, cycles: Math.max(...members.map((m) => m.cycles)) }, settings.window);
    }

    private async createMatch(group: QueueMatchGroup): Promise<IRoomCache> {
      for (const c of group.clients) {
        this.recentWaits.push(secondsWaited(c.userData?.currentCycle ?? 0, settings.window));
        if (this.recentWaits.length > RECENT_WAITS) this.recentWaits.shift();
      }
      // Seats for the group alone: nobody else is placed in a ranked match.
      const room = await matchMaker.createRoom(this.matchRoomName, { maxPlayers: this.players() });
      // Unlisted, so quick play never fills a seat reserved for the matched pair.
      await matchMaker.remoteRoomCall(room.roomId, "setPrivate", [true]);
      log.info("ranked match", { room: this.roomId, match: room.roomId, ratings: group.clients.map((c) => (c.userData as Ticket).rating).join(" v ") });
      return room;
    }

    /** QueueRoom's confirm: the client has its seat, so its queue connection is closed. */
    private confirm(client: Client): void {
      const ticket = ticketOf(client);
      if (ticket?.group && typeof ticket.group.confirmed === "number") {
        ticket.confirmed = true;
        ticket.group.confirmed++;
        client.leave();
      }
    }

    private sendStatus(client: Client): void {
      const ticket = ticketOf(client)!;
      const me = waitingOf(ticket);
      const others = this.clients.filter((c) => c !== client && ticketOf(c) && !ticketOf(c)!.group?.ready).map((c) => waitingOf(ticketOf(c)!));
      const waited = secondsWaited(me.cycles, settings.window);
      client.send(QueueMsg.Status, {
        queued: others.length + 1,
        waitedSeconds: waited,
        window: windowAfter(waited, settings.window),
        rating: ticket.rating,
        estimatedSeconds: estimateSeconds(me, others, this.recentWaits, settings.window),
      });
    }
  };
}
