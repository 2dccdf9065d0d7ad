import type { Client, Room } from "@colyseus/sdk";
import { JoinError, PROTOCOL_VERSION, RoomName } from "../../shared/protocol.ts";
import { GuestAccount } from "./GuestAccount.ts";
import { codeLookupMessage, joinErrorMessage, resumeErrorMessage } from "./joinErrors.ts";
import { TransportClient } from "./transport/TransportClient.ts";
import { useChannel } from "./messages.ts";
import { ResumeChannel } from "./ResumeChannel.ts";
import { session } from "./session.ts";

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

/** WebSocket first, the HTTP fallback where the network breaks it (transport/ConnectionChoice.ts). */
const client = (): Client => new TransportClient(serverUrl());

/** A client that joins as the player's account (the room seats the account, named `name`). */
export async function signedIn(name: string): Promise<Client> {
  const c = client();
  const token = await account.tokenFor(name);
  if (token) c.auth.token = token;
  return c;
}
const options = (name: string, extra: Record<string, unknown> = {}) => ({ name, protocol: PROTOCOL_VERSION, ...extra });
/** A game room's join: asks for numbered messages, replayed after a reconnect (ResumeChannel.ts). */
const gameOptions = (name: string, extra: Record<string, unknown> = {}) => options(name, { resume: true, ...extra });

/**
 * Every message of a game room goes through its ResumeChannel (messagesOf finds it). After a
 * reload (`last` from sessionStorage) it says at once where the tab left off.
 */
function resumable(room: Room, last?: number): Room {
  const channel = new ResumeChannel(room, { onHandled: (n) => session.saveLast(n), onGap: (g) => console.info(`missed messages ${g.last + 1}..${g.oldest - 1} were no longer kept; the state was resent`) }, { last });
  useChannel(room, channel);
  if (last !== undefined) channel.resume();
  return room;
}

/** A failure the menu can show as it is. */
export class JoinFailure extends Error {
  override name = "JoinFailure";
}

/** Quick play: the fullest public room of this type with a seat, or a new one. */
export const quickPlay = (type: string, name: string): Promise<Room> => attempt(async () => resumable(await (await signedIn(name)).joinOrCreate(type, gameOptions(name, { seatOpen: true }))));

/** A new private room, reachable only through its code; `rated: false` keeps its matches out of ratings and stats. */
export const createPrivate = (type: string, name: string, rated = true): Promise<Room> =>
  attempt(async () => resumable(await (await signedIn(name)).create(type, gameOptions(name, rated ? { private: true } : { private: true, rated: false }))));

export const joinById = (roomId: string, name: string): Promise<Room> => attempt(async () => resumable(await (await signedIn(name)).joinById(roomId, gameOptions(name))));

/** Watch a room (docs/replays.md, "Live spectating"): a spectator seat, no entity, no input. */
export const watchById = (roomId: string, name: string): Promise<Room> => attempt(async () => (await signedIn(name)).joinById(roomId, options(name, { spectate: true })));

/** Back into a held seat (after a reload): the token came from sessionStorage. */
export const reconnect = (token: string): Promise<Room> => attempt(async () => resumable(await client().reconnect(token), session.loadLast()), false, resumeErrorMessage);

/** The live room list (Colyseus LobbyRoom), joined as the player's account: its chat carries the account's name and blocks. */
export const openLobby = (name: string): Promise<Room> => attempt(async () => (await signedIn(name)).joinOrCreate(RoomName.Lobby, options(name)));

/** The room a private code (a room's or a party's) names, through the server's rate-limited lookup. */
export async function lookupCode(code: string): Promise<{ roomId: string; type: string }> {
  const res = await fetch(`${serverUrl()}/api/rooms/code/${encodeURIComponent(code.trim())}`);
  const body = (await res.json().catch(() => ({}))) as { roomId?: string; type?: string; error?: string };
  if (!res.ok || !body.roomId) throw new JoinFailure(codeLookupMessage(res.status, body.error));
  return { roomId: body.roomId, type: body.type ?? "" };
}

/** Resolve a private code, then join that room (or watch it). */
export async function joinByCode(code: string, name: string, watch = false): Promise<Room> {
  return (watch ? watchById : joinById)((await lookupCode(code)).roomId, name);
}

/** Join with `join`, refreshing an expired access token once; a failure is a JoinFailure the menu shows (worded by `explain`). */
export async function attempt(join: () => Promise<Room>, retried = false, explain = joinErrorMessage): Promise<Room> {
  try {
    return await join();
  } catch (e) {
    // An access token that expired in between (a laptop that slept): refresh once and try again.
    if (retried || (e as { code?: unknown } | null)?.code !== JoinError.TokenExpired) throw new JoinFailure(describe(e, explain));
    account.expire();
    return attempt(join, true, explain);
  }
}

/** A message a player understands for each way a join can fail (joinErrors.ts). */
function describe(e: unknown, explain = joinErrorMessage): string {
  return explain((e as { code?: unknown } | null)?.code, e instanceof Error ? e.message : String(e));
}
