import type { Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cellIndex, Disc, ROWS } from "../../shared/connect4/board.ts";
import { CONNECT4_ROOM, Connect4Error, Connect4Msg, TURN_SECONDS, type ClockMessage } from "../../shared/connect4/protocol.ts";
import type { Connect4State } from "../../shared/connect4/schema.ts";
import { Msg, RejectReason, RoomName, type PingMessage, type RejectedMessage } from "../../shared/protocol.ts";
import { joinOptions, nextMessage, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
const open: Room[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.connection.isOpen && r.leave().catch(() => undefined)));
});
afterAll(async () => {
  await server.stop();
});

type C4 = Room<Connect4State>;

async function join(name: string, roomId?: string, turnSeconds: number = TURN_SECONDS.max): Promise<C4> {
  const sdk = server.client();
  const options = { ...joinOptions(name), turnSeconds };
  const room = roomId ? await sdk.joinById<Connect4State>(roomId, options) : await sdk.create<Connect4State>(CONNECT4_ROOM, options);
  open.push(room);
  // Answer the kit's latency probes and take its room info, as the game client does.
  room.onMessage(Msg.Ping, (m: PingMessage) => room.send(Msg.Pong, m));
  room.onMessage(Msg.RoomInfo, () => undefined);
  await untilState(room, () => room.state.board?.length > 0);
  return room;
}

/** Two players in a started game: red (the creator) and yellow. */
async function startGame(turnSeconds?: number): Promise<{ red: C4; yellow: C4 }> {
  const red = await join("alice", undefined, turnSeconds);
  const yellow = await join("bob", red.roomId);
  await Promise.all([red, yellow].map((r) => untilState(r, () => r.state.status === "playing")));
  return { red, yellow };
}

const colourOf = (room: C4, id = room.sessionId) => room.state.players.get(id)?.colour;
const cell = (room: C4, row: number, column: number) => room.state.board.at(cellIndex(row, column));

/** Play a column and wait until the mover sees its disc land (the move count grows). */
async function play(room: C4, column: number): Promise<void> {
  const filled = () => room.state.board.filter((c) => c !== Disc.Empty).length;
  const before = filled();
  room.send(Connect4Msg.Drop, { column });
  await untilState(room, () => filled() > before);
}

/** The reason the server gives for refusing what `send` sends. */
async function refusalOf(room: C4, send: () => void): Promise<string> {
  const rejected = nextMessage<RejectedMessage>(room, Msg.Rejected);
  send();
  return (await rejected).reason;
}

describe("connect four room", () => {
  it("plays a full game to a win, then a rematch with colours swapped", async () => {
    const { red, yellow } = await startGame();
    expect(colourOf(red)).toBe(Disc.Red);
    expect(colourOf(yellow)).toBe(Disc.Yellow);
    expect(red.state.turn).toBe(Disc.Red);
    expect(red.state.game).toBe(1);

    for (const [room, column] of [[red, 0], [yellow, 1], [red, 0], [yellow, 1], [red, 0], [yellow, 1]] as const) await play(room, column);
    expect(cell(yellow, ROWS - 1, 0)).toBe(Disc.Red);
    expect(cell(yellow, ROWS - 1, 1)).toBe(Disc.Yellow);
    red.send(Connect4Msg.Drop, { column: 0 });
    await untilState(yellow, () => yellow.state.status === "over");
    expect(yellow.state).toMatchObject({ winner: Disc.Red, endReason: "win", turn: Disc.Empty, turnDeadline: 0 });
    expect([...yellow.state.winLine]).toEqual([2, 3, 4, 5].map((r) => cellIndex(r, 0)));
    expect(yellow.state.players.get(red.sessionId)!.wins).toBe(1);

    expect(await refusalOf(yellow, () => yellow.send(Connect4Msg.Drop, { column: 3 }))).toBe(Connect4Error.GameOver);

    red.send(Connect4Msg.Rematch);
    await untilState(yellow, () => yellow.state.players.get(red.sessionId)!.rematch);
    expect(yellow.state.status).toBe("over");
    yellow.send(Connect4Msg.Rematch, {});
    await untilState(red, () => red.state.game === 2);
    expect(red.state).toMatchObject({ status: "playing", turn: Disc.Red, winner: Disc.Empty, lastCell: -1 });
    expect(colourOf(red)).toBe(Disc.Yellow);
    expect(colourOf(yellow)).toBe(Disc.Red);
    expect(red.state.board.every((c) => c === Disc.Empty)).toBe(true);
    // Bob is red now, so he opens.
    expect(await refusalOf(red, () => red.send(Connect4Msg.Drop, { column: 3 }))).toBe(Connect4Error.NotYourTurn);
    await play(yellow, 3);
    await untilState(red, () => cell(red, ROWS - 1, 3) === Disc.Red);
  });

  it("refuses illegal moves by name and changes nothing", async () => {
    const { red, yellow } = await startGame();
    expect(await refusalOf(yellow, () => yellow.send(Connect4Msg.Drop, { column: 0 }))).toBe(Connect4Error.NotYourTurn);
    expect(await refusalOf(red, () => red.send(Connect4Msg.Drop, { column: 7 }))).toBe(Connect4Error.ColumnOffBoard);
    expect(await refusalOf(red, () => red.send(Connect4Msg.Drop, { column: -1 }))).toBe(Connect4Error.ColumnOffBoard);
    expect(await refusalOf(red, () => red.send(Connect4Msg.Drop, { column: "0" }))).toBe(RejectReason.Malformed);
    expect(await refusalOf(red, () => red.send(Connect4Msg.Rematch))).toBe(Connect4Error.NoRematch);
    for (let i = 0; i < 6; i++) await play(i % 2 === 0 ? red : yellow, 0);
    expect(await refusalOf(red, () => red.send(Connect4Msg.Drop, { column: 0 }))).toBe(Connect4Error.ColumnFull);
    expect(red.state.turn).toBe(Disc.Red);
    expect(red.state.board.filter((c) => c !== Disc.Empty).length).toBe(6);
  });

  it("refuses a move before the second player arrives", async () => {
    const alone = await join("alice");
    expect(alone.state.status).toBe("waiting");
    expect(await refusalOf(alone, () => alone.send(Connect4Msg.Drop, { column: 0 }))).toBe(Connect4Error.NotStarted);
  });

  it("ends the game by forfeit when a player leaves mid-game, and starts a new one for the next joiner", async () => {
    const { red, yellow } = await startGame();
    await play(red, 3);
    await yellow.leave();
    await untilState(red, () => red.state.status === "over");
    expect(red.state).toMatchObject({ endReason: "forfeit", winner: Disc.Red });
    expect(red.state.players.size).toBe(1);
    const carol = await join("carol", red.roomId);
    await untilState(red, () => red.state.game === 2);
    expect(colourOf(carol)).toBe(Disc.Yellow);
    expect(red.state.status).toBe("playing");
  });

  it("holds a dropped player's seat: shown away, then back in the same colour with the game going on", async () => {
    const { red, yellow } = await startGame();
    await play(red, 3);
    red.reconnection.enabled = false; // reconnect by hand, as a reloaded page does
    const token = red.reconnectionToken;
    red.connection.close(); // the socket drops without a goodbye
    await untilState(yellow, () => yellow.state.players.get(red.sessionId)?.connected === false);
    expect(yellow.state.status).toBe("playing");

    const back = await server.client().reconnect<Connect4State>(token);
    open.push(back);
    back.onMessage(Msg.RoomInfo, () => undefined);
    expect(back.sessionId).toBe(red.sessionId);
    await untilState(yellow, () => yellow.state.players.get(red.sessionId)?.connected === true);
    expect(colourOf(yellow, red.sessionId)).toBe(Disc.Red);
    await play(yellow, 3);
    await untilState(back, () => back.state.turn === Disc.Red);
    await play(back, 4);
  });
});

type Listing = { players?: number; spectators?: number };

/**
 * The lobby's live room list, as a lobby client sees it: "rooms" on join, then "+" [roomId, room]
 * for every new or changed room. `until` resolves once a room's metadata satisfies a check.
 */
async function watchLobby() {
  const lobby = await server.client().joinOrCreate(RoomName.Lobby, joinOptions("watcher"));
  open.push(lobby);
  const latest = new Map<string, Listing>();
  const waiters = new Set<() => void>();
  const update = (roomId: string, metadata: Listing | undefined) => {
    latest.set(roomId, metadata ?? {});
    waiters.forEach((w) => w());
  };
  lobby.onMessage("rooms", (rooms: Array<{ roomId: string; metadata?: Listing }>) => rooms.forEach((r) => update(r.roomId, r.metadata)));
  lobby.onMessage("+", ([roomId, room]: [string, { metadata?: Listing }]) => update(roomId, room.metadata));
  lobby.onMessage("-", () => undefined);
  return {
    until: (roomId: string, check: (m: Listing) => boolean) =>
      new Promise<void>((resolve) => {
        const waiter = () => {
          const m = latest.get(roomId);
          if (m && check(m)) {
            waiters.delete(waiter);
            resolve();
          }
        };
        waiters.add(waiter);
        waiter();
      }),
  };
}

describe("connect four moves sent again", () => {
  it("plays a move naming its game and turn once, and refuses it as stale when it comes again", async () => {
    const { red, yellow } = await startGame();
    const move = { column: 3, game: red.state.game, turn: 0 };
    red.send(Connect4Msg.Drop, move);
    await untilState(red, () => cell(red, ROWS - 1, 3) === colourOf(red));
    // The same move again (a re-send after a reconnect): refused, the board unchanged.
    expect(await refusalOf(red, () => red.send(Connect4Msg.Drop, move))).toBe(Connect4Error.StaleMove);
    expect(red.state.board.filter((c) => c !== Disc.Empty)).toHaveLength(1);
    // A move for a turn that has passed, or another game, is refused the same way.
    expect(await refusalOf(yellow, () => yellow.send(Connect4Msg.Drop, { column: 2, game: red.state.game, turn: 0 }))).toBe(Connect4Error.StaleMove);
    expect(await refusalOf(yellow, () => yellow.send(Connect4Msg.Drop, { column: 2, game: red.state.game + 1, turn: 1 }))).toBe(Connect4Error.StaleMove);
    // The right turn is played.
    yellow.send(Connect4Msg.Drop, { column: 2, game: red.state.game, turn: 1 });
    await untilState(yellow, () => cell(yellow, ROWS - 1, 2) === colourOf(yellow));
    expect(await refusalOf(yellow, () => yellow.send(Connect4Msg.Drop, { column: 2, turn: -1 }))).toBe(RejectReason.Malformed);
  });
});

describe("connect four spectators", () => {
  it("seats the third joiner as a spectator who receives state, cannot move, and is listed", async () => {
    const listed = await watchLobby();
    const { red, yellow } = await startGame();
    const carol = await join("carol", red.roomId);
    expect(carol.state.players.has(carol.sessionId)).toBe(false);
    expect(carol.state.players.size).toBe(2);
    await untilState(carol, () => carol.state.spectators === 1);

    await play(red, 2);
    await untilState(carol, () => cell(carol, ROWS - 1, 2) === Disc.Red);
    expect(carol.state.turn).toBe(Disc.Yellow);

    expect(await refusalOf(carol, () => carol.send(Connect4Msg.Drop, { column: 2 }))).toBe(RejectReason.Spectator);
    expect(await refusalOf(carol, () => carol.send(Connect4Msg.Rematch))).toBe(RejectReason.Spectator);
    expect(yellow.state.board.filter((c) => c !== Disc.Empty).length).toBe(1);

    await listed.until(red.roomId, (m) => m.spectators === 1 && m.players === 2);

    const clock = nextMessage<ClockMessage>(carol, Connect4Msg.Clock);
    carol.send(Connect4Msg.Clock);
    expect((await clock).now).toBeGreaterThan(0);
  });
});

describe("connect four turn timer", () => {
  it("plays a random legal move for a player whose time runs out", async () => {
    const { red, yellow } = await startGame(TURN_SECONDS.min);
    expect(red.state.turnSeconds).toBe(TURN_SECONDS.min);
    const clock = nextMessage<ClockMessage>(red, Connect4Msg.Clock);
    red.send(Connect4Msg.Clock);
    const { now } = await clock;
    const deadline = red.state.turnDeadline;
    expect(deadline - now).toBeGreaterThan(0);
    expect(deadline - now).toBeLessThanOrEqual(TURN_SECONDS.min * 1000);

    // Red does nothing; the next state change is the timer's move.
    await untilState(yellow, () => yellow.state.lastCell >= 0);
    expect(yellow.state.lastAuto).toBe(true);
    expect(yellow.state.board.at(yellow.state.lastCell)).toBe(Disc.Red);
    expect(yellow.state.turn).toBe(Disc.Yellow);
    expect(yellow.state.turnDeadline).toBeGreaterThan(deadline);
  });
});

describe("connect four quick play", () => {
  it("starts a new game rather than seating a quick player as a spectator", async () => {
    const quick = async (name: string) => {
      const room = await server.client().joinOrCreate<Connect4State>(CONNECT4_ROOM, { ...joinOptions(name), seatOpen: true });
      open.push(room);
      return room;
    };
    const first = await quick("q1");
    const second = await quick("q2");
    expect(second.roomId).toBe(first.roomId);
    await untilState(first, () => first.state.status === "playing");
    const third = await quick("q3");
    expect(third.roomId).not.toBe(first.roomId);
    // Someone who joins that full game on purpose (room browser, code) still watches.
    const watcher = await join("w", first.roomId);
    await untilState(watcher, () => watcher.state.spectators === 1);
  });
});
