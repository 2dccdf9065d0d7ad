import type { ArenaClient } from "./net/ArenaClient.ts";

/** What a browser test may read. Copies only: a test can never write game state through it. */
export interface TestView {
  roomId: string;
  sessionId: string;
  players: Array<{ id: string; name: string; x: number; y: number; hp: number; score: number; alive: boolean }>;
}

/**
 * Exposes `window.__skirmish.view()` in test builds only (VITE_TEST_HOOKS=1 at build time);
 * production bundles drop this code entirely.
 */
export function installTestHooks(getNet: () => ArenaClient | undefined): void {
  if (import.meta.env.VITE_TEST_HOOKS !== "1") return;
  const view = (): TestView | undefined => {
    const net = getNet();
    if (!net) return undefined;
    const players: TestView["players"] = [];
    net.state.players?.forEach((p, id) => {
      players.push({ id, name: p.name, x: p.x, y: p.y, hp: p.hp, score: p.score, alive: p.alive });
    });
    return { roomId: net.room.roomId, sessionId: net.sessionId, players };
  };
  Object.defineProperty(window, "__skirmish", { value: Object.freeze({ view }), writable: false });
}
