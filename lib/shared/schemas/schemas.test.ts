import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/shared/errors";
import { signUpSchema } from "@/lib/shared/schemas/auth";
import { historySchema, sendMessageSchema } from "@/lib/shared/schemas/message";
import { parseInput } from "@/lib/shared/schemas/parse";

const valid = { username: "alice_1", displayName: "Alice", password: "12345678" };
const firstError = (input: unknown) => {
  const result = signUpSchema.safeParse(input);
  return result.success ? null : result.error.issues[0]?.message;
};

describe("sign-up rules", () => {
  it("accepts 3–20 chars of a–z, 0–9, _ and folds case", () => {
    expect(signUpSchema.parse({ ...valid, username: "  ALICE_1 " }).username).toBe("alice_1");
    expect(firstError({ ...valid, username: "abc" })).toBeNull();
    expect(firstError({ ...valid, username: "a".repeat(20) })).toBeNull();
  });
  it("explains each broken rule", () => {
    expect(firstError({ ...valid, username: "ab" })).toBe("Username must be at least 3 characters");
    expect(firstError({ ...valid, username: "a".repeat(21) })).toBe("Username must be at most 20 characters");
    expect(firstError({ ...valid, username: "al ice" })).toBe("Username may only use letters a–z, digits 0–9 and _");
    expect(firstError({ ...valid, username: "alïce" })).toBe("Username may only use letters a–z, digits 0–9 and _");
    expect(firstError({ ...valid, displayName: "   " })).toBe("Display name is required");
    expect(firstError({ ...valid, displayName: "x".repeat(33) })).toBe("Display name must be at most 32 characters");
    expect(firstError({ ...valid, password: "1234567" })).toBe("Password must be at least 8 characters");
  });
});

describe("message rules", () => {
  const base = { roomId: "r1", clientId: "client-0001" };
  it("trims and accepts 1–2000 characters (counted as characters, not UTF-16 units)", () => {
    expect(sendMessageSchema.parse({ ...base, body: "  hi  " }).body).toBe("hi");
    expect(sendMessageSchema.safeParse({ ...base, body: "😀".repeat(2000) }).success).toBe(true);
    expect(sendMessageSchema.safeParse({ ...base, body: "😀".repeat(2001) }).success).toBe(false);
    expect(sendMessageSchema.safeParse({ ...base, body: "x".repeat(2000) }).success).toBe(true);
  });
  it("turns failures into an AppError with a sentence and field messages", () => {
    try {
      parseInput(sendMessageSchema, { ...base, body: "   " });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).toBody()).toEqual({ code: "VALIDATION", message: "Message can't be empty", fields: { body: "Message can't be empty" } });
    }
  });
  it("pages 50 by default and at most 100", () => {
    expect(historySchema.parse({ roomId: "r" }).limit).toBe(50);
    expect(historySchema.safeParse({ roomId: "r", limit: 101 }).success).toBe(false);
  });
});
