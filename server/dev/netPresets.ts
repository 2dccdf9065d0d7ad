/**
 * What a network does to one direction of a TCP connection, and the named presets the
 * conditioner offers (server/dev/NetConditioner.ts, docs/netcode.md).
 *
 * Loss is given as it happens on the wire (a share of segments lost), but it never reaches a
 * WebSocket as a missing message: TCP retransmits the segment and holds everything sent after
 * it until it arrives. So the conditioner turns each loss into a head-of-line stall of one
 * retransmission timeout, doubled for each further loss in a burst, as TCP backs off.
 */
import { z } from "zod";

const ms = z.number().min(0).max(60_000);

/** One direction (client to server, or server to client). */
export const LinkConditionsSchema = z.object({
  /** Fixed one-way delay, ms. */
  latencyMs: ms,
  /** Extra one-way delay, uniform in [0, jitterMs) per chunk; never reorders (TCP delivers in order). */
  jitterMs: ms,
  /** Share of chunks lost on the wire, each becoming a head-of-line stall (0 to 0.5). */
  loss: z.number().min(0).max(0.5),
  /** Mean losses in a row (1: isolated losses); each further one doubles the stall, as TCP's retransmission backs off. */
  lossBurst: z.number().min(1).max(8),
  /** Bandwidth cap in kilobits per second; 0: none. */
  kbps: z.number().min(0).max(10_000_000),
});
export type LinkConditions = z.infer<typeof LinkConditionsSchema>;

export const NetConditionsSchema = z.object({ up: LinkConditionsSchema, down: LinkConditionsSchema });
/** Both directions: `up` is client to server, `down` server to client. */
export type NetConditions = z.infer<typeof NetConditionsSchema>;

/** Linux's minimum retransmission timeout (TCP_RTO_MIN): a lost segment is never resent sooner. */
export const TCP_RTO_MIN_MS = 200;
/** Most consecutive losses one burst is drawn with (a stall of 63 timeouts at most). */
export const MAX_BURST_LOSSES = 6;

const clean: LinkConditions = { latencyMs: 0, jitterMs: 0, loss: 0, lossBurst: 1, kbps: 0 };
const link = (l: Partial<LinkConditions>): LinkConditions => ({ ...clean, ...l });

/**
 * The presets. Figures are typical, not measured here: a home Wi-Fi hop to a nearby server,
 * a 4G phone (higher, noisier delay; uplink narrower than downlink), and a crowded hotel
 * network (a shared, lossy, narrow link with bursty loss).
 */
export const NET_PRESETS = {
  off: { up: clean, down: clean },
  goodWifi: { up: link({ latencyMs: 8, jitterMs: 4, loss: 0.001 }), down: link({ latencyMs: 8, jitterMs: 4, loss: 0.001 }) },
  mobile4g: {
    up: link({ latencyMs: 35, jitterMs: 20, loss: 0.005, lossBurst: 1.5, kbps: 2_000 }),
    down: link({ latencyMs: 35, jitterMs: 20, loss: 0.005, lossBurst: 1.5, kbps: 8_000 }),
  },
  badHotel: {
    up: link({ latencyMs: 90, jitterMs: 60, loss: 0.02, lossBurst: 2, kbps: 256 }),
    down: link({ latencyMs: 90, jitterMs: 60, loss: 0.02, lossBurst: 2, kbps: 1_000 }),
  },
} as const satisfies Record<string, NetConditions>;

export type NetPresetName = keyof typeof NET_PRESETS;
export const NET_PRESET_NAMES = Object.keys(NET_PRESETS) as NetPresetName[];

/** A preset by name, or undefined for a name that is none of them. */
export const netPreset = (name: string): NetConditions | undefined => (Object.hasOwn(NET_PRESETS, name) ? NET_PRESETS[name as NetPresetName] : undefined);
