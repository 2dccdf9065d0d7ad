import Phaser from "phaser";
import type { Room } from "@colyseus/sdk";
import type { ArenaState } from "../shared/arena/schema.ts";
import { ArenaClient } from "./net/ArenaClient.ts";
import { ChatClient } from "./net/ChatClient.ts";
import { quickPlay } from "./net/connect.ts";
import { ArenaScene } from "./scenes/ArenaScene.ts";
import { installTestHooks } from "./testHooks.ts";
import { DebugOverlay } from "./ui/DebugOverlay.ts";
import { ChatPanel } from "./ui/ChatPanel.ts";
import { byId } from "./ui/dom.ts";
import { LobbyChat } from "./ui/LobbyChat.ts";
import { Menu } from "./ui/Menu.ts";
import { Scoreboard } from "./ui/Scoreboard.ts";

/** How often the DOM overlays refresh (they are text; the canvas runs every frame). */
const HUD_REFRESH_MS = 250;

const gameRoot = byId<HTMLElement>("game");
const scoreRoot = byId<HTMLElement>("scoreboard");
const scoreboard = new Scoreboard(scoreRoot);
const debug = new DebugOverlay(byId("debug"));
const chatRoot = byId<HTMLElement>("chat");
const lobbyChat = new LobbyChat(byId("lobby-chat-open"), byId("lobby-chat"), byId("name"), byId("menu-status"));
let game: Phaser.Game | undefined;
let net: ArenaClient | undefined;
let chat: ChatPanel | undefined;
let scene: ArenaScene | undefined;
let hudTimer: number | undefined;

const menu = new Menu(async (name) => {
  const room = await quickPlay(name);
  lobbyChat.close();
  enterGame(room);
});
installTestHooks(() => net);
menu.show();

function enterGame(room: Room<ArenaState>): void {
  net = new ArenaClient(room);
  menu.hide();
  gameRoot.hidden = false;
  scoreRoot.hidden = false;
  game = new Phaser.Game({
    type: Phaser.AUTO,
    parent: gameRoot,
    backgroundColor: "#0d1117",
    scale: { mode: Phaser.Scale.RESIZE, width: window.innerWidth, height: window.innerHeight },
    scene: [],
  });
  game.scene.add("arena", ArenaScene, true, { net });
  game.events.once("arena-ready", (ready: ArenaScene) => (scene = ready));
  chat = new ChatPanel(chatRoot, new ChatClient(room), { onTyping: (typing) => scene?.setInputEnabled(!typing) });
  const current = net;
  hudTimer = window.setInterval(() => {
    scoreboard.render(current.state, current.sessionId);
    debug.render(current.stats.snapshot(current.state.tick));
  }, HUD_REFRESH_MS);
  room.onLeave((code: number, reason?: string) => leaveGame(code === 4000 ? "" : `Disconnected (${code}${reason ? `: ${reason}` : ""})`));
}

function leaveGame(message: string): void {
  window.clearInterval(hudTimer);
  scene = undefined;
  chat?.dispose();
  chat = undefined;
  game?.destroy(true);
  game = undefined;
  net = undefined;
  gameRoot.hidden = true;
  scoreRoot.hidden = true;
  menu.show(message);
}
