import Phaser from "phaser";
import type { Room } from "@colyseus/sdk";
import { ArenaClient } from "./net/ArenaClient.ts";
import { Connect4Client } from "./net/Connect4Client.ts";
import { account, createPrivate, joinByCode, joinById, JoinFailure, openLobby, quickPlay, reconnect, watchById } from "./net/connect.ts";
import { ArenaSpectator } from "./net/ArenaSpectator.ts";
import { RoomName } from "../shared/protocol.ts";
import { ArenaReplay } from "./net/ArenaReplay.ts";
import { ReplayControls } from "./ui/ReplayControls.ts";
import { ReplayOffer } from "./ui/ReplayOffer.ts";
import { firstState } from "./net/firstState.ts";
import { GameSession } from "./net/GameSession.ts";
import { LobbyClient } from "./net/LobbyClient.ts";
import { session } from "./net/session.ts";
import { MODES, sceneFor, type RoomSession } from "./scenes/registry.ts";
import { ChatClient } from "./net/ChatClient.ts";
import { ChatPanel } from "./ui/ChatPanel.ts";
import type { ArenaScene } from "./scenes/ArenaScene.ts";
import type { Cue } from "./fx/GameFeedback.ts";
import { installTestHooks } from "./testHooks.ts";
import { DebugOverlay } from "./ui/DebugOverlay.ts";
import { ConditionerControl } from "./net/conditionerControl.ts";
import { FeedbackHud } from "./ui/FeedbackHud.ts";
import { byId } from "./ui/dom.ts";
import { Menu } from "./ui/Menu.ts";
import { AccountPanel } from "./ui/AccountPanel.ts";
import { PartyPanel } from "./ui/PartyPanel.ts";
import { RankedSearch } from "./ui/RankedSearch.ts";
import { takeSeat } from "./net/socialConnect.ts";
import type { SeatReservation } from "../shared/seatReservation.ts";
import { mountProfilePages } from "./ui/profilePages.ts";
import { RoomBar } from "./ui/RoomBar.ts";
import { RoomBrowser } from "./ui/RoomBrowser.ts";
import { RoundOverlay } from "./ui/RoundOverlay.ts";
import { Scoreboard } from "./ui/Scoreboard.ts";
import { keepScreenAwake } from "./ui/screen.ts";
import { Sound } from "./audio/Sound.ts";
import { MuteButton } from "./ui/MuteButton.ts";
import { HowToPlay } from "./ui/HowToPlay.ts";
import { loadSettings, type Settings } from "./ui/settings.ts";
import { SettingsPanel } from "./ui/SettingsPanel.ts";
import { KEY_CODES } from "./input/bindings.ts";
import { isCoarsePointer } from "./input/TouchSource.ts";
import { loadReplay, replayIdFromPath, showReplay, type ReplayPage } from "./replayPage.ts";
import { ConnectionQuality } from "./net/ConnectionQuality.ts";

/** How often the DOM overlays refresh (they are text; the canvas runs every frame). */
const HUD_REFRESH_MS = 250;

const gameRoot = byId<HTMLElement>("game");
const scoreRoot = byId<HTMLElement>("scoreboard");
const banner = byId<HTMLElement>("banner");
const debug = new DebugOverlay(byId("debug"), ConditionerControl.ofDevBuild());
const roomBar = new RoomBar(() => void current?.session.leave());
const scoreboard = new Scoreboard(scoreRoot, (id) => current?.session.kick(id));
const rounds = new RoundOverlay();
const feedbackHud = new FeedbackHud();
const sound = new Sound(storage());
sound.listenForGesture(window);
new MuteButton(byId<HTMLButtonElement>("mute"), sound);
const settings = loadSettings(storage());
const howTo = new HowToPlay(storage(), isCoarsePointer(), settings.keys);
new SettingsPanel(settings, storage(), applySettings);
applySettings(settings);

interface Current {
  session: GameSession;
  game: Phaser.Game;
  /** The room type's scene and client (game/scenes/registry.ts). */
  view: RoomSession;
  /** The arena's client, for its scoreboard, round screen, debug overlay and test hooks. */
  net: ArenaClient | undefined;
  /** A delayed spectator's view of the arena (game/net/ArenaSpectator.ts) and its bar, instead of `net`. */
  watching?: { replay: ArenaReplay; controls: ReplayControls };
  chat: ChatPanel;
  hud: number;
  /** Lets the screen sleep again (game/ui/screen.ts). */
  releaseWakeLock: () => void;
}
let current: Current | undefined;
/** The replay being shown (/replay/<matchId>), instead of a game. */
let replayPage: (ReplayPage & { hud: number }) | undefined;
let lobby: { list: LobbyClient; chat: ChatPanel } | undefined;
const chatRoot = byId<HTMLElement>("chat");
const replayOffer = new ReplayOffer();
const lobbyChatRoot = byId<HTMLElement>("lobby-chat");

const invite = new URLSearchParams(location.search).get("room")?.trim().toUpperCase() || undefined;
const browser = new RoomBrowser(
  (roomId) => {
    const name = menu.validName();
    if (name) joinById(roomId, name).then(enter, (e: unknown) => menu.setStatus(e instanceof Error ? e.message : String(e)));
  },
  (roomId) => {
    const name = menu.validName();
    if (name) watchById(roomId, name).then((room) => enter(room, true), (e: unknown) => menu.setStatus(e instanceof Error ? e.message : String(e)));
  },
);
const menu = new Menu(
  MODES,
  {
    quickPlay: async (name, mode) => enter(await quickPlay(mode, name)),
    createPrivate: async (name, mode, rated) => enter(await createPrivate(mode, name, rated)),
    joinCode: async (name, code) => enter(await joinByCode(code, name)),
    watchCode: async (name, code) => enter(await joinByCode(code, name, true), true),
    browse: async (name) => {
      if (browser.open) return closeLobby();
      // One lobby connection carries both the live room list and the lobby chat.
      const room = await openLobby(name);
      lobby = { list: new LobbyClient(room), chat: new ChatPanel(lobbyChatRoot, new ChatClient(room), { title: "Lobby chat" }) };
      browser.setOpen(true);
      lobby.list.onChange((rooms) => browser.render(rooms));
    },
  },
  invite,
);
installTestHooks({
  arena: () => current?.net,
  connect4: () => (current?.view.net instanceof Connect4Client ? current.view.net : undefined),
  replay: () => replayPage?.replay ?? current?.watching?.replay,
  camera: () => {
    const cam = current?.game.scene.getScene("arena")?.cameras?.main;
    return cam && { x: cam.worldView.x, y: cam.worldView.y, zoom: cam.zoom };
  },
  running: (key) => current?.game.scene.isActive(key) ?? false,
  account: () => account.account,
});
account.onChange((a) => menu.showAccount(a));
new AccountPanel(account, () => menu.validName());
// A seat the party's leader or the ranked queue reserved: taken at once, unless already in a game.
const takeReserved = (seat: SeatReservation) => {
  if (!current) takeSeat(seat).then(enter, (e: unknown) => menu.show(e instanceof Error ? e.message : String(e)));
};
new PartyPanel(() => menu.validName(), takeReserved, new URLSearchParams(location.search).get("party")?.trim().toUpperCase() || undefined);
new RankedSearch(() => menu.validName(), () => byId<HTMLSelectElement>("mode").value, takeReserved);
mountProfilePages(MODES, account, (message) => menu.setStatus(message));
void account.resume();
const replayId = replayIdFromPath();
if (replayId) void openReplay(replayId);
else void resume();

/** A replay link: show the match from its tick log, no room joined; back to the menu at its end. */
async function openReplay(matchId: string): Promise<void> {
  menu.show("Loading the replay…");
  const log = await loadReplay(matchId);
  if (typeof log === "string") return leaveReplay(log);
  menu.hide();
  const page = showReplay(log, gameRoot, settings, () => leaveReplay(""));
  // The scoreboard and round screen are the arena's; a Connect Four board shows its own state.
  const arena = page.replay instanceof ArenaReplay ? page.replay : undefined;
  scoreRoot.hidden = !arena;
  const hud = window.setInterval(() => {
    if (!arena) return;
    scoreboard.render(arena.state, arena.sessionId, false);
    rounds.render(arena.state);
  }, HUD_REFRESH_MS);
  replayPage = { ...page, hud };
}

function leaveReplay(message: string): void {
  if (replayPage) {
    window.clearInterval(replayPage.hud);
    replayPage.dispose();
    replayPage = undefined;
  }
  scoreRoot.hidden = true;
  rounds.hide();
  history.replaceState(null, "", "/");
  menu.show(message);
}

/** After a reload, go back to the held seat if there is one. */
async function resume(): Promise<void> {
  const token = session.load();
  if (!token) return menu.show();
  menu.show("Rejoining your game…");
  try {
    await enter(await reconnect(token));
  } catch (e) {
    // Refused (a damaged, foreign or expired token): nothing is kept, and the menu says why.
    session.clear();
    menu.show(e instanceof JoinFailure ? e.message : "Your previous game has ended.");
  }
}

function closeLobby(): void {
  lobby?.chat.dispose();
  lobby?.list.close();
  lobby = undefined;
  browser.setOpen(false);
}

async function enter(room: Room, watch = false): Promise<void> {
  replayOffer.clear();
  // Before any await: the spectator's start message follows the join at once.
  const spectator = watch && room.name === RoomName.Arena ? new ArenaSpectator(room) : undefined;
  await firstState(room);
  const feed = await spectator?.ready;
  closeLobby();
  if (invite) history.replaceState(null, "", location.pathname); // the link did its job
  const s = new GameSession(room, {
    onDrop: () => showBanner("Connection lost. Reconnecting…"),
    onReconnect: () => showBanner(""),
    onEnd: (message, code) => {
      leaveGame(message);
      replayOffer.offer(room.roomId, code);
    },
  });
  // A reload does not bring a spectator back into its seat as a player's client would be: it watches again from the menu.
  if (watch) session.clear();
  const entry = sceneFor(room.name);
  const view = feed ? { net: feed.replay, dispose: () => undefined } : entry.start(room);
  const net = view.net instanceof ArenaClient ? view.net : undefined;
  const watching = feed && { replay: feed.replay, controls: new ReplayControls(feed.replay, () => void s.leave(), { delaySeconds: feed.delaySeconds }) };
  menu.hide();
  gameRoot.hidden = false;
  scoreRoot.hidden = !net && !watching;
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent: gameRoot,
    backgroundColor: "#0d1117",
    scale: { mode: Phaser.Scale.RESIZE, width: window.innerWidth, height: window.innerHeight },
    scene: [],
  });
  game.scene.add(entry.key, entry.scene, true, { net: view.net, cue: (c: Cue) => sound.play(c), settings });
  let scene: ArenaScene | undefined;
  game.events.once("arena-ready", (ready: ArenaScene) => {
    scene = ready;
    // A spectator steers nothing: its keys and pointer stay with the page (chat).
    if (watching) ready.setInputEnabled(false);
  });
  const quality = new ConnectionQuality();
  const hud = window.setInterval(() => {
    roomBar.show(s.info, entry.label);
    if (watching) {
      scoreboard.render(watching.replay.state, watching.replay.sessionId, false);
      rounds.render(watching.replay.state);
      watching.controls.render();
    }
    if (!net) return;
    scoreboard.render(net.state, net.sessionId, s.isOwner);
    rounds.render(net.state, room.roomId);
    if (scene) feedbackHud.render(scene.feedback, net.state, performance.now());
    const stats = net.stats.snapshot(net.state.tick);
    debug.render(stats);
    roomBar.showLimited(quality.update(stats.rttMs), stats.rttMs);
  }, HUD_REFRESH_MS);
  // While the chat box has focus, the player's keys type instead of steering.
  const chat = new ChatPanel(chatRoot, new ChatClient(room), {
    onTyping: (typing) => scene?.setInputEnabled(!typing && !watching),
    onIncoming: () => sound.play("chat"),
    collapsed: isCoarsePointer(),
    opensWith: (e) => e.keyCode === KEY_CODES[settings.keys.chat],
  });
  current = { session: s, game, view, net, watching, chat, hud, releaseWakeLock: keepScreenAwake() };
}

function leaveGame(message: string): void {
  if (!current) return;
  window.clearInterval(current.hud);
  current.view.dispose();
  current.watching?.controls.dispose();
  current.chat.dispose();
  current.releaseWakeLock();
  current.game.destroy(true);
  current = undefined;
  gameRoot.hidden = true;
  scoreRoot.hidden = true;
  roomBar.hide();
  rounds.hide();
  feedbackHud.hide();
  showBanner("");
  menu.show(message);
}

function showBanner(text: string): void {
  banner.textContent = text;
  banner.hidden = text === "";
}

/** What takes effect outside the scene (which reads the settings itself, every frame). */
function applySettings(s: Settings): void {
  sound.volume = s.volume;
  document.documentElement.style.setProperty("--ui-scale", String(s.uiScale));
  howTo.showKeys(s.keys);
}

/** localStorage, or nothing where the browser refuses it (some private modes throw on access). */
function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
