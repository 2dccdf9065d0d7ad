import type { Predict } from "@colyseus/sdk/predict";

/** The part of the SDK's Predictor this reaches: its profile table (private in @colyseus/sdk 0.18.4). */
interface ProfileTable {
  snapshotProfiles(): Array<{ id: number; mode: string; delay: number }>;
  setProfile(id: number, opts: { delay: number }): void;
}

/**
 * Set the interpolation delay of every lerp profile of `predict`: the defaults and each
 * `attachAll` group's own. `setDefaults({ delay })` reaches only the defaults, and an
 * `attachAll` group never follows them (the SDK gives each group its own profile so its debug
 * panel can tune groups apart), so the adaptive delay goes through the profile table the
 * panel itself uses. Returns how many profiles were set.
 */
export function setLerpDelay(predict: Predict<never> | object, ms: number): number {
  const table = predict as unknown as Partial<ProfileTable>;
  if (typeof table.snapshotProfiles !== "function" || typeof table.setProfile !== "function") {
    throw new Error("@colyseus/sdk's Predictor no longer has the profile table setLerpDelay uses (see game/net/predictDelay.ts)");
  }
  let set = 0;
  for (const p of table.snapshotProfiles()) {
    if (p.mode !== "lerp" || p.delay === ms) continue;
    table.setProfile(p.id, { delay: ms });
    set++;
  }
  return set;
}
