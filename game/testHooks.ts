import type { ArenaClient } from "./net/ArenaClient.ts";
import type { Connect4Client } from "./net/Connect4Client.ts";
import { ArenaReplay } from "./net/ArenaReplay.ts";
import type { Connect4Replay } from "./net/Connect4Replay.ts";

interface Point {
  x: number;
  y: number;
}

interface CameraView extends Point {
  zoom: number;
}

/** What a browser test may read of an arena room. Copies only: a test can never write game state through it. */
export interface TestView {
  roomId: string;
  sessionId: string;
  mapId: string;
  /** The local player's predicted position (exact, before render smoothing): ahead of its server copy in `players`. */
  me: Point | undefined;
  /**
   * The world point at the top-left of the canvas and the camera's zoom (screen pixels per
   * world unit: the field of view is fixed, shared/arena/interest.ts), so a test can turn a
   * world point into a mouse position: screen = (world - camera) * zoom. Undefined until the scene runs.
   */
  camera: CameraView | undefined;
  players: Array<{ id: string; name: string; x: number; y: number; aim: number; hp: number; score: number; alive: boolean; connected: boolean }>;
}

/** What a browser test may read of a Connect Four room. Copies only, like TestView. */
export interface Connect4View {
  roomId: string;
  sessionId: string;
  /** The board's scene is running: it takes clicks and keys 1–7 from now on. */
  ready: boolean;
  status: string;
  /** The colour to move (1 red, 2 yellow) while playing, else 0. */
  turn: number;
  /** 42 cells, row-major, row 0 at the top: 0 empty, 1 red, 2 yellow. */
  board: number[];
  players: Array<{ id: string; name: string; colour: number; connected: boolean }>;
}

/** What a browser test may read of a replay being shown. Copies only. */
export interface ReplayView {
  matchId: string;
  /** The input tick shown, and how many the log has. */
  tick: number;
  ticks: number;
  playing: boolean;
  speed: number;
  following: string;
  /** A live spectator's delayed view of a running room (the match id is the room's id), not a stored replay. */
  live: boolean;
  roomType: string;
  /** The arena's players (empty for Connect Four). */
  players: Array<{ id: string; name: string; x: number; y: number; alive: boolean; score: number }>;
  /** Connect Four: the 42 cells shown (as Connect4View's `board`), and who plays which colour. */
  board?: number[];
  seats?: Array<{ id: string; name: string; colour: number }>;
}

export interface TestHooks {
  /** The replay this page shows (/replay/<matchId>), or the arena it watches as a spectator; undefined otherwise. */
  replay(): ReplayView | undefined;
  /** The arena room this page is in; undefined in the menu or another game. */
  view(): TestView | undefined;
  /** The Connect Four room this page is in; undefined in the menu or another game. */
  connect4(): Connect4View | undefined;
  /** The signed-in (guest) account, once the page has one. */
  account(): { id: string; name: string } | undefined;
}

declare global {
  interface Window {
    /** Present only in test builds (VITE_TEST_HOOKS=1). */
    readonly __skirmish?: TestHooks;
  }
}

/** What the page is showing, as game/main.ts knows it. */
export interface HookSources {
  arena(): ArenaClient | undefined;
  connect4(): Connect4Client | undefined;
  replay(): ArenaReplay | Connect4Replay | undefined;
  /** The arena camera's world view and zoom, once its scene runs. */
  camera(): CameraView | undefined;
  /** Whether the Phaser scene with this key is running. */
  running(sceneKey: string): boolean;
  account(): { id: string; name: string } | undefined;
}

/**
 * Exposes `window.__skirmish` in test builds only (VITE_TEST_HOOKS=1 at build time);
 * production bundles drop this code entirely.
 */
export function installTestHooks(sources: HookSources): void {
  if (import.meta.env.VITE_TEST_HOOKS !== "1") return;
  const view = (): TestView | undefined => {
    const net = sources.arena();
    if (!net) return undefined;
    const players: TestView["players"] = [];
    net.state.players?.forEach((p, id) => {
      players.push({ id, name: p.name, x: p.x, y: p.y, aim: p.aim, hp: p.hp, score: p.score, alive: p.alive, connected: p.connected });
    });
    const camera = sources.camera();
    return {
      roomId: net.room.roomId,
      sessionId: net.sessionId,
      mapId: net.state.mapId,
      me: net.predictedPosition(),
      camera: camera && { x: camera.x, y: camera.y, zoom: camera.zoom },
      players,
    };
  };
  const connect4 = (): Connect4View | undefined => {
    const net = sources.connect4();
    if (!net) return undefined;
    const s = net.state;
    const players: Connect4View["players"] = [];
    s.players?.forEach((p, id) => players.push({ id, name: p.name, colour: p.colour, connected: p.connected }));
    return { roomId: net.room.roomId, sessionId: net.sessionId, ready: sources.running("connect4"), status: s.status, turn: s.turn, board: [...(s.board ?? [])], players };
  };
  const replay = (): ReplayView | undefined => {
    const r = sources.replay();
    if (!r) return undefined;
    const base = { matchId: r.log.header.matchId, roomType: r.log.header.roomType, tick: r.tick, ticks: r.ticks, playing: r.playing, speed: r.speed, following: r.sessionId, live: r.live };
    if (!(r instanceof ArenaReplay)) {
      const seats: NonNullable<ReplayView["seats"]> = [];
      r.state.players.forEach((p, id) => seats.push({ id, name: p.name, colour: p.colour }));
      return { ...base, players: [], board: [...r.state.board], seats };
    }
    const players: ReplayView["players"] = [];
    r.state.players.forEach((p, id) => players.push({ id, name: p.name, x: p.x, y: p.y, alive: p.alive, score: p.score }));
    return { ...base, players };
  };
  const account = () => {
    const a = sources.account();
    return a && { id: a.id, name: a.name };
  };
  Object.defineProperty(window, "__skirmish", { value: Object.freeze({ view, connect4, replay, account }), writable: false });
}
