/**
 * Which page origins may use this server: matchmaking, WebSocket upgrades and every HTTP
 * route (a browser sends Origin on every cross-origin request and on every upgrade).
 *
 * - ALLOWED_ORIGINS set: exactly those (scheme, host and port).
 * - Else PUBLIC_ADDRESS set: its host, with the request's own scheme.
 * - Else: the request's own Host and scheme, and only when that host is `localhost` or an IP
 *   address. A DNS name is refused until the host names it: otherwise a DNS-rebinding page
 *   (evil.example re-pointed at this server) would match its own Host header and pass.
 */
import { isIP } from "node:net";

export interface OriginPolicy {
  /** ALLOWED_ORIGINS, exact; undefined when unset. */
  allowed: readonly string[] | undefined;
  /** PUBLIC_ADDRESS's host[:port] (its path dropped), lower case; undefined when unset. */
  publicHost: string | undefined;
}

/** Where a request arrived: its Host header and the scheme the browser used. */
export interface RequestSite {
  host: string | undefined;
  scheme: "http" | "https";
}

/** The policy for the host's settings. @example originPolicy(undefined, "play.example.com/s1") */
export function originPolicy(allowed: readonly string[] | undefined, publicAddress: string | undefined): OriginPolicy {
  const publicHost = publicAddress?.split("/")[0]?.toLowerCase();
  return { allowed, publicHost: publicHost || undefined };
}

/**
 * Whether a request's Origin header may use this server. No Origin at all is a non-browser
 * client (a bot, the SDK in Node, curl), which could forge any Origin anyway: the check
 * protects players' browsers from other sites, it is not authentication.
 */
export function originAllowed(origin: string | undefined, site: RequestSite, policy: OriginPolicy): boolean {
  if (origin === undefined) return true;
  if (policy.allowed !== undefined) return policy.allowed.includes(origin);
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== `${site.scheme}:`) return false;
  if (policy.publicHost !== undefined) return url.host === policy.publicHost;
  if (site.host === undefined || url.host !== site.host.toLowerCase()) return false;
  const name = url.hostname.replace(/^\[|\]$/g, "");
  return name === "localhost" || isIP(name) !== 0;
}

/** What to tell a refused page, naming the setting that would let it in. */
export function originHint(origin: string | undefined, policy: OriginPolicy): string {
  if (policy.allowed !== undefined) return `origin ${String(origin)} is not in ALLOWED_ORIGINS`;
  return `origin ${String(origin)} is not this server's; a host serving players under a domain name sets PUBLIC_ADDRESS or ALLOWED_ORIGINS`;
}
