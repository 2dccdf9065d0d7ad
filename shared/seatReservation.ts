/**
 * A seat the server reserved for a client in another room (Colyseus's ISeatReservation): the
 * party and the ranked queue hand one to each member they place, and the client takes it with
 * `client.consumeSeatReservation(seat)`. Schema here so both directions of the registry share it.
 */
import { z } from "zod";

export const SeatReservation = z.object({
  name: z.string(),
  sessionId: z.string(),
  roomId: z.string(),
  processId: z.string().optional(),
  publicAddress: z.string().optional(),
  devMode: z.boolean().optional(),
});
export type SeatReservation = z.infer<typeof SeatReservation>;
