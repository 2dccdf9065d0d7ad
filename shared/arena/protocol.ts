/**
 * The arena's part of the registry: its creation options and its lobby-listing fields. Its
 * messages are the kit's (`event`, shared/messages.ts); intents travel on the input channel
 * (shared/arena/input.ts). See docs/protocol.md.
 */
import { z } from "zod";
import { MAPS } from "./maps.ts";

const MAP_IDS = Object.keys(MAPS) as [string, ...string[]];

/** The arena's own creation options, besides the kit's (shared/kit/options.ts). */
export const arenaOptionFields = {
  /** A map id from MAPS; the default map when absent. */
  map: z.enum(MAP_IDS, { error: `map must be one of: ${MAP_IDS.join(", ")}` }).optional(),
};
export type ArenaCreateOptions = z.input<z.ZodObject<typeof arenaOptionFields>>;

/** What an arena adds to its lobby listing (RoomServices.setListing). */
export const ArenaListing = z.object({
  /** The map's display name. */
  map: z.string(),
  /** Seats held by fill bots (a person may still take them). */
  bots: z.int(),
});
export type ArenaListing = z.infer<typeof ArenaListing>;
