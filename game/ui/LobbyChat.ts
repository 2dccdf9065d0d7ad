import type { Room } from "@colyseus/sdk";
import { validateName } from "../../shared/validate.ts";
import { ChatClient } from "../net/ChatClient.ts";
import { joinLobby } from "../net/connect.ts";
import { ChatPanel } from "./ChatPanel.ts";

/**
 * Lobby chat on the start menu: a button joins the lobby under the name typed in the menu
 * and shows a ChatPanel; the same button leaves. The room browser can hand its own lobby
 * connection to a ChatClient instead; the panel works with any room.
 */
export class LobbyChat {
  private room: Room | undefined;
  private panel: ChatPanel | undefined;
  private busy = false;

  constructor(
    private readonly button: HTMLButtonElement,
    private readonly root: HTMLElement,
    private readonly nameInput: HTMLInputElement,
    private readonly status: HTMLElement,
  ) {
    button.addEventListener("click", () => void (this.room ? this.close() : this.open()));
  }

  async open(): Promise<void> {
    if (this.busy) return;
    const name = validateName(this.nameInput.value);
    if (!name.ok) {
      this.status.textContent = `Lobby chat needs a name: ${name.error}`;
      this.nameInput.focus();
      return;
    }
    this.busy = true;
    try {
      const room = await joinLobby(name.value);
      this.room = room;
      // The room list (`rooms`, `+`, `-`) is the room browser's business; this panel only chats.
      room.onMessage("*", () => undefined);
      this.panel = new ChatPanel(this.root, new ChatClient(room), { title: "Lobby chat" });
      this.panel.focus();
      room.onLeave(() => this.teardown());
      this.button.textContent = "Leave the lobby chat";
      this.status.textContent = "";
    } catch (err: unknown) {
      this.status.textContent = `Could not join the lobby: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      this.busy = false;
    }
  }

  /** Leave the lobby (on Quick play, or from the button). */
  close(): void {
    const room = this.room;
    this.teardown();
    void room?.leave().catch(() => undefined);
  }

  private teardown(): void {
    this.panel?.dispose();
    this.panel = undefined;
    this.room = undefined;
    this.button.textContent = "Chat in the lobby";
  }
}
