// `npm run dev`: the game server restarting on change (tsx watch) and Vite with hot reload.
// The client in dev mode connects to the server on port 2567 of the same host.
import { spawn } from "node:child_process";

const children = [
  spawn("tsx", ["watch", "--clear-screen=false", "server/main.ts"], { stdio: "inherit", env: { ...process.env, PORT: process.env.PORT ?? "2567" } }),
  spawn("vite", [], { stdio: "inherit" }),
];
const stop = () => {
  for (const c of children) c.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const c of children) c.on("exit", (code) => { if (code) stop(); });
