import { randomInt } from "node:crypto";
import { CloseCode as ColyseusClose, Room, ServerError, type Client, type RoomException, type RoomMethodName } from "colyseus";
import { StateView, type Schema } from "@colyseus/schema";
import { INPUT_BUFFER_CAP, INPUT_CATCHUP_THRESHOLD, MAX_CLIENT_FRAMES_PER_SECOND, PATCH_INTERVAL_MS, PING_INTERVAL_MS } from "../../shared/constants.ts";
import type { Seat } from "../../shared/kit/seats.ts";
import type { KitListing } from "../../shared/kit/listing.ts";
import { kitProtocol, type KitToServer } from "../../shared/messages.ts";
import { CloseCode, JoinError, Msg, RejectReason, type RoomInfoMessage } from "../../shared/protocol.ts";
import type { NoMessages, Protocol } from "../../shared/registry.ts";
import { createRng } from "../../shared/rng.ts";
import { log } from "../log.ts";
import { ClientGuard } from "../net/ClientGuard.ts";
import { FrameGuard } from "../net/FrameGuard.ts";
import { InputPace } from "../net/InputPace.ts";
import { IntentLatency } from "./IntentLatency.ts";
import { reportRoomException } from "./crashIsolation.ts";
import type { RoomBudget } from "./RoomBudget.ts";
import { listen, type Handler, type Handlers } from "./dispatch.ts";
import { admitJoin, roomOptionSchemas, type RoomOptionSchemas } from "./roomOptions.ts";
import { seatName } from "../../shared/names.ts";
import { PingTracker } from "../net/PingTracker.ts";
import { SendBacklog } from "../net/SendBacklog.ts";
import { ChatChannel, type ChatHost, type ChatSettings } from "./chat/ChatChannel.ts";
import { Ownership } from "./Ownership.ts";
import { privateCodes } from "./privateCodes.ts";
import { CLIENT_ADDRESS_HEADER } from "../net/clientAddress.ts";
import { MatchRecording, type RecordingSettings } from "./replay/MatchRecording.ts";
import { DEFAULT_SPECTATING, seatRole, type SpectatorSettings } from "./spectate/spectatorSeats.ts";
import { FEED_INTERVAL_MS, SpectatorFeed } from "./spectate/SpectatorFeed.ts";
import { blankStateFrame, blindToState } from "./spectate/stateBlind.ts";
import { disposing, keepLockedWhileFull } from "./spectate/fullRoomWatch.ts";
import { chatNote } from "../../shared/replay/chatNote.ts";
import { MatchResults, type ResultSink } from "./MatchResults.ts";
import { accountIdentity, joiningAccount, type AccountVerifier, type SeatAccount } from "../auth/joinIdentity.ts";
import { ResumeOutbox } from "./resume/ResumeOutbox.ts";
import { SeatTokens } from "./SeatTokens.ts";
import { DEFAULT_RING, resumeHandler, wantsResume } from "./resume/resumeHandler.ts";
import type { RingSettings } from "./resume/ResumeRing.ts";
import { admitModerated, banAgainst, banMessage } from "../moderation/joinModeration.ts";
import { onModeration } from "../moderation/liveModeration.ts";
import { moderateSeats, type SeatModeration } from "../moderation/RoomModeration.ts";
import type { BaseOptions, HostLimits, ListingFields, MessageSpec, RoomServices, RoomType, TickTiming } from "./RoomType.ts";

/** REPLAY_MAX_MINUTES's default: how long a log kept only for spectators runs. */
const DEFAULT_RECORDING_MINUTES = 60;

/** Close codes of a client closed for what it sent: its seat is not held for a reconnect. */
const NOT_HELD: ReadonlySet<number> = new Set([ColyseusClose.WITH_ERROR, CloseCode.TooManyInvalidMessages, CloseCode.MessageTooBig, CloseCode.RateLimited, CloseCode.Banned, CloseCode.SignInRevoked]);

/** SEND_BUFFER_LIMIT_BYTES's default, for rooms built without the host's settings. */
const DEFAULT_SEND_BUFFER_BYTES = 512 * 1024;

/** What a room's onAuth hands onJoin: the checked name, and who to hold a kick or mute against. */
export interface JoinAuth {
  /** The account's name when signed in, else the name the join options gave. */
  name: string;
  /** `account:<id>` when signed in, else the client address the access gate resolved ("" when the join did not pass the gate). */
  identity: string;
  /** The verified account, absent for an anonymous seat. */
  account?: SeatAccount;
  /** The client address the access gate resolved: address bans reach it. */
  address?: string;
  /** The joiner asked to watch (`{ spectate: true }`). */
  spectate?: boolean;
}

export interface KitSettings {
  limits: HostLimits;
  maxInvalidMessages: number;
  /** Seconds a dropped seat is held for its player to reconnect. */
  reconnectSeconds: number;
  /** Bytes held for a slow reader before it is closed (SEND_BUFFER_LIMIT_BYTES); absent: 512 KiB. */
  sendBufferBytes?: number;
  chat: ChatSettings;
  /** Rooms per process (MAX_ROOMS), shared by every room type of one server. */
  rooms?: RoomBudget;
  /** Frames a client may send per second (MAX_MESSAGES_PER_SECOND). */
  maxMessagesPerSecond?: number;
  /** Where replayable room types' matches are stored (REPLAYS); absent: nothing is recorded. */
  replays?: RecordingSettings;
  /** Verifies access tokens; absent, a join with a token is refused and every seat is anonymous. */
  accounts?: AccountVerifier;
  /** Where rated match results are written (the accounts' ratings); absent, nothing is rated. */
  results?: ResultSink;
  /** Each resuming client's ring of reliable messages (RESUME_RING_SIZE, RESUME_RING_SECONDS). */
  resume?: RingSettings;
  /** Spectator seats, delay and chat (SPECTATORS_PER_ROOM...); absent, the defaults. */
  spectators?: SpectatorSettings;
}

/**
 * The machinery every room type runs on: a Colyseus room driven by a RoomType.
 * It owns seats and roles, the tick loop and input buffering, validation of every message,
 * ping measurement and the lobby listing; the room type owns only its rules and state.
 */
export class KitRoom<S extends Schema, O extends BaseOptions, G, I, P extends Protocol = NoMessages> extends Room<{ state: S; input: I }> {
  protected type!: RoomType<S, O, G, I, P>;
  protected optionSchemas!: RoomOptionSchemas<O>;
  protected settings!: KitSettings;

  override inputs = this.defineInputFromType();
  // Colyseus's own limit is only a backstop, raised in setUp above FrameGuard's rate.
  override maxMessagesPerSecond = MAX_CLIENT_FRAMES_PER_SECOND * 4;

  game!: G;
  guard!: ClientGuard;
  frames!: FrameGuard;
  /** Set once the room is closing for a crash or a restart: no more ticks, no seats held. */
  private closingFor: number | undefined;
  private holdsBudget = false;
  chat!: ChatChannel;
  /** Every reliable message to a client goes through here, numbered for resume (resume/ResumeOutbox.ts). */
  outbox!: ResumeOutbox;
  options!: O;
  readonly seats = new Map<string, Seat>();
  /** Each seat's moderation identity (`account:<id>`, or the address of an anonymous seat): kicks stick to it. */
  readonly identities = new Map<string, string>();
  /** The signed-in account of each seat that has one. */
  readonly accounts = new Map<string, SeatAccount>();
  /** Rated results on their way to the database (MatchResults.ts). */
  readonly results = new MatchResults(() => this.roomId, (this.constructor as { resultSink?: ResultSink }).resultSink, () => this.chat.announce("Result saved: this game is rated."));
  private readonly pings = new PingTracker(() => performance.now());
  private readonly tickInputs = new Map<string, I[]>();
  private pace: InputPace | undefined;
  private backlog!: SendBacklog;
  /** How long intents wait in the buffer (/metrics, each client's NetReport); drains a standing backlog. */
  private latency: IntentLatency | undefined;
  private listing: ListingFields = {};
  /** This match's tick log, for a replayable room type (docs/replays.md). */
  private recording: MatchRecording<G, O> | undefined;
  /** The private room's code, "" when public. */
  code = "";
  /** False for a private room created with `rated: false`. */
  private rated = true;
  /** The private room's owner and the players they removed. */
  readonly ownership = new Ownership(this);
  /** Sessions whose old socket Colyseus is closing because their owner reconnected. */
  private readonly replaced = new Set<string>();
  /** Each seat keeps the reconnection token it joined with (SeatTokens.ts). */
  private readonly tokens = new SeatTokens();
  /** Each seat's address and account, for bans reaching live seats (server/moderation/). */
  readonly moderated = new Map<string, SeatModeration>();
  private stopModeration: (() => void) | undefined;
  /** Delayed spectators' tick-log stream, for a real-time replayable type (spectate/SpectatorFeed.ts). */
  private feed: SpectatorFeed | undefined;
  /** What a delayed spectator gets in place of the state: an empty one (spectate/stateBlind.ts). */
  private blankState: Uint8Array | undefined;
  /** Whether spectators may join: public rooms, and private ones created with `spectators: true`. */
  private watchable = true;
  /** Spectators' intents are refused with a reason at most once a second each (server time, ms). */
  private readonly inputRefused = new Map<string, number>();

  /** Runs during construction (a class field), before onCreate, as defineInput requires. */
  private defineInputFromType() {
    const tick = (this.constructor as { roomType?: RoomType<S, O, G, I, P> }).roomType?.tick;
    return tick ? this.defineInput(tick.input, { bufferMaxSize: INPUT_BUFFER_CAP }) : undefined;
  }

  override async onCreate(raw: unknown): Promise<void> {
    // MAX_ROOMS: refused (ServerFull) before anything is set up; given back if setting up throws.
    this.settings.rooms?.take();
    try {
      await this.setUp(raw);
    } catch (e) {
      this.settings.rooms?.release();
      throw e;
    }
    this.holdsBudget = true;
    keepLockedWhileFull(this);
  }

  private async setUp(raw: unknown): Promise<void> {
    const created = this.optionSchemas.creation.parse(raw);
    this.options = created.options;
    this.rated = created.rated;
    this.watchable = created.watchable;
    this.maxClients = this.options.maxPlayers + this.spectating.perRoom;
    this.patchRate = PATCH_INTERVAL_MS;
    this.state = new this.type.state();
    this.guard = new ClientGuard(() => this.roomId, this.settings.maxInvalidMessages);
    const rate = this.settings.maxMessagesPerSecond ?? MAX_CLIENT_FRAMES_PER_SECOND;
    this.frames = new FrameGuard(() => this.roomId, rate, this.guard);
    this.frames.install(this);
    // The bucket admits up to twice its rate in a first second (burst + refill); the backstop sits above that.
    this.maxMessagesPerSecond = rate * 4;
    if (created.private) {
      this.code = await privateCodes.issue({ roomId: this.roomId, type: this.type.name });
      void this.setPrivate(true);
    }
    this.outbox = new ResumeOutbox(this.settings.resume ?? DEFAULT_RING);
    // Chat goes out through the outbox (numbered for resuming clients), and a line is kept from
    // every seat, held ones included, whose account blocks its sender.
    const chatHost: ChatHost = {
      roomId: this.roomId,
      clients: this.clients,
      isOwner: (id: string) => this.isOwner(id),
      broadcast: (type, line, options) =>
        this.outbox.broadcast(type, line, (id) => (options?.except?.some((c) => c.sessionId === id) ?? false) || this.chat.hidesFrom(id, line.id)),
      sendTo: (id, type, line) => this.sendTo(id, type, line),
    };
    this.chat = new ChatChannel(chatHost, this.settings.chat, {
      announceMembership: true,
      blocks: this.settings.accounts?.moderation,
      spectatorChannel: this.spectating.chat === "separate",
      onLine: (line) => this.recording?.record(chatNote(line)),
    });
    this.stopModeration = onModeration(this.presence, (event) => moderateSeats(event, this.clients, this.moderated, this.chat));
    const seed = randomInt(2 ** 31);
    this.game = this.type.create(this.services(seed), this.state, this.options);
    this.startRecording(seed);
    this.startFeed();

    const tick = this.type.tick;
    if (tick) {
      this.pace = new InputPace(tick.rate);
      this.latency = new IntentLatency(this, (id) => this.inputs!.get(id));
      this.setFixedTimestep((ctx) => this.runTick(ctx), tick.rate, { subSteps: tick.subSteps ?? 1 });
    }
    this.clock.setInterval(() => this.probePings(), PING_INTERVAL_MS);
    this.backlog = new SendBacklog(this.settings.sendBufferBytes ?? DEFAULT_SEND_BUFFER_BYTES, this.type.name);
    this.clock.setInterval(() => this.backlog.check(this.clients), PATCH_INTERVAL_MS);
    listen(this, kitProtocol.toServer, this.kitHandlers());
    if (this.type.protocol) listen(this, this.type.protocol.toServer, this.typeHandlers(this.type.protocol));
    this.onMessage("*", (client, type) => this.guard.reject(client, RejectReason.UnknownType, `no handler for "${String(type)}"`));
    this.publishListing();
    log.info("room created", { room: this.roomId, type: this.type.name, maxPlayers: this.options.maxPlayers, seed });
  }

  override onJoin(client: Client, options: unknown, given: JoinAuth | undefined): void {
    // A seat reserved on the server (matchMaker.create without an auth context) skips onAuth: check its options here.
    const auth = typeof given?.name === "string" ? given : { ...admitJoin(this.optionSchemas.admission, options), identity: "" };
    const kick = this.ownership.kickOf(auth.identity);
    if (kick) throw new ServerError(JoinError.Kicked, kick);
    // One account, one seat: a second tab is refused, so a seat is never taken over (docs/accounts.md).
    if (auth.account && [...this.accounts.values()].some((a) => a.id === auth.account!.id)) {
      throw new ServerError(JoinError.AlreadySeated, "this account already has a seat in this room (another tab?)");
    }
    const role = seatRole({
      spectate: auth.spectate === true,
      players: this.playerCount(),
      spectators: this.seats.size - this.playerCount(),
      maxPlayers: this.options.maxPlayers,
      overflowSpectates: this.type.spectators,
      closedToSpectators: !this.watchable,
      perRoom: this.spectating.perRoom,
    });
    const delayed = role === "spectator" && this.feed !== undefined;
    // Before the join is confirmed (when Colyseus sends the first full state): a delayed spectator never gets live state.
    if (delayed) blindToState(client, this.blankState!);
    this.frames.watch(client);
    this.outbox.join(client, wantsResume(options));
    this.tokens.remember(client);
    // Two seats are never called the same: a second "alice" sits as "alice 2".
    const seat: Seat = { id: client.sessionId, name: seatName(auth.name, [...this.seats.values()].map((s) => s.name)), role };
    this.seats.set(client.sessionId, seat);
    this.identities.set(client.sessionId, auth.identity);
    if (auth.account) this.accounts.set(client.sessionId, auth.account);
    this.moderated.set(client.sessionId, { address: auth.address ?? "", account: auth.account });
    if (this.type.views && !delayed) client.view = new StateView();
    this.recording?.seat("join", seat);
    this.type.onJoin(this.game, seat);
    if (this.code) this.ownership.claim(seat.id);
    client.send(Msg.RoomInfo, this.roomInfo());
    if (delayed) this.feed!.start(client);
    this.chat.join(client, seat.name, auth.identity, auth.account, role);
    this.publishListing();
    log.info("seat taken", { room: this.roomId, session: client.sessionId, role });
  }

  /** A connection dropped without a goodbye: hold the seat for a while (not for kicked or abusive clients). */
  override async onDrop(client: Client, code?: number): Promise<void> {
    const seat = this.seats.get(client.sessionId);
    this.outbox.dropped(client.sessionId);
    // Colyseus closes a still-open old socket "with error" when its owner reconnects: hold it.
    const replaced = this.replaced.delete(client.sessionId);
    if (replaced) code = undefined;
    const expelled = this.ownership.wasKicked(client.sessionId) || this.guard.wasKicked(client.sessionId) || this.frames.wasExpelled(client.sessionId);
    if (!seat || expelled || this.closingFor !== undefined || NOT_HELD.has(code ?? 0)) return;
    this.recording?.seat("drop", seat);
    this.type.onDrop?.(this.game, seat);
    this.chat.announce(`${seat.name} lost connection`);
    log.info("seat held", { room: this.roomId, session: client.sessionId, code, seconds: this.settings.reconnectSeconds });
    holdUnconfirmed(client);
    try {
      await this.allowReconnection(client, this.settings.reconnectSeconds);
    } catch {
      // Timed out or the room is closing: Colyseus calls onLeave next, which frees the seat.
    }
  }

  /**
   * A reconnect whose old socket the server still thinks is open (the client noticed the drop
   * first): Colyseus closes the old one as an error, which must still hold the seat.
   */
  override checkReconnectionToken(reconnectionToken: string): string {
    const live = this.clients.find((c) => c.reconnectionToken === reconnectionToken);
    if (live) this.replaced.add(live.sessionId);
    return super.checkReconnectionToken(reconnectionToken);
  }

  override async onReconnect(client: Client): Promise<void> {
    this.backlog.forget(client.sessionId);
    const seat = this.seats.get(client.sessionId);
    if (!seat) return;
    this.tokens.restore(client);
    // Colyseus's reconnect path has no auth hook: a seat whose sign-in was logged out meanwhile is given up
    // here. Closing the socket makes Colyseus refuse the reconnect (the SDK rejects with this code) and free
    // the seat; throwing instead would count as a room crash (crashIsolation.ts).
    const account = this.accounts.get(client.sessionId);
    if (account && !(await this.signInLive(account))) {
      log.info("reconnect refused: sign-in revoked", { room: this.roomId, session: client.sessionId });
      client.leave(CloseCode.SignInRevoked, "this sign-in was logged out; sign in again");
      return;
    }
    const ban = await this.banOfSeat(client.sessionId);
    if (ban) {
      client.leave(CloseCode.Banned, banMessage(ban));
      return;
    }
    this.frames.watch(client);
    this.outbox.reconnected(client);
    this.recording?.seat("back", seat);
    this.type.onReconnect?.(this.game, seat);
    client.send(Msg.RoomInfo, this.roomInfo());
    if (seat.role === "spectator" && this.feed?.watches(client.sessionId)) {
      blindToState(client, this.blankState!);
      this.feed.start(client);
    }
    this.chat.announce(`${seat.name} is back`);
    log.info("seat reclaimed", { room: this.roomId, session: client.sessionId });
  }

  /** A ban placed while the seat was away; a database that does not answer keeps the seat (fail open). */
  private async banOfSeat(sessionId: string) {
    const seat = this.moderated.get(sessionId);
    try {
      return await banAgainst(this.settings.accounts?.moderation, seat?.account?.id, seat?.address ?? "");
    } catch {
      return undefined;
    }
  }

  /** Whether a seat's sign-in is still live; a database that does not answer keeps the seat (fail open). */
  private async signInLive(account: SeatAccount): Promise<boolean> {
    try {
      return (await this.settings.accounts?.store.sessionLive(account.sessionId, account.id)) ?? true;
    } catch (e) {
      log.warn("reconnect could not check its sign-in", { room: this.roomId, error: e instanceof Error ? e.message : String(e) });
      return true;
    }
  }

  override onLeave(client: Client): void {
    this.backlog.forget(client.sessionId);
    const seat = this.seats.get(client.sessionId);
    if (!seat) return;
    this.seats.delete(client.sessionId);
    this.identities.delete(client.sessionId);
    this.accounts.delete(client.sessionId);
    this.outbox.left(client.sessionId);
    this.tokens.forget(client.sessionId);
    this.moderated.delete(client.sessionId);
    this.ownership.left(seat);
    this.recording?.seat("leave", seat);
    this.type.onLeave(this.game, seat);
    client.view?.dispose(); // frees its slot in every state object's visibility bits
    this.chat.leave(client.sessionId);
    this.guard.forget(client.sessionId);
    this.frames.forget(client.sessionId);
    this.pace?.forget(client.sessionId);
    this.latency?.forget(client.sessionId);
    this.pings.forget(client.sessionId);
    this.feed?.forget(client.sessionId);
    this.inputRefused.delete(client.sessionId);
    this.publishListing();
    log.info("seat freed", { room: this.roomId, session: client.sessionId });
  }

  override async onDispose(): Promise<void> {
    // Results still being written land before the room goes (a graceful shutdown waits for this).
    this.stopModeration?.();
    await this.results.settled();
    if (this.holdsBudget) this.settings.rooms?.release();
    this.holdsBudget = false;
    // The log is compressed and written now, off the tick path; a failure is logged, not thrown.
    await this.recording?.finish(this.roomId);
    if (!this.code) return;
    // The code book may live in Redis; a failed release leaves a code the lookup route drops later.
    await privateCodes.release(this.code).catch((e: unknown) => log.warn("code not released", { room: this.roomId, error: e instanceof Error ? e.message : String(e) }));
  }

  override onBeforePatch(): void {
    if (this.closingFor !== undefined) return;
    // Colyseus calls this from its patch timer, outside onUncaughtException's reach.
    try {
      this.type.onBeforePatch?.(this.game);
    } catch (e) {
      this.onUncaughtException(e, "onBeforePatch");
    }
  }

  /** Colyseus's hook for anything the room's own code throws: see crashIsolation.ts. */
  override onUncaughtException(error: RoomException | unknown, method: RoomMethodName | "onBeforePatch"): void {
    if (reportRoomException(this.roomId, error, method) !== "close") return;
    void this.closeFor(CloseCode.RoomCrashed, "the room hit an error and closed; your other games are unaffected");
  }

  /**
   * Close the room: every client is told `code` and `reason` (shown on their screen), no seat
   * is held, and the room is disposed. Used for a crash and for a server restart.
   */
  async closeFor(code: number, reason: string): Promise<void> {
    if (this.closingFor !== undefined) return;
    this.closingFor = code;
    log.warn("room closing", { room: this.roomId, code, reason });
    for (const client of this.clients) client.leave(code, reason);
    await this.disconnect(code);
  }

  /**
   * Whether this session owns the room: the owner may remove a player, or mute one in chat
   * for everyone. Only private rooms have an owner (their creator, then the longest-seated).
   */
  isOwner(sessionId: string): boolean {
    return this.ownership.isOwner(sessionId);
  }

  /** One client's copy of a message (the chat's spectator channel). */
  sendTo(sessionId: string, type: string, payload: unknown): void {
    this.clients.getById(sessionId)?.send(type, payload);
  }

  /** Every client learns who owns the room now. */
  announceOwner(): void {
    this.outbox.broadcast(Msg.RoomInfo, this.roomInfo());
  }

  playerCount(): number {
    let n = 0;
    for (const s of this.seats.values()) if (s.role === "player") n++;
    return n;
  }

  private services(seed: number): RoomServices<P["toClient"]> {
    // Typed at the interface (RoomServices): here the payload is whatever the type checker let through.
    // To a seat, not a socket: what a dropped player is sent is kept for their resume.
    const send = (sessionId: string, type: string, payload?: unknown) => this.outbox.send(sessionId, type, payload);
    return {
      roomId: this.roomId,
      seed,
      rng: createRng(seed),
      record: (entry) => this.recording?.record(entry),
      now: () => this.clock.elapsedTime,
      broadcast: (type: string, payload?: unknown) => this.outbox.broadcast(type, payload),
      send,
      later: (ms, fn) => {
        const t = this.clock.setTimeout(fn, ms);
        return { clear: () => t.clear() };
      },
      pingOf: (sessionId) => this.pings.rttOf(sessionId),
      announce: (text) => this.chat.announce(text),
      viewOf: (sessionId) => this.clients.getById(sessionId)?.view,
      accountOf: (sessionId) => this.accounts.get(sessionId)?.id,
      // An unrated room's matches go to the history only; the replay that holds a match is this room's.
      recordMatch: (m) => this.results.record({ ...m, rated: this.rated && m.rated !== false, replayId: this.recording ? this.roomId : undefined }),
      setListing: (fields) => {
        this.listing = { ...this.listing, ...fields };
        this.publishListing();
      },
    };
  }

  /**
   * Full, for Colyseus's matchmaker (which then refuses the seat, or locks the room so quick
   * play goes elsewhere): every seat taken, or, for a room type that does not seat extra
   * joiners as spectators (the arena), every player seat taken or reserved. Seats reserved and
   * not yet joined are counted by what they asked for (Colyseus's reservations, read here only).
   * A locked room cannot be joined by id, so a full arena cannot be watched (docs/replays.md).
   */
  override hasReachedMaxClients(): boolean {
    if (this.seatingSpectator) return disposing(this);
    if (super.hasReachedMaxClients() || this.type.spectators || !this.options) return super.hasReachedMaxClients();
    const reserved = (this as unknown as { _reservedSeats: Record<string, [unknown, JoinAuth | undefined, boolean, boolean]> })._reservedSeats;
    let players = this.playerCount();
    for (const [, auth, , reconnecting] of Object.values(reserved)) if (!reconnecting && auth?.spectate !== true) players++;
    return players >= this.options.maxPlayers;
  }

  /** A spectator's seat is being reserved: onJoin applies the spectator cap, with its named refusal (spectate/fullRoomWatch.ts). */
  private seatingSpectator = false;

  /**
   * A spectator's seat in a room locked for its full player seats (spectate/fullRoomWatch.ts,
   * called by the matchmaker through remoteRoomCall). Refused unless the joiner spectates and
   * the room was not locked on purpose; whether it may be watched, and the spectator cap, are
   * checked in onJoin as for any spectator (their named refusals).
   */
  reserveSpectatorSeat(sessionId: string, options: unknown, auth: JoinAuth | undefined): Promise<boolean> | boolean {
    const room = this as unknown as { _lockedExplicitly: boolean; _reserveSeat(id: string, o: unknown, a: unknown): Promise<boolean> };
    if (auth?.spectate !== true || room._lockedExplicitly) return false;
    // Colyseus's reservation reads hasReachedMaxClients synchronously, before its first await.
    this.seatingSpectator = true;
    try {
      return room._reserveSeat(sessionId, options, auth);
    } finally {
      this.seatingSpectator = false;
    }
  }

  /** The host's spectating settings, or the defaults. */
  private get spectating(): SpectatorSettings {
    return this.settings.spectators ?? DEFAULT_SPECTATING;
  }

  /**
   * Whether spectators watch this room through the delayed feed rather than the live state:
   * every real-time replayable type (SPECTATOR_DELAY_SECONDS=0 still goes through the feed,
   * so a spectator's client is the same); a turn-based one shows its state as it is.
   */
  private get feedsSpectators(): boolean {
    return this.type.tick !== undefined && this.type.replay !== undefined && this.spectating.perRoom > 0;
  }

  /**
   * Record the match when the room type is replayable and the host keeps replays, or when
   * its spectators watch the log (then kept in memory only, without REPLAYS).
   */
  private startRecording(seed: number): void {
    const replays = this.settings.replays;
    if (!this.type.replay || (!replays && !this.feedsSpectators)) return;
    this.recording = new MatchRecording(this.type.replay, this.game, { matchId: this.roomId, roomType: this.type.name, seed, options: this.options }, replays?.store);
    this.clock.setTimeout(() => this.recording?.stop(), (replays?.maxMinutes ?? DEFAULT_RECORDING_MINUTES) * 60_000);
  }

  /** The delayed spectators' feed (their connections are kept from the live state as they join). */
  private startFeed(): void {
    if (!this.feedsSpectators || !this.recording) return;
    const feed = new SpectatorFeed(this.recording.recorder, this.spectating.delaySeconds * 1000, (id) => this.clients.getById(id), () => this.clock.elapsedTime);
    this.feed = feed;
    this.blankState = blankStateFrame(new this.type.state());
    this.clock.setInterval(() => feed.flush(), FEED_INTERVAL_MS);
  }

  private runTick(timing: TickTiming): void {
    if (this.closingFor !== undefined) return;
    const tick = this.type.tick!;
    this.tickInputs.clear();
    for (const client of this.clients) {
      const seat = this.seats.get(client.sessionId);
      if (seat?.role === "spectator") {
        this.refuseInputs(client);
        continue;
      }
      const intents = this.takeInputs(client, tick.validate);
      if (seat) this.tickInputs.set(client.sessionId, intents);
    }
    for (const [id, input] of tick.virtualInputs?.(this.game, timing) ?? []) {
      const problem = this.tickInputs.has(id) ? "id taken by a client" : tick.validate(input);
      if (problem) log.warn("virtual input dropped", { room: this.roomId, player: id, problem });
      else this.tickInputs.set(id, [input]);
    }
    tick.step(this.game, this.tickInputs, timing);
  }

  /**
   * This tick's inputs for one client: usually one, two when its buffer has backed up,
   * none when it sent nothing. Each is consumed (so the ack advances) even when invalid.
   */
  private takeInputs(client: Client, validate: (i: I) => string | undefined): I[] {
    const buffer = this.inputs!.get(client.sessionId);
    const pace = () => this.pace!.extra(client.sessionId);
    return this.latency!.take(client, buffer.size > INPUT_CATCHUP_THRESHOLD, pace, (extra) => this.takeFrom(client, extra ? 2 : 1, validate));
  }

  private takeFrom(client: Client, count: number, validate: (i: I) => string | undefined): I[] {
    const buffer = this.inputs!.get(client.sessionId);
    const out: I[] = [];
    for (let i = 0; i < count; i++) {
      const input = buffer.next() as I | undefined;
      if (input === undefined) break;
      const problem = validate(input);
      if (problem) this.guard.reject(client, RejectReason.BadIntent, problem);
      else out.push(input);
    }
    return out;
  }

  /**
   * A spectator has no input: whatever it sends on the input channel is dropped, and it is
   * told why (reason "spectator"), at most once a second so the answer is no flood itself.
   */
  private refuseInputs(client: Client): void {
    const buffer = this.inputs!.get(client.sessionId);
    if (buffer.size === 0) return;
    while (buffer.next() !== undefined);
    const now = this.clock.elapsedTime;
    if (now - (this.inputRefused.get(client.sessionId) ?? -Infinity) < 1000) return;
    this.inputRefused.set(client.sessionId, now);
    client.send(Msg.Rejected, { reason: RejectReason.Spectator, detail: "spectators have no input: you are watching this room" });
  }

  /** The sender's seat, for the shared dispatch (server/kit/dispatch.ts). */
  seatOf(sessionId: string): Seat | undefined {
    return this.seats.get(sessionId);
  }

  /** The kit's own messages: same dispatch as a room type's, open to spectators. */
  private kitHandlers(): Handlers<KitToServer> {
    return {
      [Msg.Pong]: { spectators: true, handle: (client, _seat, m) => this.pings.answer(client.sessionId, m.id) },
      [Msg.Kick]: { spectators: true, handle: (client, _seat, m) => this.ownership.kick(client, m.target) },
      [Msg.Resume]: resumeHandler(this),
      ...this.chat.handlers(),
    };
  }

  /** The room type's handlers, bound to its game. */
  private typeHandlers(protocol: P): Handlers<P["toServer"]> {
    const specs = (this.type.messages ?? {}) as Readonly<Record<string, MessageSpec<G, unknown>>>;
    const out: Record<string, Handler<unknown>> = {};
    for (const type of Object.keys(protocol.toServer)) {
      const spec = specs[type];
      if (!spec) throw new Error(`room type "${this.type.name}" declares message "${type}" without a handler`);
      out[type] = { spectators: spec.spectators, handle: (_client, seat, payload) => spec.handle(this.game, seat, payload) };
    }
    return out as Handlers<P["toServer"]>;
  }

  private publishListing(): void {
    let spectators = 0;
    for (const s of this.seats.values()) if (s.role === "spectator") spectators++;
    const kit: KitListing = {
      mode: this.type.mode,
      type: this.type.name,
      players: this.playerCount(),
      maxPlayers: this.options.maxPlayers,
      spectators,
      seatOpen: this.playerCount() < this.options.maxPlayers,
    };
    void this.setMetadata({ ...kit, ...this.listing });
  }

  roomInfo(): RoomInfoMessage {
    return { type: this.type.name, mode: this.type.mode, code: this.code, ownerId: this.ownership.ownerId };
  }

  private probePings(): void {
    for (const client of this.clients) {
      // A backed-up client's ping would only queue behind its backlog (and measure the backlog).
      if (this.backlog.isBackedUp(client.sessionId)) continue;
      // Pings and link reports are never numbered: a resumed client has no use for old ones.
      this.outbox.unnumbered(client, Msg.Ping, { id: this.pings.probe(client.sessionId) });
      if (!this.latency) continue;
      const r = this.latency.report(client.sessionId);
      this.outbox.unnumbered(client, Msg.NetReport, { rtt: this.pings.rttOf(client.sessionId), intentDelayP50: r.p50, intentDelayMax: r.max, bufferDepth: r.depth });
    }
  }
}


/** The Colyseus room class for a room type, bound to the host's settings. */
export function roomClassFor<S extends Schema, O extends BaseOptions, G, I, P extends Protocol>(type: RoomType<S, O, G, I, P>, settings: KitSettings) {
  const schemas = roomOptionSchemas(type, settings.limits);
  return class extends KitRoom<S, O, G, I, P> {
    static roomType = type;
    static resultSink = settings.results;
    /** The matchmaker's check, before any room is created or seat reserved (roomOptions.ts). */
    static override async onAuth(token: string | undefined, options: unknown, context?: { headers?: Headers }): Promise<JoinAuth> {
      const admitted = admitJoin(schemas.admission, options);
      const account = await joiningAccount(settings.accounts, token);
      const address = context?.headers?.get(CLIENT_ADDRESS_HEADER) ?? "";
      // Refused while a ban holds against the account or the address: at join, so at matchmaking too.
      const blocked = await admitModerated(settings.accounts?.moderation, account?.id, address);
      if (account) return { name: account.name, identity: accountIdentity(account.id), account: { ...account, blocked }, address, spectate: admitted.spectate };
      return { ...admitted, identity: address, address };
    }
    protected override type = type;
    protected override optionSchemas = schemas;
    protected override settings = settings;
  };
}

/**
 * Colyseus refuses allowReconnection() ("not joined") for a client whose JOIN confirmation it
 * has not yet received, and frees the seat. Under latency that window is a round trip long
 * after every join and every reconnect, so a second drop right after coming back lost the
 * player's seat (found by the seeded chaos test, test/net/arenaChaos.test.ts). The messages
 * queued for that confirmation can never be delivered (the socket is gone; a reconnect gets
 * the full state afresh), so dropping the queue is all it takes for the seat to be held.
 */
export function holdUnconfirmed(client: Client): void {
  const pending = client as unknown as { _enqueuedMessages?: unknown[] };
  if (pending._enqueuedMessages !== undefined) delete pending._enqueuedMessages;
}
