import { Disc } from "../../shared/connect4/board.ts";
import type { Connect4Player } from "../../shared/connect4/schema.ts";
import type { Connect4Client } from "../net/Connect4Client.ts";
import { el } from "./dom.ts";

/** The HUD is text; a few refreshes a second keep the countdown honest without churning the DOM. */
const REFRESH_MS = 250;
/** How long a refused move's explanation stays up. */
const ERROR_MS = 3000;

const colourName = (colour: number): string => (colour === Disc.Red ? "Red" : colour === Disc.Yellow ? "Yellow" : "");

/**
 * Connect Four's DOM overlay: who plays which colour, whose turn, the turn timer, the result,
 * the rematch button, and a "Spectating" label for watchers. Real elements, so the button is
 * reachable by keyboard and the status is announced by screen readers. (Leave is on the
 * room bar every room type shares.)
 */
export class Connect4Hud {
  private readonly root = el("aside", "", "c4-hud");
  private readonly role = el("p", "Spectating", "c4-role");
  private readonly players = el("ul", "", "c4-players");
  private readonly status = el("p", "", "c4-status");
  private readonly timer = el("p", "", "c4-timer");
  private readonly error = el("p", "", "error");
  private readonly rematchButton = el("button", "Rematch");
  private readonly refresh: number;
  private errorTimer: number | undefined;

  constructor(private readonly net: Connect4Client) {
    this.root.setAttribute("aria-label", "Connect Four");
    this.status.setAttribute("role", "status");
    this.error.setAttribute("role", "alert");
    this.rematchButton.type = "button";
    this.rematchButton.addEventListener("click", () => net.rematch());
    const buttons = el("div", "", "c4-buttons");
    buttons.append(this.rematchButton);
    this.root.append(this.role, this.players, this.status, this.timer, this.error, buttons);
    // In the HUD column: on a phone it stacks under the room bar (style.css).
    (document.getElementById("hud-left") ?? document.body).append(this.root);
    net.onRejected((m) => this.showError(m.detail));
    this.refresh = window.setInterval(() => this.render(), REFRESH_MS);
    this.render();
  }

  dispose(): void {
    window.clearInterval(this.refresh);
    window.clearTimeout(this.errorTimer);
    this.root.remove();
  }

  private render(): void {
    const { net } = this;
    const me = net.me();
    this.role.hidden = net.role !== "spectator";
    setText(this.status, this.statusText(me));
    const left = net.timeLeftMs();
    setText(this.timer, left === undefined ? "" : `${Math.ceil(left / 1000)} s left`);
    this.timer.classList.toggle("urgent", left !== undefined && left < 5000);
    this.renderPlayers(me);
    const over = net.state.status === "over" && net.state.players.size === 2;
    this.rematchButton.hidden = !me || !over;
    this.rematchButton.disabled = me?.rematch ?? false;
    let opponentOffered = false;
    net.state.players.forEach((p) => (opponentOffered ||= p !== me && p.rematch));
    setText(this.rematchButton, me?.rematch ? "Rematch offered…" : opponentOffered ? "Accept rematch" : "Rematch");
  }

  private statusText(me: Connect4Player | undefined): string {
    const s = this.net.state;
    if (s.status === "waiting" || !s.status) return "Waiting for an opponent…";
    if (s.status === "playing") {
      const auto = s.lastAuto ? "Time ran out, so a random move was played. " : "";
      if (this.net.isMyTurn()) return `${auto}Your turn: click a column or press 1–7.`;
      return `${auto}${this.net.playerWith(s.turn)?.name ?? colourName(s.turn)} (${colourName(s.turn).toLowerCase()}) to move.`;
    }
    if (s.endReason === "draw") return "Draw: the board is full.";
    const winner = this.net.playerWith(s.winner);
    const who = winner === me ? "You win" : `${winner?.name ?? colourName(s.winner)} wins`;
    return s.endReason === "forfeit" ? `${who}: the other player left.` : `${who}!`;
  }

  private renderPlayers(me: Connect4Player | undefined): void {
    const rows: Array<{ colour: string; text: string }> = [];
    this.net.state.players.forEach((p) => {
      const wins = `${p.wins} ${p.wins === 1 ? "win" : "wins"}`;
      rows.push({ colour: colourName(p.colour).toLowerCase(), text: `${p.name}${p === me ? " (you)" : ""} · ${wins}${p.connected ? "" : " · away"}` });
    });
    const spectators = this.net.state.spectators;
    if (spectators > 0) rows.push({ colour: "", text: `${spectators} watching` });
    const key = JSON.stringify(rows);
    if (this.players.dataset.key === key) return;
    this.players.dataset.key = key;
    this.players.replaceChildren(
      ...rows.map(({ colour, text }) => {
        const li = el("li", text);
        if (colour) li.prepend(el("span", "", `disc ${colour}`));
        return li;
      }),
    );
  }

  private showError(detail: string): void {
    setText(this.error, detail);
    window.clearTimeout(this.errorTimer);
    this.errorTimer = window.setTimeout(() => setText(this.error, ""), ERROR_MS);
  }
}

/** Only touch the DOM when the text changes, so live regions announce changes, not refreshes. */
function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}
