/**
 * Fills rooms with load clients: in each room of `roomSize`, the first client creates it and
 * the rest join it by id, so every room holds exactly `roomSize` players however many join
 * at once. One client per `botEvery` is a real SDK client that decodes the state (a Bot in
 * arena rooms; in the plain room, which has no input channel, an SDK client sending the
 * plain input message); every other client is a RawClient.
 */
import { Client, type Room } from "@colyseus/sdk";
import { Bot } from "../../headless/bots/Bot.ts";
import type { Histogram } from "./Histogram.ts";
import type { Intent } from "../../shared/arena/world.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol.ts";
import { createRng, type Rng } from "../../shared/rng.ts";
import { PLAIN_INPUT } from "../rooms/PlainRoom.ts";
import { buildFrames, IntentBatcher, intentBodies, scriptedIntents, type RoomKind } from "./frames.ts";
import { RawClient, reserveSeat, type Traffic } from "./RawClient.ts";
import type { SendWheel } from "./SendWheel.ts";

export interface PopulationOptions {
  base: string;
  roomName: string;
  kind: RoomKind;
  clients: number;
  roomSize: number;
  botEvery: number;
  /** Rooms being filled at once. */
  concurrency: number;
  inputHz: number;
  /** Intents per input frame for arena raw clients (1: one reliable frame per intent). */
  inputBatch: number;
  wheel: SendWheel;
  traffic: Traffic;
  rtt: Histogram;
}

export interface Population {
  raw: RawClient[];
  /** The 16th (last) joiner of each room: its full state is the largest a joiner gets. */
  lastJoiners: RawClient[];
  bots: Bot[];
  decoders: Room[];
  roomIds: string[];
  failures: string[];
}

const INTENTS = scriptedIntents();
const BODIES = intentBodies(INTENTS);
/** A load client holds one heading for 0.5–2 s, like a player crossing a room. */
const HOLD_SECONDS: readonly [number, number] = [0.5, 2];
const LATENCY_PROBE_SECONDS = 2;

export async function populate(o: PopulationOptions): Promise<Population> {
  const pop: Population = { raw: [], lastJoiners: [], bots: [], decoders: [], roomIds: [], failures: [] };
  const frames = buildFrames(o.kind, INTENTS);
  const groups = Math.ceil(o.clients / o.roomSize);
  let nextGroup = 0;
  const worker = async () => {
    while (nextGroup < groups) {
      const g = nextGroup++;
      const size = Math.min(o.roomSize, o.clients - g * o.roomSize);
      await fillRoom(o, pop, g, size, frames).catch((e: Error) => pop.failures.push(e.message));
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return pop;
}

async function fillRoom(o: PopulationOptions, pop: Population, g: number, size: number, frames: Array<Uint8Array<ArrayBuffer>>): Promise<void> {
  const creator = await joinRaw(o, pop, { create: o.roomName }, `load-${g}-0`, frames, g * o.roomSize);
  const roomId = creator.seat.roomId;
  pop.roomIds.push(roomId);
  for (let j = 1; j < size; j++) {
    const index = g * o.roomSize + j;
    const name = `load-${g}-${j}`;
    try {
      if (o.botEvery > 0 && j % o.botEvery === 1) await joinDecoder(o, pop, roomId, index);
      else {
        const c = await joinRaw(o, pop, { roomId }, name, frames, index);
        if (j === o.roomSize - 1) pop.lastJoiners.push(c);
      }
    } catch (e) {
      pop.failures.push((e as Error).message);
    }
  }
}

async function joinRaw(
  o: PopulationOptions,
  pop: Population,
  target: { create: string } | { roomId: string },
  name: string,
  frames: Array<Uint8Array<ArrayBuffer>>,
  index: number,
): Promise<RawClient> {
  const seat = await reserveSeat(o.base, target, name);
  const client = await RawClient.connect(o.base, seat, o.traffic, o.rtt);
  pop.raw.push(client);
  const next = scriptedPlayer(createRng(index + 1), o.inputHz);
  let sends = index; // staggers the latency probes across clients
  const probeEvery = Math.round(LATENCY_PROBE_SECONDS * o.inputHz);
  const batcher = o.kind === "arena" && o.inputBatch > 1 ? new IntentBatcher(BODIES, o.inputBatch) : undefined;
  o.wheel.add(() => {
    const i = next();
    const frame = batcher ? batcher.push(i) : frames[i]!;
    if (frame) client.send(frame);
    if (++sends % probeEvery === 0) client.probeLatency();
  });
  return client;
}

async function joinDecoder(o: PopulationOptions, pop: Population, roomId: string, index: number): Promise<void> {
  const sdk = new Client(o.base);
  if (o.kind === "arena") {
    const bot = await Bot.join(sdk, `bot-${index}`, { roomId, seed: index });
    pop.bots.push(bot);
    o.wheel.add(() => bot.tick(1 / o.inputHz));
    return;
  }
  const room = await sdk.joinById(roomId, { name: `decoder-${index}`, protocol: PROTOCOL_VERSION });
  pop.decoders.push(room);
  room.onMessage("*", () => undefined); // the floor room's stand-in frames
  const next = scriptedPlayer(createRng(index + 1), o.inputHz);
  o.wheel.add(() => room.send(PLAIN_INPUT, INTENTS[next()] as Intent));
}

/** The index of the intent to send next: a heading held for a while, then another. */
function scriptedPlayer(rng: Rng, hz: number): () => number {
  let current = 0;
  let hold = 0;
  return () => {
    if (--hold <= 0) {
      current = Math.floor(rng.next() * INTENTS.length);
      hold = Math.round((HOLD_SECONDS[0] + rng.next() * (HOLD_SECONDS[1] - HOLD_SECONDS[0])) * hz);
    }
    return current;
  };
}
