/**
 * The menu's party panel: create a party or join one by its code (or its link, /?party=CODE),
 * then see the members live (who leads, who is away), copy the link, leave, and, as the
 * leader, take everyone into one arena room. Joining needs the menu's valid name (the guest
 * account is made from it).
 */
import { PartyMode } from "../../shared/party/protocol.ts";
import type { SeatReservation } from "../../shared/seatReservation.ts";
import { PartyClient, type PartyView } from "../net/PartyClient.ts";
import { createParty, joinParty } from "../net/socialConnect.ts";
import { byId, el } from "./dom.ts";

export class PartyPanel {
  private readonly start = byId<HTMLElement>("party-start");
  private readonly code = byId<HTMLInputElement>("party-code");
  private readonly viewRoot = byId<HTMLElement>("party-view");
  private readonly info = byId<HTMLElement>("party-info");
  private readonly members = byId<HTMLUListElement>("party-members");
  private readonly playButton = byId<HTMLButtonElement>("party-play");
  private readonly status = byId<HTMLElement>("party-status");
  private party: PartyClient | undefined;

  constructor(
    private readonly name: () => string | undefined,
    private readonly onSeat: (seat: SeatReservation) => void,
    invite: string | undefined,
  ) {
    if (invite) {
      this.code.value = invite;
      this.status.textContent = `You are invited to party ${invite}. Choose a name and press Join party.`;
    }
    byId("party-create").addEventListener("click", () => this.open((n) => createParty(n)));
    byId("party-join").addEventListener("click", () => this.open((n) => joinParty(this.code.value, n)));
    this.playButton.addEventListener("click", () => this.party?.play(PartyMode.Arena));
    byId("party-leave").addEventListener("click", () => void this.party?.leave());
    byId("party-copy").addEventListener("click", () => {
      const code = this.party?.view().code;
      if (code) void navigator.clipboard?.writeText(partyLink(code)).then(() => (this.status.textContent = "Party link copied."), () => undefined);
    });
  }

  private open(join: (name: string) => ReturnType<typeof createParty>): void {
    const name = this.name();
    if (!name || this.party) return;
    this.status.textContent = "Joining the party…";
    join(name).then(
      (room) => {
        this.status.textContent = "";
        this.party = new PartyClient(room, this.onSeat, (detail) => (this.status.textContent = detail), () => this.closed());
        this.party.onChange((v) => this.render(v));
        this.render(this.party.view());
      },
      (e: unknown) => (this.status.textContent = e instanceof Error ? e.message : String(e)),
    );
  }

  private closed(): void {
    this.party = undefined;
    this.start.hidden = false;
    this.viewRoot.hidden = true;
    this.status.textContent = "You left the party.";
  }

  private render(v: PartyView): void {
    this.start.hidden = true;
    this.viewRoot.hidden = false;
    this.info.textContent = v.code ? `Party ${v.code} (${v.members.length}/${v.maxSize}): friends join with this code or ${partyLink(v.code)}` : "Party";
    this.members.replaceChildren(
      ...v.members.map((m) => el("li", `${m.name}${m.you ? " (you)" : ""}${m.leader ? " · leader" : ""}${m.connected ? "" : " · away"}`)),
    );
    this.playButton.hidden = !v.isLeader;
  }
}

/** The link that opens the menu with the party's code filled in. */
const partyLink = (code: string): string => `${location.origin}/?party=${code}`;
