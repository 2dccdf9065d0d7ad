import type { Room } from "@colyseus/sdk";

/** Whether the room's first full state has been decoded (a join resolves before it arrives). */
function hasState(room: Room): boolean {
  const state = room.state as { toJSON?: () => Record<string, unknown> } | undefined;
  return !!state?.toJSON && Object.keys(state.toJSON()).length > 0;
}

/** Resolve once the room's first state is in, so scenes never draw an empty room. */
export function firstState(room: Room): Promise<void> {
  if (hasState(room)) return Promise.resolve();
  return new Promise((resolve) => room.onStateChange.once(() => resolve()));
}
