import { describe, expect, it } from "vitest";
import { endMessage } from "../../game/net/closeMessages.ts";
import { RESTART_REASON } from "../../server/shutdown.ts";
import { CloseCode } from "../../shared/protocol.ts";

describe("the message the menu shows when a room ends", () => {
  it("shows the server's own reason for a restart or a crash as a sentence, not as something the player did", () => {
    expect(endMessage(CloseCode.ServerRestarting, RESTART_REASON)).toBe("The server is restarting; rejoin in a moment.");
    expect(endMessage(CloseCode.RoomCrashed, "the room hit an error and closed; your other games are unaffected")).toBe("The room hit an error and closed; your other games are unaffected.");
  });

  it("names the close code when the server gave no reason", () => {
    expect(endMessage(CloseCode.ServerRestarting)).toBe("The server is restarting. Rejoin in a moment.");
    expect(endMessage(CloseCode.MessageTooBig)).toMatch(/too large/);
    expect(endMessage(CloseCode.RateLimited)).toMatch(/too many messages/);
    expect(endMessage(4999)).toBe("Disconnected from the room (code 4999).");
  });

  it("keeps the kick's reason as the player's own leaving", () => {
    expect(endMessage(CloseCode.Kicked, "you were removed from the room by its owner")).toBe("You left the room: you were removed from the room by its owner");
  });
});
