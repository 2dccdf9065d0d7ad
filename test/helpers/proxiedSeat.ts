/**
 * A player as the server sees them through a reverse proxy: every request carries the
 * X-Forwarded-For header the proxy would write. Used to test that per-address limits count
 * the address the trusted proxy saw, never a hop the client wrote.
 */
import { request } from "node:http";
import type { Duplex } from "node:stream";
import { randomBytes } from "node:crypto";
import { PROTOCOL_VERSION } from "../../shared/protocol.ts";
import { matchmake } from "./rawHttp.ts";

/** An open WebSocket upgrade (a seated player), or the status the upgrade was refused with. */
export type Upgrade = { status: 101; socket: Duplex } | { status: number; socket?: undefined };

/** Upgrade at `path` and keep the socket open (the caller destroys it). */
export function holdUpgrade(url: string, path: string, headers: Record<string, string>): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      headers: { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": randomBytes(16).toString("base64"), ...headers },
    });
    req.on("upgrade", (_res, socket) => resolve({ status: 101, socket }));
    req.on("response", (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on("error", reject);
    req.end();
  });
}

/** Reserve an arena seat and open its WebSocket, both with `forwardedFor` as X-Forwarded-For. */
export async function seatBehindProxy(url: string, forwardedFor: string, name: string): Promise<Upgrade> {
  const headers = { "x-forwarded-for": forwardedFor };
  const res = await matchmake(url, "joinOrCreate", "arena", headers, { name, protocol: PROTOCOL_VERSION });
  if (res.status !== 200) return { status: res.status };
  const seat = res.body as { sessionId: string; roomId: string; processId: string };
  return holdUpgrade(url, `/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`, headers);
}
