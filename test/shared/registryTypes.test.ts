/**
 * The registry's types: a payload that does not match its schema does not compile, on the
 * client (`messagesOf(...).send`) and on the server (`RoomServices.send`). The `@ts-expect-error`
 * lines are checked by `npm run typecheck`: if a wrong payload ever compiled, the type check fails.
 */
import { describe, expect, it } from "vitest";
import { messagesOf, type MessageChannel } from "../../game/net/messages.ts";
import type { RoomServices } from "../../server/kit/RoomType.ts";
import { connect4Protocol, Connect4Msg } from "../../shared/connect4/protocol.ts";
import { Msg } from "../../shared/protocol.ts";

function recorder() {
  const sent: Array<[string, unknown]> = [];
  const handlers = new Map<string, (payload: unknown) => void>();
  const channel: MessageChannel = {
    send: (type, payload) => void sent.push([type, payload]),
    onMessage: (type, callback) => {
      handlers.set(type, callback);
      return () => handlers.delete(type);
    },
  };
  return { channel, sent, deliver: (type: string, payload: unknown) => handlers.get(type)?.(payload) };
}

describe("typed messages", () => {
  it("sends what the registry allows, and wrong payloads do not compile", () => {
    const { channel, sent } = recorder();
    const net = messagesOf(channel, connect4Protocol);
    net.send(Msg.Chat, { text: "hi" });
    net.send(Connect4Msg.Drop, { column: 3 });
    net.send(Connect4Msg.Rematch);
    // @ts-expect-error chat's text is a string
    net.send(Msg.Chat, { text: 1 });
    // @ts-expect-error drop needs a column
    net.send(Connect4Msg.Drop, {});
    // @ts-expect-error no such message
    net.send("dance", {});
    expect(sent.slice(0, 3)).toEqual([
      [Msg.Chat, { text: "hi" }],
      [Connect4Msg.Drop, { column: 3 }],
      [Connect4Msg.Rematch, undefined],
    ]);
  });

  it("hands a handler its schema's type and drops a payload that fails it", () => {
    const { channel, deliver } = recorder();
    const clocks: number[] = [];
    messagesOf(channel, connect4Protocol).on(Connect4Msg.Clock, (m) => clocks.push(m.now));
    deliver(Connect4Msg.Clock, { now: 12 });
    deliver(Connect4Msg.Clock, { now: "late" });
    expect(clocks).toEqual([12]);
  });

  it("types the server's send from the room type's protocol", () => {
    const sent: unknown[] = [];
    const services = { send: (_id: string, type: string, payload?: unknown) => void sent.push([type, payload]) } as unknown as RoomServices<typeof connect4Protocol.toClient>;
    services.send("s1", Connect4Msg.Clock, { now: 5 });
    services.send("s1", Msg.Rejected, { reason: "x", detail: "y" });
    // @ts-expect-error clock carries { now: number }
    services.send("s1", Connect4Msg.Clock, { now: "5" });
    // @ts-expect-error a chat line needs every field
    services.send("s1", Msg.Chat, { text: "hi" });
    expect(sent.slice(0, 2)).toEqual([
      [Connect4Msg.Clock, { now: 5 }],
      [Msg.Rejected, { reason: "x", detail: "y" }],
    ]);
  });
});
