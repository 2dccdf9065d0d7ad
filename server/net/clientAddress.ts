/**
 * The one place that decides a request's client address, for every per-address limit:
 * matchmaking, WebSocket upgrades, room-code lookups, monitor logins and plain HTTP
 * connections. Behind proxies the address is the one the nearest trusted proxy saw, read
 * from the right of X-Forwarded-For; hops further left were written by the client and are
 * never believed. `proxy-addr` (express's own) walks the header.
 *
 * Colyseus's AuthContext.ip takes the *first* hop of X-Real-IP or X-Forwarded-For, which a
 * client chooses: nothing in Skirmish reads it.
 */
import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";

/**
 * The header the access gate writes on every request it passes on, holding the address it
 * resolved (any client-sent value is overwritten), so that code which sees only headers
 * (a room's static onAuth, in the matchmaker) reads the same address as every limit.
 */
export const CLIENT_ADDRESS_HEADER = "x-skirmish-client-address";

/** TRUST_PROXY, parsed: no proxy, a number of proxy hops, or the proxies' addresses / subnets. */
export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "addresses"; addresses: readonly string[] };

/** Most proxy hops TRUST_PROXY may name (a CDN plus a load balancer is two). */
export const MAX_PROXY_HOPS = 10;

/**
 * TRUST_PROXY as given: unset or "0" (clients connect directly), a hop count ("1" for one
 * nginx), or a comma-separated list of proxy addresses or CIDR subnets (also proxy-addr's
 * names "loopback", "linklocal", "uniquelocal").
 * @example parseTrustProxy("1") // { kind: "hops", hops: 1 }
 * @example parseTrustProxy("10.0.0.0/8, 127.0.0.1")
 */
export function parseTrustProxy(raw: string | undefined): { ok: true; value: TrustProxy } | { ok: false; error: string } {
  const text = raw?.trim() ?? "";
  if (text === "" || text === "0") return { ok: true, value: { kind: "none" } };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_PROXY_HOPS) return { ok: false, error: `a hop count must be from 0 to ${MAX_PROXY_HOPS}, got "${text}"` };
    return { ok: true, value: { kind: "hops", hops } };
  }
  const addresses = text.split(",").map((a) => a.trim()).filter((a) => a !== "");
  try {
    proxyAddr.compile(addresses);
  } catch (e) {
    return { ok: false, error: `must be a hop count or a list of proxy addresses or subnets (${e instanceof Error ? e.message : String(e)})` };
  }
  return { ok: true, value: { kind: "addresses", addresses } };
}

/** A function from a request to its client address, for a TRUST_PROXY setting. */
export function clientAddressResolver(trust: TrustProxy): (req: IncomingMessage) => string {
  const trusted = trustFunction(trust);
  return (req) => {
    // A socket already closed has no address; group such requests rather than throw.
    if (req.socket.remoteAddress === undefined) return "unknown";
    return unmapV4(proxyAddr(req, trusted));
  };
}

function trustFunction(trust: TrustProxy): (addr: string, hop: number) => boolean {
  if (trust.kind === "none") return () => false;
  if (trust.kind === "hops") return (_addr, hop) => hop < trust.hops;
  return proxyAddr.compile([...trust.addresses]);
}

/** "::ffff:1.2.3.4" and "1.2.3.4" are one client. */
const unmapV4 = (a: string): string => (a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a);

/**
 * The scheme the browser used: https on a TLS socket; behind a trusted proxy, the right-most
 * X-Forwarded-Proto (the one the nearest proxy wrote); else http.
 */
export function requestSchemeResolver(trust: TrustProxy): (req: IncomingMessage) => "http" | "https" {
  return (req) => {
    if ((req.socket as { encrypted?: boolean }).encrypted) return "https";
    if (trust.kind === "none") return "http";
    const proto = String(req.headers["x-forwarded-proto"] ?? "").split(",").pop()?.trim().toLowerCase();
    return proto === "https" ? "https" : "http";
  };
}

/** Whether a socket's peer is one of the trusted proxies (with a hop count, every peer is). */
export function trustedProxyCheck(trust: TrustProxy): (address: string) => boolean {
  if (trust.kind === "none") return () => false;
  if (trust.kind === "hops") return () => trust.hops > 0;
  const trusted = proxyAddr.compile([...trust.addresses]);
  return (address) => trusted(address, 0);
}
