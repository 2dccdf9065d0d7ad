/**
 * The latency a player feels on the server's side, on the one registry (registry.ts): how
 * long an intent waited in the input buffer (its arrival to the tick that applied it) and how
 * deep each client's buffer was when a tick looked, by room type. Fed by IntentLatency.ts.
 */
import { Counter, Histogram } from "prom-client";
import { registry } from "./registry.ts";

const registers = [registry];

/** 2 ms … 1 s: one input tick is 33 ms, a standing backlog of six is 200 ms. */
const DELAY_BUCKETS = [0.002, 0.005, 0.01, 0.02, 0.033, 0.05, 0.067, 0.1, 0.15, 0.2, 0.3, 0.5, 1];
const DEPTH_BUCKETS = [0, 1, 2, 3, 4, 6, 8, 12, 16];

const delay = new Histogram({ name: "skirmish_intent_delay_seconds", help: "Time an intent waited on the server, from the frame that brought it to the tick that applied it, by room type.", labelNames: ["type"], buckets: DELAY_BUCKETS, registers });
const depth = new Histogram({ name: "skirmish_input_buffer_depth", help: "Intents waiting in a client's input buffer when a tick took from it, by room type (sampled every input tick per client).", labelNames: ["type"], buckets: DEPTH_BUCKETS, registers });
const drained = new Counter({ name: "skirmish_input_backlog_drained_total", help: "Extra intents applied to drain a standing input backlog (every tick of a second found more waiting than steady state leaves), by room type.", labelNames: ["type"], registers });

/** One room type's series, resolved once (the children skip label hashing on the hot path). */
export function intentSeries(type: string) {
  return { delay: delay.labels(type), depth: depth.labels(type), drained: drained.labels(type) };
}
export type IntentSeries = ReturnType<typeof intentSeries>;
