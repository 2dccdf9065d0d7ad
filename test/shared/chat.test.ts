import { describe, expect, it } from "vitest";
import { CHAT_MAX_LENGTH, ChatMute, ChatSend, ChatSince, checkChatText } from "../../shared/chat.ts";
import { RejectReason } from "../../shared/protocol.ts";
import { refusalOf } from "../../shared/registry.ts";
import type { z } from "zod";

/** The named reason a payload is refused with (malformed unless the schema names one). */
const reasonOf = (schema: z.ZodType, raw: unknown): string | undefined => {
  const parsed = schema.safeParse(raw);
  return parsed.success ? undefined : (refusalOf(parsed.error).reason ?? RejectReason.Malformed);
};

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
    expect(ChatSend.parse({ text: "hi", name: "admin" })).toBe("hi");
    for (const bad of [null, "hi", 3, [], { text: 3 }, { txt: "hi" }]) expect(reasonOf(ChatSend, bad)).toBe(RejectReason.Malformed);
    expect(ChatSince.parse({ after: 12 })).toEqual({ after: 12 });
    for (const bad of [{ after: -1 }, { after: 1.5 }, { after: "3" }, {}]) expect(reasonOf(ChatSince, bad)).toBe(RejectReason.Malformed);
    expect(ChatMute.parse({ target: "abc", minutes: 5 })).toEqual({ target: "abc", minutes: 5 });
    for (const bad of [{ target: "", minutes: 5 }, { target: "a", minutes: -1 }, { target: "a", minutes: 1e6 }, { target: 1, minutes: 1 }]) {
      expect(reasonOf(ChatMute, bad)).toBe(RejectReason.Malformed);
    }
  });

  it("refuses empty and over-long text with their own reasons, through the schema", () => {
    expect(ChatSend.parse({ text: "  hi\u0007 " })).toBe("hi");
    expect(reasonOf(ChatSend, { text: " \t " })).toBe(RejectReason.ChatEmpty);
    expect(reasonOf(ChatSend, { text: "x".repeat(CHAT_MAX_LENGTH + 1) })).toBe(RejectReason.ChatTooLong);
  });
});
