// `npm run dev`: the game server restarting on change (tsx watch) and Vite with hot reload.
// The client in dev mode connects to the server on port 2567 of the same host.
import { spawn } from "node:child_process";

// The page comes from Vite (port 5173), the server is on 2567: a different origin, so the
// server must be told to accept the dev page's origin (docs/security.md, ALLOWED_ORIGINS).
const DEV_ORIGINS = "http://localhost:5173,http://127.0.0.1:5173";

const children = [
  spawn("tsx", ["watch", "--clear-screen=false", "server/main.ts"], { stdio: "inherit", env: { ...process.env, PORT: process.env.PORT ?? "2567", ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS ?? DEV_ORIGINS } }),
  spawn("vite", [], { stdio: "inherit" }),
];
const stop = () => {
  for (const c of children) c.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const c of children) c.on("exit", (code) => { if (code) stop(); });
