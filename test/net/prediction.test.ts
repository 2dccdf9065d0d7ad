/**
 * Prediction when the server disagrees: the server moves the player behind the client's back
 * (a teleport), and the client's prediction must jump there at once and then agree with the
 * server. On the simulated network and clock (test/helpers/simNetwork.ts), one fixed seed;
 * convergence.test.ts covers agreement without corrections over many seeds.
 */
import { describe, expect, it, vi } from "vitest";
import { FIXED_DT_MS } from "../../shared/constants.ts";

await vi.hoisted(async () => (await import("../helpers/simNetwork.ts")).installSimWebSocket());
const { joinSimPlayer, simServerForFile, untilAcked } = await import("../helpers/simArena.ts");

const SEED = 60;
const MODEL = { baseMs: 60, jitterMs: 10 };

const server = simServerForFile();

describe("client prediction", () => {
  it("follows a server-side teleport at once, then agrees with the server", async () => {
    const p = await joinSimPlayer(server(), SEED, MODEL);
    try {
      const right = { dx: 1, dy: 0, aim: 0, fire: false };
      /**
       * Play frames until `done()`; the largest distance one frame moved the prediction (the
       * simulation's answer) and the drawn position (after the render smoothing).
       */
      const playUntil = async (done: () => boolean): Promise<{ predicted: number; drawn: number }> => {
        const largest = { predicted: 0, drawn: 0 };
        let last = { predicted: p.client.predictedPosition()!, drawn: p.client.localPosition()! };
        while (!done()) {
          await vi.advanceTimersByTimeAsync(FIXED_DT_MS);
          p.client.frame(performance.now(), right);
          const now = { predicted: p.client.predictedPosition()!, drawn: p.client.localPosition()! };
          for (const k of ["predicted", "drawn"] as const) largest[k] = Math.max(largest[k], Math.hypot(now[k].x - last[k].x, now[k].y - last[k].y));
          last = now;
        }
        return largest;
      };
      const input = p.room.input();
      const before = await playUntil(() => input.sentCount > 30);

      // The server moves the player behind the client's back.
      const from = { x: p.truth().x, y: p.truth().y };
      Object.assign(p.truth(), { x: 1000, y: 300 });
      const distance = Math.hypot(1000 - from.x, 300 - from.y);
      const after = await playUntil(() => input.sentCount > 60);
      await untilAcked(p.room);

      // Teleport detection: moving normally, no frame moves the player far; after the teleport
      // one frame moves both the prediction and the drawn ship by about the teleport's distance
      // (the drawn one snaps rather than slides, as a correction past SNAP_DISTANCE should).
      expect(before.predicted).toBeLessThan(distance / 10);
      expect(before.drawn).toBeLessThan(distance / 10);
      expect(after.predicted).toBeGreaterThan(distance / 2);
      expect(after.drawn).toBeGreaterThan(distance / 2);
      expect(p.client.stats.corrections.total).toBeGreaterThan(0);
      // And then it agrees with the server, which kept moving the player right from there.
      const predicted = p.client.predictedPosition()!;
      expect(p.truth().x).toBeGreaterThan(1000);
      expect(predicted.x).toBeCloseTo(p.truth().x, 2);
      expect(predicted.y).toBeCloseTo(p.truth().y, 2);
    } finally {
      await p.close();
    }
  });
});
