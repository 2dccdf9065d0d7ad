import type { ReplayChatLine } from "../../shared/replay/chatNote.ts";
import { el } from "./dom.ts";

/** Lines shown at once; the log keeps more, and seeking shows the ones of that moment. */
const SHOWN = 12;

/**
 * The match's chat as it stood at the moment a replay shows (the log's `@chat` notes): the
 * players' lines and the system lines, the kill feed among them. Read-only, and text only.
 */
export class ReplayChat {
  private readonly root = el("section", "", "replay-chat");
  private readonly list = el("ol");
  private shown = "";

  constructor() {
    this.root.id = "replay-chat";
    this.root.setAttribute("aria-label", "Match chat");
    this.root.append(this.list);
    document.body.append(this.root);
  }

  render(lines: readonly ReplayChatLine[]): void {
    const last = lines.slice(-SHOWN);
    const key = `${lines.length}:${last.at(-1)?.at ?? 0}:${last.at(-1)?.text ?? ""}`;
    if (key === this.shown) return;
    this.shown = key;
    this.list.replaceChildren(
      ...last.map((l) => {
        const li = el("li", "", l.kind === "system" ? "system" : "player");
        if (l.channel === "spectators") li.append(el("span", "[spectators] ", "chat-channel"));
        if (l.kind === "player") li.append(el("span", `${l.name}: `, "chat-name"));
        li.append(el("span", l.text, "chat-text"));
        return li;
      }),
    );
  }

  dispose(): void {
    this.root.remove();
  }
}
