/**
 * Plain HTTP sent to the TLS port (someone typed http:// with the https port) gets an HTTP 400
 * that says so, instead of a TLS alert the browser shows as gibberish or a reset. Every TLS
 * connection starts with a handshake record, whose first byte is 0x16; anything else is not
 * TLS. The first chunk is read off the raw TCP socket, put back (`unshift`), and only a TLS
 * socket is handed on to node:tls. (The pattern of httpolyglot, which serves both on one port;
 * here the plain side only ever answers 400.)
 */
import type { Socket } from "node:net";

const TLS_HANDSHAKE = 0x16;

/** Hand `socket` on with `pass` once its first byte says TLS; answer 400 and close otherwise. */
export function passTlsOnly(socket: Socket, pass: () => void, timeoutMs: number): void {
  // A connection that says nothing is closed as a slow request would be.
  const timer = setTimeout(() => socket.destroy(), timeoutMs);
  socket.once("error", () => clearTimeout(timer));
  socket.once("close", () => clearTimeout(timer));
  socket.once("data", (chunk: Buffer) => {
    clearTimeout(timer);
    if (chunk[0] === TLS_HANDSHAKE) {
      socket.pause();
      socket.unshift(chunk);
      pass();
      return;
    }
    const body = JSON.stringify({ code: 400, error: "this port speaks HTTPS: use https:// in the address" });
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
