import { describe, expect, it } from "vitest";
import { memberLimitProblem, passwordChoices, roomGoneNotice } from "@/lib/client/room-settings";

const labels = (room: Parameters<typeof passwordChoices>[0]) => passwordChoices(room).map((c) => c.label);

describe("room settings", () => {
  it("offers a hidden room without a password only to set one", () => {
    expect(labels({ kind: "hidden", hasPassword: false })).toEqual(["Keep as it is", "Set a password"]);
  });

  it("offers to change or remove a password the room has", () => {
    expect(labels({ kind: "hidden", hasPassword: true })).toEqual(["Keep as it is", "Change the password", "Remove the password"]);
    expect(labels({ kind: "private", hasPassword: true })).toEqual(["Keep as it is", "Change the password", "Remove the password"]);
  });

  it("tells the owner of a public room that a password makes it private", () => {
    expect(labels({ kind: "public", hasPassword: false })).toEqual(["Keep as it is", "Set a password (makes the room private)"]);
  });

  it("refuses a member limit below the members already in the room", () => {
    expect(memberLimitProblem("1", 2)).toBe("This room has 2 members; the limit can't be lower than that");
    expect(memberLimitProblem("2", 2)).toBeNull();
    expect(memberLimitProblem("0", 5)).toBeNull();
    expect(memberLimitProblem("", 5)).toBeNull();
    expect(memberLimitProblem("two", 2)).toBe("The member limit must be a whole number (0 = no limit)");
  });

  it('says "back in #general" only to people who were in the deleted room', () => {
    expect(roomGoneNotice("#cats was deleted by Alice.", false)).toBe("#cats was deleted by Alice.");
    expect(roomGoneNotice("#cats was deleted by Alice.", true)).toBe("#cats was deleted by Alice. You are back in #general.");
  });
});
