import { describe, expect, it } from "vitest";
import { checkChatText, cleanChatText, MAX_COMBINING_MARKS } from "../../shared/chat.ts";
import { RejectReason } from "../../shared/protocol.ts";

describe("invisible text and combining marks (second security review)", () => {
  const invisibles = ["\u200b", "\u200d", "\u2060", "\ufeff", "\u061c", "\u3164", "\u{e0041}\u{e0042}", "\u00ad", "\u2800", "\u115f"];
  it("strips each format character and filler, so a message of only them is refused as empty", () => {
    for (const ch of invisibles) {
      expect(cleanChatText(`a${ch}b`), JSON.stringify(ch)).toBe("ab");
      expect(checkChatText(ch.repeat(5)), JSON.stringify(ch)).toMatchObject({ ok: false, reason: RejectReason.ChatEmpty });
    }
    expect(checkChatText(invisibles.join(" "))).toMatchObject({ ok: false, reason: RejectReason.ChatEmpty });
  });

  it("caps a run of combining marks on one character, keeping ordinary accents", () => {
    expect(checkChatText("a" + "\u0301".repeat(280))).toEqual({ ok: true, value: "a" + "\u0301".repeat(MAX_COMBINING_MARKS) });
    expect(cleanChatText("Tie\u0302\u0301ng Vie\u0302\u0323t")).toBe("Tie\u0302\u0301ng Vie\u0302\u0323t");
  });
});
