import { Client, type Room } from "@colyseus/sdk";
import { JoinError, PROTOCOL_VERSION, RoomName } from "../../shared/protocol.ts";
import { GuestAccount } from "./GuestAccount.ts";
import { codeLookupMessage, joinErrorMessage } from "./joinErrors.ts";

/**
 * The server endpoint: the page's own origin when served by `npm start`; in `npm run dev`
 * (Vite on another port) the game server on port 2567 of the same host, or VITE_SERVER_URL.
 */
export function serverUrl(): string {
  const explicit = import.meta.env.VITE_SERVER_URL as string | undefined;
  if (explicit) return explicit;
  if (import.meta.env.DEV) return `${location.protocol}//${location.hostname}:2567`;
  return location.origin;
}

function localStore(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** This browser's guest account: every join below carries its access token. */
export const account = new GuestAccount(serverUrl, localStore());

const client = (): Client => new Client(serverUrl());

/** A client that joins as the player's account (the room seats the account, named `name`). */
async function signedIn(name: string): Promise<Client> {
  const c = client();
  const token = await account.tokenFor(name);
  if (token) c.auth.token = token;
  return c;
}
const options = (name: string, extra: Record<string, unknown> = {}) => ({ name, protocol: PROTOCOL_VERSION, ...extra });

/** A failure the menu can show as it is. */
export class JoinFailure extends Error {
  override name = "JoinFailure";
}

/** Quick play: the fullest public room of this type with a seat, or a new one. */
export const quickPlay = (type: string, name: string): Promise<Room> => attempt(async () => (await signedIn(name)).joinOrCreate(type, options(name, { seatOpen: true })));

/** A new private room, reachable only through its code. */
export const createPrivate = (type: string, name: string): Promise<Room> => attempt(async () => (await signedIn(name)).create(type, options(name, { private: true })));

export const joinById = (roomId: string, name: string): Promise<Room> => attempt(async () => (await signedIn(name)).joinById(roomId, options(name)));

/** Watch a room (docs/replays.md, "Live spectating"): a spectator seat, no entity, no input. */
export const watchById = (roomId: string, name: string): Promise<Room> => attempt(async () => (await signedIn(name)).joinById(roomId, options(name, { spectate: true })));

/** Back into a held seat (after a reload): the token came from sessionStorage. */
export const reconnect = (token: string): Promise<Room> => attempt(() => client().reconnect(token));

/** The live room list (Colyseus LobbyRoom). */
export const openLobby = (name: string): Promise<Room> => attempt(() => client().joinOrCreate(RoomName.Lobby, options(name)));

/** Resolve a private code through the server's rate-limited lookup, then join that room. */
export async function joinByCode(code: string, name: string, watch = false): Promise<Room> {
  const res = await fetch(`${serverUrl()}/api/rooms/code/${encodeURIComponent(code.trim())}`);
  const body = (await res.json().catch(() => ({}))) as { roomId?: string; error?: string };
  if (!res.ok || !body.roomId) throw new JoinFailure(codeLookupMessage(res.status, body.error));
  return (watch ? watchById : joinById)(body.roomId, name);
}

async function attempt(join: () => Promise<Room>, retried = false): Promise<Room> {
  try {
    return await join();
  } catch (e) {
    // An access token that expired in between (a laptop that slept): refresh once and try again.
    if (retried || (e as { code?: unknown } | null)?.code !== JoinError.TokenExpired) throw new JoinFailure(describe(e));
    account.expire();
    return attempt(join, true);
  }
}

/** A message a player understands for each way a join can fail (joinErrors.ts). */
function describe(e: unknown): string {
  return joinErrorMessage((e as { code?: unknown } | null)?.code, e instanceof Error ? e.message : String(e));
}
