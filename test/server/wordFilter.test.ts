import { describe, expect, it } from "vitest";
import { createWordFilter, parseBlocklist } from "../../server/kit/chat/wordFilter.ts";

describe("word filter", () => {
  it("masks whole words in any case, one star per character", () => {
    const filter = createWordFilter(["heck", "Darn"]);
    expect(filter("What the HECK, darn! heckler, undarned")).toBe("What the ****, ****! heckler, undarned");
  });

  it("masks phrases and words holding regular-expression characters", () => {
    const filter = createWordFilter(["bad word", "c++", "a.b"]);
    expect(filter("a bad word in c++ and a.b but not axb")).toBe("a ******** in *** and *** but not axb");
  });

  it("counts characters, not UTF-16 units, and matches beyond ASCII", () => {
    expect(createWordFilter(["größe"])("GRÖSSE größe Größe")).toBe("GRÖSSE ***** *****");
  });

  it("does nothing when the list is empty", () => {
    expect(createWordFilter(["", "  "])("anything")).toBe("anything");
  });

  it("reads the environment's comma list and a file's lines, skipping blanks and comments", () => {
    expect(parseBlocklist(" heck, darn ,,", "# comment\nfoo\r\n\n bar baz \n")).toEqual(["heck", "darn", "foo", "bar baz"]);
    expect(parseBlocklist(undefined, undefined)).toEqual([]);
  });
});
