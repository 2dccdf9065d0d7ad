/**
 * `npm run netcondition -- --target 2568 --listen 2567 --preset mobile4g`: the network
 * conditioner as a process in front of a running server. `npm run dev` starts it when
 * NET_CONDITIONER names a preset (scripts/dev.mjs), so the dev page's every request and
 * WebSocket crosses it. Each option falls back to its environment variable.
 */
import { parseCommandLine, usageError } from "./cli.ts";
import { startNetConditioner } from "../server/dev/NetConditioner.ts";
import { createConditionerControl } from "../server/dev/conditionerControl.ts";
import { NET_PRESET_NAMES, netPreset } from "../server/dev/netPresets.ts";

const env = process.env;
const tool = {
  usage: "npm run netcondition -- [options]",
  summary: "A seeded network conditioner (latency, jitter, loss as stalls, bandwidth, drops) between clients and a game server.",
  options: {
    target: { type: "string", default: env.NET_CONDITIONER_TARGET ?? "2568", help: "the game server's port on 127.0.0.1 (NET_CONDITIONER_TARGET)" },
    listen: { type: "string", default: env.NET_CONDITIONER_LISTEN ?? "2567", help: "the port clients connect to (NET_CONDITIONER_LISTEN)" },
    host: { type: "string", default: env.NET_CONDITIONER_HOST ?? "0.0.0.0", help: "the address to listen on (NET_CONDITIONER_HOST)" },
    preset: { type: "string", default: env.NET_CONDITIONER || "mobile4g", help: `the conditions: ${NET_PRESET_NAMES.join(", ")} (NET_CONDITIONER)` },
    seed: { type: "string", default: env.NET_CONDITIONER_SEED ?? "", help: "the seed, to repeat a run; none: a fresh one, printed (NET_CONDITIONER_SEED)" },
    "drop-every": { type: "string", default: env.NET_CONDITIONER_DROP_EVERY ?? "0", help: "cut every WebSocket each this many seconds, 0: never (NET_CONDITIONER_DROP_EVERY)" },
    control: { type: "string", default: env.NET_CONDITIONER_CONTROL ?? "2569", help: "the port of the control API the debug overlay uses, 0: none (NET_CONDITIONER_CONTROL)" },
    origins: { type: "string", default: env.ALLOWED_ORIGINS ?? "http://localhost:5173,http://127.0.0.1:5173", help: "comma-separated page origins the control API answers (ALLOWED_ORIGINS)" },
  },
} as const;
const { values } = parseCommandLine(tool);

const port = (name: keyof typeof values, allowZero = false): number => {
  const v = String(values[name]);
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535 || (!allowZero && n === 0)) usageError(tool, `--${name} must be a port number, got "${v}"`);
  return n;
};
const conditions = netPreset(values.preset);
if (!conditions) usageError(tool, `--preset must be one of ${NET_PRESET_NAMES.join(", ")}, got "${values.preset}"`);
// A fresh seed is drawn here, not in the conditioner: the tool prints it so the run can be repeated.
const seed = values.seed === "" ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) usageError(tool, `--seed must be an integer from 0 to 2^32-1, got "${values.seed}"`);
const dropEvery = Number(values["drop-every"]);
if (!Number.isInteger(dropEvery) || dropEvery < 0 || dropEvery > 86_400) usageError(tool, `--drop-every must be whole seconds from 0 to 86400, got "${values["drop-every"]}"`);

const target = port("target");
const listen = port("listen");
const controlPort = port("control", true);
const net = await startNetConditioner({ target: { port: target }, port: listen, host: values.host, seed, conditions });
const state = { preset: values.preset };
console.log(`net conditioner: ${values.host}:${listen} -> 127.0.0.1:${target}, preset ${values.preset}, seed ${seed} (repeat with NET_CONDITIONER_SEED=${seed})`);
if (dropEvery > 0) {
  const drop = () => {
    console.log(`net conditioner: dropped ${net.dropWebSockets()} WebSocket(s)`);
    net.later(dropEvery * 1000, drop);
  };
  net.later(dropEvery * 1000, drop);
}
const control = controlPort > 0 ? createConditionerControl(net, state, values.origins.split(",").map((o) => o.trim())) : undefined;
control?.listen(controlPort, values.host, () => console.log(`net conditioner: control API on port ${controlPort} (GET /net)`));

const stop = async () => {
  control?.close();
  await net.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
