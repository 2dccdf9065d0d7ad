/**
 * The conditioner's control API, for the debug overlay of a development build: read the
 * conditions and counts, switch to a preset, stall or drop. Served on its own port by the
 * conditioner's process (never by the game server), answering only the origins it is given.
 *
 *   GET  /net                 → { preset, presets, conditions, stats }
 *   POST /net/preset/<name>   → switch (404 with the names for an unknown one)
 *   POST /net/stall?ms=<ms>   → forward nothing for ms (1 to 30000)
 *   POST /net/drop            → cut every WebSocket (the SDK reconnects)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { NetConditioner } from "./NetConditioner.ts";
import { NET_PRESET_NAMES, netPreset } from "./netPresets.ts";

export interface ControlState {
  /** The preset in force, or "custom" after conditions were set by other means. */
  preset: string;
}

const MAX_STALL_MS = 30_000;

export function createConditionerControl(net: NetConditioner, state: ControlState, allowedOrigins: readonly string[]): Server {
  return createServer((req, res) => {
    const origin = req.headers.origin;
    // A page of another origin gets no answer it can read, and cannot change anything.
    if (origin !== undefined && !allowedOrigins.includes(origin)) return answer(res, 403, { error: "origin not allowed" });
    if (origin !== undefined) res.setHeader("access-control-allow-origin", origin).setHeader("vary", "Origin");
    route(req, res, net, state);
  });
}

function route(req: IncomingMessage, res: ServerResponse, net: NetConditioner, state: ControlState): void {
  const url = new URL(req.url ?? "/", "http://control");
  const path = url.pathname;
  if (req.method === "GET" && path === "/net") return answer(res, 200, { preset: state.preset, presets: NET_PRESET_NAMES, conditions: net.current(), stats: net.stats() });
  if (req.method !== "POST") return answer(res, 404, { error: "not found" });
  const preset = /^\/net\/preset\/([A-Za-z0-9]+)$/.exec(path);
  if (preset) {
    const conditions = netPreset(preset[1]!);
    if (!conditions) return answer(res, 404, { error: `no preset "${preset[1]}"; presets: ${NET_PRESET_NAMES.join(", ")}` });
    net.set(conditions);
    state.preset = preset[1]!;
    return answer(res, 200, { preset: state.preset });
  }
  if (path === "/net/stall") {
    const ms = Number(url.searchParams.get("ms"));
    if (!Number.isInteger(ms) || ms < 1 || ms > MAX_STALL_MS) return answer(res, 400, { error: `ms must be an integer from 1 to ${MAX_STALL_MS}` });
    net.stall(ms);
    return answer(res, 200, { stalledMs: ms });
  }
  if (path === "/net/drop") return answer(res, 200, { dropped: net.dropWebSockets() });
  answer(res, 404, { error: "not found" });
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
