// `npm run dev`: the game server restarting on change (tsx watch) and Vite with hot reload.
// The client in dev mode connects to the server on port 2567 of the same host.
// NET_CONDITIONER=<preset> (off, goodWifi, mobile4g, badHotel) puts the network conditioner
// on port 2567 and the server behind it on 2568, so every request and WebSocket of the dev
// page crosses a seeded imperfect network (docs/netcode.md).
import { spawn } from "node:child_process";

// The page comes from Vite (port 5173), the server is on 2567: a different origin, so the
// server must be told to accept the dev page's origin (docs/security.md, ALLOWED_ORIGINS).
const DEV_ORIGINS = "http://localhost:5173,http://127.0.0.1:5173";
const origins = process.env.ALLOWED_ORIGINS ?? DEV_ORIGINS;
const publicPort = process.env.PORT ?? "2567";
const conditioned = Boolean(process.env.NET_CONDITIONER);
const serverPort = conditioned ? String(Number(publicPort) + 1) : publicPort;
const controlPort = String(Number(publicPort) + 2);

const children = [
  spawn("tsx", ["watch", "--clear-screen=false", "server/main.ts"], { stdio: "inherit", env: { ...process.env, PORT: serverPort, ALLOWED_ORIGINS: origins } }),
  spawn("vite", [], { stdio: "inherit", env: { ...process.env, ...(conditioned ? { VITE_NET_CONDITIONER_CONTROL: controlPort } : {}) } }),
];
if (conditioned) {
  // The conditioner checks NET_CONDITIONER and its other variables, and exits (stopping all) on a bad one.
  const args = ["scripts/netcondition.ts", "--listen", publicPort, "--target", serverPort, "--control", controlPort, "--origins", origins];
  children.push(spawn("tsx", args, { stdio: "inherit" }));
}
const stop = () => {
  for (const c of children) c.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const c of children) c.on("exit", (code) => { if (code) stop(); });
