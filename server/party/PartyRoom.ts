/**
 * A party: a small private room friends join by its code (GET /api/rooms/code/:code, then
 * joinById), where they see each other live (names, who leads, who is connected) and whose
 * leader takes everyone to one game room (placeParty.ts). Members stay in the party while
 * they play, so it is still there when the game ends. A member who drops keeps their place
 * for RECONNECT_SECONDS, then leaves; a leader who leaves passes the lead to the earliest
 * member. Only verified accounts join (a guest is fine), one party per account.
 */
import { Room, ServerError, type Client } from "colyseus";
import { z } from "zod";
import { PARTY_ROOM, PartyError, PartyMsg, PartyReject, partyProtocol, type PartyPlay } from "../../shared/party/protocol.ts";
import { PartyMember, PartyState } from "../../shared/party/schema.ts";
import { JoinError, Msg, RejectReason } from "../../shared/protocol.ts";
import { ProtocolVersion } from "../../shared/kit/options.ts";
import { refusalOf } from "../../shared/registry.ts";
import { log } from "../log.ts";
import { ClientGuard } from "../net/ClientGuard.ts";
import { accountIdentity, joiningAccount, type AccountVerifier } from "../auth/joinIdentity.ts";
import { listen } from "../kit/dispatch.ts";
import { holdUnconfirmed, type JoinAuth } from "../kit/KitRoom.ts";
import { privateCodes } from "../kit/privateCodes.ts";
import { claimParty, releaseParty } from "./partyClaims.ts";
import { placeParty } from "./placeParty.ts";

export interface PartySettings {
  accounts?: AccountVerifier;
  /** PARTY_MAX_SIZE. */
  maxSize: number;
  reconnectSeconds: number;
  maxInvalidMessages: number;
}

/** A party's join options: only the protocol version (the party is chosen by its room id). */
const PartyJoinOptions = z.strictObject({ protocol: ProtocolVersion.optional() });

/** Frames a party member or a queued player may send per second (Colyseus closes a faster client). */
export const SOCIAL_MESSAGES_PER_SECOND = 10;

/** Beyond the party's size, so a join of a full party reaches onJoin and gets PartyError.Full, not "locked". */
const SPARE_CLIENTS = 4;

export function partyRoomClass(settings: PartySettings) {
  return class PartyRoom extends Room<{ state: PartyState }> {
    static override async onAuth(token: string | undefined, options: unknown): Promise<JoinAuth> {
      const parsed = PartyJoinOptions.safeParse(options ?? {});
      if (!parsed.success) throw new ServerError(JoinError.InvalidOptions, refusalOf(parsed.error).detail);
      if (!token) throw new ServerError(PartyError.AccountRequired, "parties need an account: sign in (a guest is fine)");
      const account = await joiningAccount(settings.accounts, token);
      if (!account) throw new ServerError(PartyError.AccountRequired, "parties need an account");
      return { name: account.name, identity: accountIdentity(account.id), account };
    }

    readonly guard = new ClientGuard(() => this.roomId, settings.maxInvalidMessages);
    // A party says little (play, now and then): a client sending more is closed by Colyseus.
    override maxMessagesPerSecond = SOCIAL_MESSAGES_PER_SECOND;
    /** A play being placed: another one waits for it (a leader's double click makes one room, not two). */
    private placing = false;
    /** Each member's account id, by session id. */
    private readonly accountOf = new Map<string, string>();
    private joined = 0;

    override async onCreate(): Promise<void> {
      this.state = new PartyState();
      this.state.maxSize = settings.maxSize;
      this.maxClients = settings.maxSize + SPARE_CLIENTS;
      this.state.code = await privateCodes.issue({ roomId: this.roomId, type: PARTY_ROOM });
      await this.setPrivate(true);
      listen(this, partyProtocol.toServer, { [PartyMsg.Play]: { handle: (client, _seat, p) => void this.play(client, p) } });
      this.onMessage("*", (client, type) => this.guard.reject(client, RejectReason.UnknownType, `no handler for "${String(type)}"`));
      log.info("party created", { room: this.roomId });
    }

    seatOf(sessionId: string) {
      return this.state.members.has(sessionId) ? { id: sessionId, name: this.state.members.get(sessionId)!.name, role: "player" as const } : undefined;
    }

    override async onJoin(client: Client, _options: unknown, auth: JoinAuth): Promise<void> {
      const accountId = auth.account!.id;
      if ([...this.accountOf.values()].includes(accountId)) throw new ServerError(PartyError.AlreadyInParty, "this account is already in this party (another tab?)");
      if (this.accountOf.size >= settings.maxSize) throw new ServerError(PartyError.Full, `the party is full (${settings.maxSize} members)`);
      // Held before the await, so a concurrent join counts it against the size and the account.
      this.accountOf.set(client.sessionId, accountId);
      if (!(await claimParty(accountId, this.roomId))) {
        this.accountOf.delete(client.sessionId);
        throw new ServerError(PartyError.AlreadyInParty, "this account is already in another party: leave it first");
      }
      const member = new PartyMember();
      member.name = auth.name;
      member.joinedOrder = this.joined++;
      this.state.members.set(client.sessionId, member);
      if (!this.state.leaderId) this.state.leaderId = client.sessionId;
      log.info("party joined", { room: this.roomId, session: client.sessionId, members: this.state.members.size });
    }

    override async onDrop(client: Client): Promise<void> {
      const member = this.state.members.get(client.sessionId);
      if (!member) return;
      member.connected = false;
      holdUnconfirmed(client);
      try {
        await this.allowReconnection(client, settings.reconnectSeconds);
      } catch {
        // The window passed: onLeave removes the member.
      }
    }

    override onReconnect(client: Client): void {
      const member = this.state.members.get(client.sessionId);
      if (member) member.connected = true;
    }

    override async onLeave(client: Client): Promise<void> {
      const accountId = this.accountOf.get(client.sessionId);
      this.accountOf.delete(client.sessionId);
      this.state.members.delete(client.sessionId);
      if (this.state.leaderId === client.sessionId) this.state.leaderId = this.nextLeader();
      log.info("party left", { room: this.roomId, session: client.sessionId, members: this.state.members.size });
      if (accountId) await releaseParty(accountId, this.roomId);
    }

    override async onDispose(): Promise<void> {
      if (this.state.code) await privateCodes.release(this.state.code);
    }

    /** The earliest member still in the party, or "" when none is left. */
    private nextLeader(): string {
      let next: [string, number] | undefined;
      this.state.members.forEach((m, id) => {
        if (!next || m.joinedOrder < next[1]) next = [id, m.joinedOrder];
      });
      return next?.[0] ?? "";
    }

    private async play(client: Client, p: PartyPlay): Promise<void> {
      if (client.sessionId !== this.state.leaderId) {
        client.send(Msg.Rejected, { reason: PartyReject.NotLeader, detail: "only the party's leader can start a game" });
        return;
      }
      if (this.placing) {
        client.send(Msg.Rejected, { reason: PartyReject.Busy, detail: "the party is already on its way to a game" });
        return;
      }
      this.placing = true;
      const going = this.clients.filter((c) => this.state.members.get(c.sessionId)?.connected);
      try {
        const seats = await placeParty(p.mode, going.map((c) => ({ sessionId: c.sessionId, auth: c.auth })));
        for (const c of going) c.send(PartyMsg.Seat, seats.get(c.sessionId)!);
        log.info("party placed", { room: this.roomId, mode: p.mode, members: going.length });
      } catch (e) {
        log.warn("party play failed", { room: this.roomId, error: e instanceof Error ? e.message : String(e) });
        client.send(Msg.Rejected, { reason: PartyReject.PlayFailed, detail: "could not find or make a room for the party; try again" });
      } finally {
        this.placing = false;
      }
    }
  };
}
