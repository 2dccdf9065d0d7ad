/** Replay counters, on the process's one registry (server/metrics/registry.ts). */
import { Counter } from "prom-client";
import { registry } from "../../metrics/registry.ts";

export const replayMetrics = {
  saved: new Counter({ name: "skirmish_replays_saved_total", help: "Match replays stored (DATA_DIR/replays)", labelNames: ["type"], registers: [registry] }),
  failed: new Counter({ name: "skirmish_replays_failed_total", help: "Match replays that could not be stored (see the log)", labelNames: ["type"], registers: [registry] }),
};
