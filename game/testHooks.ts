import type { ArenaClient } from "./net/ArenaClient.ts";

interface Point {
  x: number;
  y: number;
}

/** What a browser test may read. Copies only: a test can never write game state through it. */
export interface TestView {
  roomId: string;
  sessionId: string;
  mapId: string;
  /** The local player's predicted position (exact, before render smoothing): ahead of its server copy in `players`. */
  me: Point | undefined;
  /**
   * The world point at the top-left of the canvas (camera zoom is 1), so a test can turn a
   * world point into a mouse position: screen = world - camera. Undefined until the scene runs.
   */
  camera: Point | undefined;
  players: Array<{ id: string; name: string; x: number; y: number; aim: number; hp: number; score: number; alive: boolean }>;
}

declare global {
  interface Window {
    /** Present only in test builds (VITE_TEST_HOOKS=1). */
    readonly __skirmish?: { view(): TestView | undefined };
  }
}

/**
 * Exposes `window.__skirmish.view()` in test builds only (VITE_TEST_HOOKS=1 at build time);
 * production bundles drop this code entirely.
 */
export function installTestHooks(getNet: () => ArenaClient | undefined, getCamera: () => Point | undefined): void {
  if (import.meta.env.VITE_TEST_HOOKS !== "1") return;
  const view = (): TestView | undefined => {
    const net = getNet();
    if (!net) return undefined;
    const players: TestView["players"] = [];
    net.state.players?.forEach((p, id) => {
      players.push({ id, name: p.name, x: p.x, y: p.y, aim: p.aim, hp: p.hp, score: p.score, alive: p.alive });
    });
    const camera = getCamera();
    return { roomId: net.room.roomId, sessionId: net.sessionId, mapId: net.state.mapId, me: net.predictedPosition(), camera: camera && { x: camera.x, y: camera.y }, players };
  };
  Object.defineProperty(window, "__skirmish", { value: Object.freeze({ view }), writable: false });
}
