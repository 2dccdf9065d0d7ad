/** A match is a loop of timed rounds with a short intermission showing the scoreboard. */
export type Phase = "playing" | "intermission";

export const Phase = {
  Playing: "playing",
  Intermission: "intermission",
} as const satisfies Record<string, Phase>;

export interface RoundTiming {
  /** Ticks a round lasts. */
  roundTicks: number;
  /** Ticks the end-of-round scoreboard shows before the next round. */
  intermissionTicks: number;
}

export interface RoundState {
  phase: Phase;
  /** 1 for the first round. */
  round: number;
  /** Ticks until the phase changes. */
  ticksLeft: number;
}

export type RoundEvent = { type: "round_end"; round: number } | { type: "round_start"; round: number };

export const firstRound = (t: RoundTiming): RoundState => ({ phase: Phase.Playing, round: 1, ticksLeft: t.roundTicks });

/** Count one tick down; returns the event when the phase changes. */
export function advanceRound(r: RoundState, t: RoundTiming): RoundEvent | undefined {
  if (--r.ticksLeft > 0) return undefined;
  if (r.phase === Phase.Playing) {
    r.phase = Phase.Intermission;
    r.ticksLeft = t.intermissionTicks;
    return { type: "round_end", round: r.round };
  }
  r.phase = Phase.Playing;
  r.round++;
  r.ticksLeft = t.roundTicks;
  return { type: "round_start", round: r.round };
}
