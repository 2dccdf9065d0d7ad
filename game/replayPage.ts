/**
 * `/replay/<matchId>`: download the match's tick log (GET /api/replays/:matchId), check that
 * this build can play it, and show it in its room type's own scene (the arena's, or Connect
 * Four's board) with the replay bar. No game server room is joined. A log of other rules, a
 * missing or damaged one, or a room type this viewer cannot show ends on the menu with the reason.
 */
import Phaser from "phaser";
import { REPLAY_RULES } from "../shared/replay/rulesTable.ts";
import { rulesFor } from "../shared/replay/resimulate.ts";
import { ReplayError } from "../shared/replay/rules.ts";
import { ReplayLogSchema, type ReplayLog } from "../shared/replay/format.ts";
import { RoomName } from "../shared/protocol.ts";
import { ArenaReplay } from "./net/ArenaReplay.ts";
import { ArenaScene } from "./scenes/ArenaScene.ts";
import { Connect4Scene } from "./scenes/Connect4Scene.ts";
import { Connect4Replay } from "./net/Connect4Replay.ts";
import { CONNECT4_ROOM } from "../shared/connect4/protocol.ts";
import { ReplayControls } from "./ui/ReplayControls.ts";
import { ReplayChat } from "./ui/ReplayChat.ts";
import type { Settings } from "./ui/settings.ts";

const REPLAY_PATH = /^\/replay\/([A-Za-z0-9_-]{1,64})\/?$/;
const BAR_REFRESH_MS = 200;

/** The match id when the page's path is a replay link. */
export function replayIdFromPath(path = location.pathname): string | undefined {
  return REPLAY_PATH.exec(path)?.[1];
}

export interface ReplayPage {
  /** The arena's replay (for its scoreboard and round screen), or Connect Four's. */
  replay: ArenaReplay | Connect4Replay;
  dispose(): void;
}

/** How often a Connect Four replay advances (its moves are far apart; the board redraws every frame). */
const BOARD_STEP_MS = 50;

/** Fetch and check the log; resolves with the reason it cannot be shown, or the log. */
export async function loadReplay(matchId: string): Promise<ReplayLog | string> {
  let res: Response;
  try {
    res = await fetch(`/api/replays/${encodeURIComponent(matchId)}`);
  } catch {
    return "The replay could not be downloaded: the server is unreachable.";
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) return `This replay cannot be shown: ${(body as { error?: string } | undefined)?.error ?? `the server answered ${res.status}`}.`;
  const log = ReplayLogSchema.safeParse(body);
  if (!log.success) return "This replay cannot be shown: the download is not a tick log.";
  try {
    rulesFor(log.data as ReplayLog, REPLAY_RULES);
  } catch (e) {
    return `This replay cannot be shown: ${e instanceof ReplayError ? e.message : String(e)}.`;
  }
  if (log.data.header.roomType !== RoomName.Arena && log.data.header.roomType !== CONNECT4_ROOM) return `This viewer cannot show ${log.data.header.roomType} replays.`;
  return log.data as ReplayLog;
}

/** Show the replay in `parent` with the bar; `onExit` when the viewer asks for the menu. */
export function showReplay(log: ReplayLog, parent: HTMLElement, settings: Settings, onExit: () => void): ReplayPage {
  if (log.header.roomType === CONNECT4_ROOM) return showConnect4(log, parent, onExit);
  const replay = new ArenaReplay(log);
  parent.hidden = false;
  const game = pageGame(parent);
  game.scene.add("arena", ArenaScene, true, { net: replay, settings });
  // A replay takes no game input: the scene's keys and pointer would only steer nothing.
  game.events.once("arena-ready", (scene: ArenaScene) => scene.setInputEnabled(false));
  const controls = new ReplayControls(replay, onExit);
  const chat = new ReplayChat();
  const timer = window.setInterval(() => {
    controls.render();
    chat.render(replay.chat);
  }, BAR_REFRESH_MS);
  return {
    replay,
    dispose() {
      window.clearInterval(timer);
      controls.dispose();
      chat.dispose();
      game.destroy(true);
      parent.hidden = true;
    },
  };
}

/** A Connect Four game: its board scene drawing the replay, advanced on a timer, with the bar (moves for time). */
function showConnect4(log: ReplayLog, parent: HTMLElement, onExit: () => void): ReplayPage {
  const replay = new Connect4Replay(log);
  parent.hidden = false;
  const game = pageGame(parent);
  game.scene.add("connect4", Connect4Scene, true, { net: replay });
  const controls = new ReplayControls(replay, onExit, undefined, (n) => `move ${n}`);
  const step = window.setInterval(() => replay.frame(performance.now()), BOARD_STEP_MS);
  const timer = window.setInterval(() => controls.render(), BAR_REFRESH_MS);
  return {
    replay,
    dispose() {
      window.clearInterval(step);
      window.clearInterval(timer);
      controls.dispose();
      game.destroy(true);
      parent.hidden = true;
    },
  };
}

/** The page-filling Phaser game a replay's scene runs in. */
function pageGame(parent: HTMLElement): Phaser.Game {
  return new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: "#0d1117",
    scale: { mode: Phaser.Scale.RESIZE, width: window.innerWidth, height: window.innerHeight },
    scene: [],
  });
}
