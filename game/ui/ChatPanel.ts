import type { ChatLine } from "../../shared/chat.ts";
import type { ChatClient } from "../net/ChatClient.ts";
import { el } from "./dom.ts";
import { syncList } from "./keyedList.ts";

export interface ChatPanelOptions {
  /** The heading, e.g. "Chat" or "Lobby chat". */
  title?: string;
  /** Called when the player starts (true) or stops (false) typing: the game should ignore keys meanwhile. */
  onTyping?: (typing: boolean) => void;
  /** Start collapsed to its toggle (on a phone, where the open log would cover the game). */
  collapsed?: boolean;
  /** Called when someone else's message arrives (the chat ping). */
  onIncoming?: () => void;
  /** The key that opens the chat (asked at each press: it can be rebound in the settings); Enter by default. */
  opensWith?: (e: KeyboardEvent) => boolean;
}

/** Whether a key press belongs to some other text field or control (the menu's name box, a button). */
const isOtherControl = (target: EventTarget | null, own: HTMLElement): boolean =>
  target instanceof HTMLElement && target !== own && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT", "BUTTON"].includes(target.tagName));

/**
 * A chat overlay for any room connection: the lines, a box to type in, and a toggle that
 * collapses it with an unread count. Enter opens the box (and sends), Escape leaves it.
 * Every piece of text goes in with textContent: names and messages come from other players.
 */
export class ChatPanel {
  private readonly toggle = el("button", "", "chat-toggle");
  private readonly unread = el("span", "", "chat-unread");
  private readonly log = el("ol", "", "chat-log");
  /** The live region around the list: a role on the list itself would leave its items orphaned (axe: listitem). */
  private readonly logRegion = el("div", "", "chat-log-region");
  private readonly form = el("form", "", "chat-form");
  private readonly input = el("input", "", "chat-input");
  private readonly status = el("p", "", "chat-status");
  private collapsed = false;
  private unreadCount = 0;
  private readonly onWindowKey = (e: KeyboardEvent) => this.windowKey(e);

  constructor(
    private readonly root: HTMLElement,
    private readonly chat: ChatClient,
    private readonly options: ChatPanelOptions = {},
  ) {
    this.build(options.title ?? "Chat");
    chat.onChange((added) => this.changed(added));
    chat.onNotice((text) => this.say(text));
    window.addEventListener("keydown", this.onWindowKey);
    if (options.collapsed) this.setCollapsed(true);
    this.render();
  }

  /** Open the panel and put the cursor in the message box. */
  focus(): void {
    this.setCollapsed(false);
    this.input.focus();
  }

  /** Unhook from the window and empty the root (when the connection ends). */
  dispose(): void {
    window.removeEventListener("keydown", this.onWindowKey);
    if (document.activeElement === this.input) this.input.blur();
    this.root.replaceChildren();
    this.root.hidden = true;
  }

  private build(title: string): void {
    this.root.classList.add("chat");
    this.root.setAttribute("aria-label", title);
    this.toggle.type = "button";
    this.toggle.setAttribute("aria-expanded", "true");
    this.toggle.append(el("span", title), this.unread);
    this.unread.hidden = true;
    this.toggle.addEventListener("click", () => {
      this.setCollapsed(!this.collapsed);
      this.toggle.blur(); // so Enter opens the chat box instead of pressing the toggle again
    });
    this.logRegion.setAttribute("role", "log");
    this.logRegion.setAttribute("aria-live", "polite");
    this.logRegion.append(this.log);
    this.input.setAttribute("aria-label", "Chat message");
    this.input.autocomplete = "off";
    this.input.enterKeyHint = "send";
    this.input.placeholder = "Press Enter to chat";
    this.status.setAttribute("role", "status");
    this.form.append(this.input);
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.send();
    });
    // The game listens for keys on the window; keys typed here must never reach it
    // (Phaser would move the ship and swallow W, A, S, D and space).
    for (const type of ["keydown", "keyup", "keypress"] as const) this.input.addEventListener(type, (e) => this.inputKey(e));
    this.input.addEventListener("focus", () => this.options.onTyping?.(true));
    this.input.addEventListener("blur", () => this.options.onTyping?.(false));
    this.root.replaceChildren(this.toggle, this.logRegion, this.form, this.status);
    this.root.hidden = false;
  }

  private inputKey(e: KeyboardEvent): void {
    e.stopPropagation();
    if (e.type !== "keydown") return;
    if (e.key === "Escape") {
      e.preventDefault();
      this.input.blur();
    }
  }

  private windowKey(e: KeyboardEvent): void {
    const opens = this.options.opensWith?.(e) ?? e.key === "Enter";
    if (!opens || e.repeat || isOtherControl(e.target, this.input)) return;
    e.preventDefault();
    this.focus();
  }

  private send(): void {
    const text = this.input.value;
    if (text.trim() === "") {
      this.input.blur();
      return;
    }
    const problem = this.chat.submit(text);
    if (problem) {
      this.say(problem);
      return;
    }
    this.input.value = "";
    this.say("");
    this.input.blur();
  }

  private setCollapsed(collapsed: boolean): void {
    this.collapsed = collapsed;
    this.root.classList.toggle("collapsed", collapsed);
    this.toggle.setAttribute("aria-expanded", String(!collapsed));
    if (!collapsed) this.unreadCount = 0;
    this.showUnread();
  }

  private changed(added: readonly ChatLine[]): void {
    if (added.some((l) => l.kind !== "system" && l.from !== this.chat.sessionId)) this.options.onIncoming?.();
    if (this.collapsed) this.unreadCount += added.filter((l) => l.from !== this.chat.sessionId).length;
    this.showUnread();
    this.render();
  }

  private showUnread(): void {
    this.unread.hidden = this.unreadCount === 0;
    this.unread.textContent = String(this.unreadCount);
    this.unread.setAttribute("aria-label", `${this.unreadCount} unread`);
  }

  private render(): void {
    const atBottom = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 24;
    // Kept nodes stay, new lines are appended, old and muted ones removed: the log region announces only what is new.
    syncList(this.log, this.chat.visible(), (line) => String(line.id), (line) => this.lineItem(line));
    if (atBottom) this.log.scrollTop = this.log.scrollHeight;
  }

  private lineItem(line: ChatLine): HTMLLIElement {
    const li = el("li", "", line.kind === "system" ? "system" : "player");
    li.dataset.id = String(line.id);
    li.title = new Date(line.at).toLocaleTimeString();
    if (line.kind === "system") {
      li.textContent = line.text;
      return li;
    }
    // The spectators' own channel, which the players do not see (SPECTATOR_CHAT=separate).
    if (line.channel === "spectators") li.append(el("span", "[spectators]", "chat-channel"));
    li.append(el("span", line.name, line.from === this.chat.sessionId ? "chat-name me" : "chat-name"), el("span", line.text, "chat-text"));
    if (line.from !== this.chat.sessionId) {
      const mute = el("button", "mute", "chat-mute");
      mute.type = "button";
      mute.setAttribute("aria-label", `Mute ${line.name} for me`);
      mute.addEventListener("click", () => this.chat.mute(line.from, line.name));
      li.append(mute);
    }
    return li;
  }

  private say(text: string): void {
    this.status.textContent = text;
  }
}
