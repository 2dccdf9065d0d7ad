/** Every room type this build can replay, by room name: the viewer and the server look logs up here. */
import { arenaReplayRules } from "../arena/replay.ts";
import { connect4ReplayRules } from "../connect4/replay.ts";
import type { ReplayRules } from "./rules.ts";

export const REPLAY_RULES: Readonly<Record<string, ReplayRules<unknown>>> = {
  [arenaReplayRules.roomType]: arenaReplayRules as ReplayRules<unknown>,
  [connect4ReplayRules.roomType]: connect4ReplayRules as ReplayRules<unknown>,
};
