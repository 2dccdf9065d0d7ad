import Phaser from "phaser";
import type { Room } from "@colyseus/sdk";
import { ArenaClient } from "./net/ArenaClient.ts";
import { quickPlay } from "./net/connect.ts";
import { sceneFor, type RoomSession } from "./scenes/registry.ts";
import { installTestHooks } from "./testHooks.ts";
import { DebugOverlay } from "./ui/DebugOverlay.ts";
import { byId } from "./ui/dom.ts";
import { Menu } from "./ui/Menu.ts";
import { Scoreboard } from "./ui/Scoreboard.ts";

/** How often the DOM overlays refresh (they are text; the canvas runs every frame). */
const HUD_REFRESH_MS = 250;

const gameRoot = byId<HTMLElement>("game");
const scoreRoot = byId<HTMLElement>("scoreboard");
const scoreboard = new Scoreboard(scoreRoot);
const debug = new DebugOverlay(byId("debug"));
let game: Phaser.Game | undefined;
let net: ArenaClient | undefined;
let session: RoomSession | undefined;
let hudTimer: number | undefined;

const menu = new Menu(async (name, roomName) => {
  const room = await quickPlay(name, roomName);
  enterGame(room);
});
installTestHooks(() => net);
menu.show();

/** Start the scene registered for the joined room's type (game/scenes/registry.ts). */
function enterGame(room: Room): void {
  const entry = sceneFor(room.name);
  session = entry.start(room);
  // The scoreboard, debug overlay and test hooks are the arena's.
  net = session.net instanceof ArenaClient ? session.net : undefined;
  menu.hide();
  gameRoot.hidden = false;
  game = new Phaser.Game({
    type: Phaser.AUTO,
    parent: gameRoot,
    backgroundColor: "#0d1117",
    scale: { mode: Phaser.Scale.RESIZE, width: window.innerWidth, height: window.innerHeight },
    scene: [],
  });
  game.scene.add(entry.key, entry.scene, true, { net: session.net });
  const current = net;
  if (current) {
    scoreRoot.hidden = false;
    hudTimer = window.setInterval(() => {
      scoreboard.render(current.state, current.sessionId);
      debug.render(current.stats.snapshot(current.state.tick));
    }, HUD_REFRESH_MS);
  }
  room.onLeave((code: number, reason?: string) => leaveGame(code === 4000 ? "" : `Disconnected (${code}${reason ? `: ${reason}` : ""})`));
}

function leaveGame(message: string): void {
  window.clearInterval(hudTimer);
  session?.dispose();
  session = undefined;
  game?.destroy(true);
  game = undefined;
  net = undefined;
  gameRoot.hidden = true;
  scoreRoot.hidden = true;
  menu.show(message);
}
