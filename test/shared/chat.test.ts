import { describe, expect, it } from "vitest";
import { CHAT_MAX_LENGTH, checkChatText, parseChatMute, parseChatSend, parseChatSince } from "../../shared/chat.ts";
import { RejectReason } from "../../shared/protocol.ts";

describe("chat text rules", () => {
  it("trims, strips control characters, and turns line breaks into spaces", () => {
    expect(checkChatText("  hi\u0007 there\r\nfriend\u0000  ")).toEqual({ ok: true, value: "hi there friend" });
    expect(checkChatText("\u202eevil\u202c")).toEqual({ ok: true, value: "evil" });
  });

  it("keeps what players type: emoji, accents, markup as plain text", () => {
    expect(checkChatText("<img src=x onerror=alert(1)> héllo 👋🏽")).toEqual({ ok: true, value: "<img src=x onerror=alert(1)> héllo 👋🏽" });
  });

  it("refuses an empty message and one over the limit, counting characters", () => {
    expect(checkChatText(" \t\u0001 ")).toMatchObject({ ok: false, reason: RejectReason.ChatEmpty });
    expect(checkChatText("é".repeat(CHAT_MAX_LENGTH)).ok).toBe(true);
    expect(checkChatText("😀".repeat(CHAT_MAX_LENGTH)).ok).toBe(true);
    expect(checkChatText("😀".repeat(CHAT_MAX_LENGTH + 1))).toMatchObject({ ok: false, reason: RejectReason.ChatTooLong });
    expect(checkChatText("x".repeat(100_000))).toMatchObject({ ok: false, reason: RejectReason.ChatTooLong });
  });

  it("checks payload shapes", () => {
    expect(parseChatSend({ text: "hi", name: "admin" })).toEqual({ ok: true, value: "hi" });
    for (const bad of [null, "hi", 3, [], { text: 3 }, { txt: "hi" }]) expect(parseChatSend(bad)).toMatchObject({ ok: false, reason: RejectReason.Malformed });
    expect(parseChatSince({ after: 12 })).toEqual({ ok: true, value: 12 });
    for (const bad of [{ after: -1 }, { after: 1.5 }, { after: "3" }, {}]) expect(parseChatSince(bad).ok).toBe(false);
    expect(parseChatMute({ target: "abc", minutes: 5 })).toEqual({ ok: true, value: { target: "abc", minutes: 5 } });
    for (const bad of [{ target: "", minutes: 5 }, { target: "a", minutes: -1 }, { target: "a", minutes: 1e6 }, { target: 1, minutes: 1 }]) {
      expect(parseChatMute(bad).ok).toBe(false);
    }
  });
});
