/**
 * Requests as a browser or a hand-rolled client would send them, with the headers the SDK
 * cannot set (Origin, X-Forwarded-For), to test the access gate on the real server.
 */
import { request } from "node:http";
import { randomBytes } from "node:crypto";
import { PROTOCOL_VERSION } from "../../shared/protocol.ts";

export interface RawResponse {
  status: number;
  body: { code?: number; error?: string } & Record<string, unknown>;
  headers: Headers;
}

/** POST /matchmake/:method/:room with a JSON body, as the SDK does. */
export async function matchmake(url: string, method: string, room: string, headers: Record<string, string> = {}, body: unknown = { name: "raw", protocol: PROTOCOL_VERSION }): Promise<RawResponse> {
  const res = await fetch(`${url}/matchmake/${method}/${room}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as RawResponse["body"]) : {}, headers: res.headers };
}

/**
 * Attempt a WebSocket upgrade at `path` with `headers`; resolves with 101 when the server
 * accepts (the socket is then closed), or the HTTP status it refused with.
 */
export function upgradeStatus(url: string, headers: Record<string, string> = {}, path = "/"): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      headers: { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": randomBytes(16).toString("base64"), ...headers },
    });
    req.on("upgrade", (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}
