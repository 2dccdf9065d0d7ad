/**
 * One round trip of the netcode benchmark: a fresh server behind the conditioner at `rttMs`
 * (half each way) with JITTER_MS of jitter and LOSS of loss each way (TCP turns each loss into a
 * head-of-line stall, netPresets.ts); `players` predicting ArenaClients and `bots` SDK bots in one
 * arena for `seconds` after a warm-up; then a DROP_MS outage, timed until the first player has
 * every message the server sent it meanwhile.
 */
import { Client } from "@colyseus/sdk";
import { Bot } from "../../headless/bots/Bot.ts";
import type { KitRoom } from "../../server/kit/KitRoom.ts";
import { registry } from "../../server/metrics/registry.ts";
import type { LinkConditions } from "../../server/dev/netPresets.ts";
import { INPUT_INTERVAL_MS } from "../../shared/constants.ts";
import { Player } from "./Player.ts";
import { PAIR_MS } from "./ScreenHits.ts";
import { startBenchServer } from "./server.ts";

export const JITTER_MS = 20;
export const LOSS = 0.02;
export const DROP_MS = 5000;
const WARMUP_MS = 2000;
/** Messages the room is made to send while the player is away, besides its own. */
const SENT_WHILE_AWAY = 5;

export interface RttResult {
  rttMs: number;
  seconds: number;
  /** Own-player visible corrections per minute, mean over the players. */
  correctionsPerMinute: number;
  /** Remote players' frames drawn past the newest patch, 0–1. */
  extrapolatedShare: number;
  /** Mean interpolation delay used, ms. */
  interpolationMs: number;
  screenHits: number;
  agreedHits: number;
  /** agreedHits / screenHits, or NaN when nothing hit on screen. */
  hitAgreement: number;
  intentDelayP50Ms: number;
  intentDelayP99Ms: number;
  intents: number;
  /** From the end of the drop to the last missed message handled, ms. */
  resumeMs: number;
  sentDuringDrop: number;
  lostInDrop: number;
}

export interface RttOptions {
  rttMs: number;
  seconds: number;
  players: number;
  bots: number;
  seed: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runRtt(o: RttOptions): Promise<RttResult> {
  const link: LinkConditions = { latencyMs: o.rttMs / 2, jitterMs: JITTER_MS, loss: LOSS, lossBurst: 1, kbps: 0 };
  const server = await startBenchServer(o.seed, { up: link, down: link });
  const players: Player[] = [];
  const bots: Bot[] = [];
  let botTimer: ReturnType<typeof setInterval> | undefined;
  try {
    players.push(await Player.join(server.net.url, "player-0", o.seed));
    const roomId = players[0]!.room.roomId;
    for (let i = 1; i < o.players; i++) players.push(await Player.join(server.net.url, `player-${i}`, o.seed + i, roomId));
    for (let i = 0; i < o.bots; i++) bots.push(await Bot.join(new Client(server.net.url), `bot-${i}`, { roomId, seed: o.seed * 31 + i }));
    botTimer = setInterval(() => bots.forEach((b) => b.tick(INPUT_INTERVAL_MS / 1000)), INPUT_INTERVAL_MS);
    players.forEach((p) => p.start());
    await sleep(WARMUP_MS);

    const delay = registry.getSingleMetric("skirmish_intent_delay_seconds") as unknown as { reset(): void };
    delay.reset();
    const base = players.map((p) => ({ ...p.client.stats.totals }));
    players.forEach((p) => p.takeMeanDelay());
    await sleep(o.seconds * 1000);
    const totals = players.map((p, i) => diff(p.client.stats.totals, base[i]!));
    const interpolationMs = mean(players.map((p) => p.takeMeanDelay()));
    const intent = await intentDelay();
    // No new screen hits; the last ones' server verdicts still come in.
    players.forEach((p) => (p.counting = false));
    await sleep(PAIR_MS);
    const screenHits = sum(players.map((p) => p.hits.screen));
    const agreedHits = sum(players.map((p) => p.hits.agreed));
    const resume = await dropAndResume(server.room<KitRoom<any, any, any, any>>(roomId), server.net, players[0]!);
    const minutes = o.seconds / 60;
    return {
      rttMs: o.rttMs,
      seconds: o.seconds,
      correctionsPerMinute: mean(totals.map((t) => t.visibleCorrections / minutes)),
      extrapolatedShare: sum(totals.map((t) => t.extrapolatedFrames)) / Math.max(1, sum(totals.map((t) => t.frames))),
      interpolationMs,
      screenHits,
      agreedHits,
      hitAgreement: screenHits > 0 ? agreedHits / screenHits : Number.NaN,
      intentDelayP50Ms: intent.p50,
      intentDelayP99Ms: intent.p99,
      intents: intent.count,
      ...resume,
    };
  } finally {
    clearInterval(botTimer);
    await Promise.all([...players.map((p) => p.stop()), ...bots.map((b) => b.leave())]);
    await server.stop();
  }
}

/**
 * Cut every socket for DROP_MS (new ones refused too) while the room sends the player chat lines
 * and its own messages; time from the end of the drop until the player has handled every
 * message numbered for it meanwhile, and count the ones that never came.
 */
async function dropAndResume(host: KitRoom<any, any, any, any>, net: Awaited<ReturnType<typeof startBenchServer>>["net"], player: Player): Promise<{ resumeMs: number; sentDuringDrop: number; lostInDrop: number }> {
  const id = player.room.sessionId;
  const next = () => ringNext(host, id);
  const first = next();
  net.outage(DROP_MS);
  const step = DROP_MS / (SENT_WHILE_AWAY + 1);
  for (let i = 1; i <= SENT_WHILE_AWAY; i++) {
    await sleep(step);
    host.chat.announce(`netcode bench: sent while away ${i}`);
  }
  await sleep(DROP_MS - step * SENT_WHILE_AWAY);
  const end = performance.now();
  const last = next() - 1;
  const missed = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const deadline = end + 30_000;
  while (performance.now() < deadline && !missed.every((n) => player.received.has(n))) await sleep(5);
  const resumeMs = performance.now() - end;
  return { resumeMs, sentDuringDrop: missed.length, lostInDrop: missed.filter((n) => !player.received.has(n)).length };
}

/** The next number the room's outbox gives this seat (read from its ring: the benchmark's view of what the server sent). */
function ringNext(host: KitRoom<any, any, any, any>, sessionId: string): number {
  const streams = (host.outbox as unknown as { streams: Map<string, { ring?: { next: number } }> }).streams;
  const ring = streams.get(sessionId)?.ring;
  if (!ring) throw new Error(`seat ${sessionId} is not numbered`);
  return ring.next;
}

/** p50 and p99 of the server's intent-delay histogram (all rooms), interpolated within buckets as Prometheus's histogram_quantile does. */
async function intentDelay(): Promise<{ p50: number; p99: number; count: number }> {
  const metric = await registry.getSingleMetric("skirmish_intent_delay_seconds")!.get();
  const buckets = new Map<number, number>();
  for (const v of metric.values) {
    if (!(v as { metricName?: string }).metricName?.endsWith("_bucket")) continue;
    const le = v.labels.le === "+Inf" ? Number.POSITIVE_INFINITY : Number(v.labels.le);
    buckets.set(le, (buckets.get(le) ?? 0) + v.value);
  }
  const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
  const count = sorted.at(-1)?.[1] ?? 0;
  const quantile = (q: number): number => {
    if (count === 0) return Number.NaN;
    const rank = q * count;
    let lower = 0;
    let below = 0;
    for (const [le, cumulative] of sorted) {
      if (cumulative >= rank) {
        if (!Number.isFinite(le)) return lower * 1000;
        return (lower + ((le - lower) * (rank - below)) / Math.max(1, cumulative - below)) * 1000;
      }
      lower = le;
      below = cumulative;
    }
    return lower * 1000;
  };
  return { p50: quantile(0.5), p99: quantile(0.99), count };
}

function diff<T extends Record<string, number>>(a: T, b: T): T {
  return Object.fromEntries(Object.keys(a).map((k) => [k, a[k]! - b[k]!])) as T;
}
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const mean = (xs: number[]) => (xs.length > 0 ? sum(xs) / xs.length : 0);
