/**
 * A finished arena match opens as a replay in real Chromium at /replay/<matchId>: the arena's
 * own scene draws it from the downloaded tick log (no room joined), the bar pauses it and
 * seeks, and what it shows after a seek is what re-simulating the log to that tick gives.
 * A replay that does not exist ends on the menu with the server's reason.
 */
import { Client, type Room } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import { ArenaReplay } from "../../game/net/ArenaReplay.ts";
import { Connect4Replay } from "../../game/net/Connect4Replay.ts";
import { Connect4Msg, CONNECT4_ROOM } from "../../shared/connect4/protocol.ts";
import type { Connect4State } from "../../shared/connect4/schema.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import type { ReplayLog } from "../../shared/replay/format.ts";
import { joinOptions, untilState } from "../helpers/testServer.ts";
import { expectNoPageErrors } from "./helpers/Player.ts";
import { serverPerFile } from "./helpers/suite.ts";

const SCENARIO_TIMEOUT_MS = 60_000;

/** Two SDK players walk for a while and leave: the room closes and its log is stored. */
async function playMatch(url: string): Promise<string> {
  const sdk = new Client(url);
  const a: Room<ArenaState> = await sdk.create<ArenaState>("arena", joinOptions("alice"));
  const b: Room<ArenaState> = await sdk.joinById<ArenaState>(a.roomId, joinOptions("bob"));
  for (const r of [a, b]) r.onMessage("*", () => undefined);
  await untilState(a, () => a.state.players?.size === 2);
  const start = a.state.tick;
  await untilState(
    a,
    () => {
      for (const [r, dx] of [[a, 1], [b, -1]] as const) {
        const input = r.input();
        input.data.dx = dx;
        input.data.dy = 1;
        input.send();
      }
      return a.state.tick > start + 240;
    },
    400,
  );
  const id = a.roomId;
  await a.leave();
  await b.leave();
  return id;
}

/** Two SDK players play a Connect Four game to red's win (red stacks column 0) and leave. */
async function playConnect4(url: string): Promise<string> {
  const sdk = new Client(url);
  const red: Room<Connect4State> = await sdk.create<Connect4State>(CONNECT4_ROOM, joinOptions("alice"));
  const yellow: Room<Connect4State> = await sdk.joinById<Connect4State>(red.roomId, joinOptions("bob"));
  for (const r of [red, yellow]) r.onMessage("*", () => undefined);
  await untilState(red, () => red.state.status === "playing");
  const over = () => red.state.status === "over";
  for (let i = 0; i < 4 && !over(); i++) {
    red.send(Connect4Msg.Drop, { column: 0 });
    await untilState(red, () => over() || red.state.turn === 2);
    if (over()) break;
    yellow.send(Connect4Msg.Drop, { column: 1 });
    await untilState(red, () => red.state.turn === 1);
  }
  const id = red.roomId;
  await red.leave();
  await yellow.leave();
  return id;
}

/** The stored log, once the closing room has written it (the route is the sync point). */
async function storedLog(url: string, matchId: string): Promise<ReplayLog> {
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`${url}/api/replays/${matchId}`);
    if (res.status === 200) return (await res.json()) as ReplayLog;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`replay ${matchId} was never stored`);
}

describe("replay viewer", { timeout: SCENARIO_TIMEOUT_MS }, () => {
  const file = serverPerFile("replay");

  it("opens a finished match from its link, pauses, and seeks to where re-simulation says the players are", async () => {
    const matchId = await playMatch(file.app.url);
    const log = await storedLog(file.app.url, matchId);
    const p = await file.launch("Viewer");
    await p.page.goto(`${file.app.url}/replay/${matchId}`);
    await p.untilReplay((v, id) => v.matchId === id && v.ticks > 0 && v.players.length === 2 && v.tick > 0, matchId, "the replay plays");
    await p.page.getByRole("button", { name: "Pause" }).click();
    await p.untilReplay((v) => !v.playing, undefined, "the replay pauses");

    const expected = new ArenaReplay(log);
    const target = Math.floor(expected.ticks * 0.75);
    expected.seek(target);
    const at = [...expected.state.players.values()].map((pl) => ({ name: pl.name, x: pl.x, y: pl.y })).sort((x, y) => x.name.localeCompare(y.name));
    await p.page.getByLabel("Seek").fill(String(target));
    await p.untilReplay((v, t) => v.tick === t, target, `the replay shows tick ${target}`);
    const shown = (await p.page.evaluate(() => window.__skirmish?.replay()))!;
    expect(shown.players.map((pl) => ({ name: pl.name, x: pl.x, y: pl.y })).sort((x, y) => x.name.localeCompare(y.name))).toEqual(at);
    expect(shown.players.map((pl) => pl.name).sort()).toEqual(["alice", "bob"]);

    // Seek back to the start, and on at 4×: it plays again from there.
    await p.page.getByLabel("Speed").selectOption("4");
    await p.page.getByLabel("Seek").fill("0");
    await p.page.getByRole("button", { name: "Play" }).click();
    await p.untilReplay((v) => v.playing && v.speed === 4 && v.tick > 0, undefined, "the replay plays at 4×");
    expectNoPageErrors(file.players);
  });

  it("plays a Connect Four game on its own board, and seeks to the board re-simulation gives", async () => {
    const matchId = await playConnect4(file.app.url);
    const log = await storedLog(file.app.url, matchId);
    const p = await file.launch("Viewer");
    await p.page.goto(`${file.app.url}/replay/${matchId}`);
    await p.untilReplay((v, id) => v.matchId === id && v.roomType === "connect4" && v.ticks > 0, matchId, "the Connect Four replay opens");
    await p.untilReplay((v) => v.tick === v.ticks, undefined, "the replay plays to its last move");
    const expected = new Connect4Replay(log);
    expected.seek(expected.ticks);
    const end = (await p.page.evaluate(() => window.__skirmish?.replay()))!;
    expect(end.board).toEqual([...expected.state.board]);
    expect(end.seats?.map((s) => s.name).sort()).toEqual(["alice", "bob"]);
    expect(end.board!.filter((c) => c === 1)).toHaveLength(4);

    // At its end the bar offers Play, which rewinds to the start, paused; then seek to the third
    // command (the start and two moves): the board holds two discs.
    await p.page.getByRole("button", { name: "Play" }).click();
    await p.untilReplay((v) => !v.playing && v.tick === 0, undefined, "the replay rewinds, paused");
    await p.page.getByLabel("Seek").fill("3");
    await p.untilReplay((v) => v.tick === 3, undefined, "the replay shows move 3");
    expected.seek(3);
    const at = (await p.page.evaluate(() => window.__skirmish?.replay()))!;
    expect(at.board).toEqual([...expected.state.board]);
    expect(at.board!.filter((c) => c !== 0)).toHaveLength(2);
    await p.page.getByText("move 3 / move").waitFor();
    expectNoPageErrors(file.players);
  });

  it("offers the replay on the menu once a left room's log is stored, and the link opens it", async () => {
    const p = await file.launch("Solo");
    await p.quickPlay(file.app.url);
    const roomId = (await p.view()).roomId;
    await p.page.getByRole("button", { name: "Leave" }).click();
    // Alone in the room, leaving closes it, and the room writes its log as it goes.
    const link = p.page.getByRole("link", { name: "Watch the replay of that match" });
    await link.waitFor({ timeout: 20_000 });
    expect(await link.getAttribute("href")).toBe(`/replay/${roomId}`);
    await link.click();
    await p.untilReplay((v, id) => v.matchId === id && v.players.length === 1, roomId, "the offered replay opens");
    expectNoPageErrors(file.players);
  });

  it("ends on the menu with the reason when the replay does not exist", async () => {
    const p = await file.launch("Viewer");
    await p.page.goto(`${file.app.url}/replay/nosuchmatch`);
    await p.page.getByText("This replay cannot be shown: no replay with id nosuchmatch (it may have been pruned).").waitFor();
    expect(new URL(p.page.url()).pathname).toBe("/");
  });
});
