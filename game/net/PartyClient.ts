/**
 * The party as the menu sees it: its code, its members (who leads, who is away, which is you),
 * refusals to show, and the seat its leader's play reserved for this member. No DOM.
 */
import type { Room } from "@colyseus/sdk";
import { PartyMsg, type PartyPlay } from "../../shared/party/protocol.ts";
import type { PartyState } from "../../shared/party/schema.ts";
import { Msg, type RejectedMessage } from "../../shared/protocol.ts";
import type { SeatReservation } from "../../shared/seatReservation.ts";

export interface PartyMemberView {
  id: string;
  name: string;
  leader: boolean;
  connected: boolean;
  you: boolean;
}

export interface PartyView {
  code: string;
  maxSize: number;
  members: PartyMemberView[];
  isLeader: boolean;
}

export class PartyClient {
  private readonly listeners = new Set<(v: PartyView) => void>();

  constructor(
    readonly room: Room<PartyState>,
    onSeat: (seat: SeatReservation) => void,
    onRejected: (detail: string) => void,
    onGone: () => void,
  ) {
    room.onStateChange(() => this.changed());
    room.onMessage(PartyMsg.Seat, (seat: SeatReservation) => onSeat(seat));
    room.onMessage(Msg.Rejected, (r: RejectedMessage) => onRejected(r.detail));
    room.onLeave(() => onGone());
  }

  view(): PartyView {
    const s = this.room.state;
    const members: PartyMemberView[] = [];
    s.members?.forEach((m, id) => members.push({ id, name: m.name, leader: id === s.leaderId, connected: m.connected, you: id === this.room.sessionId }));
    members.sort((a, b) => Number(b.leader) - Number(a.leader) || a.name.localeCompare(b.name));
    return { code: s.code ?? "", maxSize: s.maxSize ?? 0, members, isLeader: s.leaderId === this.room.sessionId };
  }

  onChange(f: (v: PartyView) => void): void {
    this.listeners.add(f);
  }

  play(mode: PartyPlay["mode"]): void {
    this.room.send(PartyMsg.Play, { mode });
  }

  leave(): Promise<unknown> {
    return this.room.leave(true);
  }

  private changed(): void {
    const v = this.view();
    for (const f of this.listeners) f(v);
  }
}
