import { describe, expect, it } from "vitest";
import { createClientIdLedger } from "@/lib/server/services/moderation/client-ids";

describe("client id ledger", () => {
  it("counts a clientId as stored only once its write stored it, and only for its room", async () => {
    const ledger = createClientIdLedger();
    ledger.begin("u", "c1", "general");
    expect(ledger.isStored("u", "c1", "general")).toBe(false);
    const twin = ledger.inFlight("u", "c1", "general");
    expect(twin).not.toBeNull();
    ledger.end("u", "c1", "general", true);
    await twin;
    expect(ledger.inFlight("u", "c1", "general")).toBeNull();
    expect(ledger.isStored("u", "c1", "general")).toBe(true);
    expect(ledger.isStored("u", "c1", "dm-room")).toBe(false);
    expect(ledger.isStored("someone-else", "c1", "general")).toBe(false);
  });

  it("forgets a refused write, so its resend is checked like a new message", async () => {
    const ledger = createClientIdLedger();
    ledger.begin("u", "c2", "general");
    const twin = ledger.inFlight("u", "c2", "general");
    ledger.end("u", "c2", "general", false);
    await twin;
    expect(ledger.isStored("u", "c2", "general")).toBe(false);
    expect(ledger.inFlight("u", "c2", "general")).toBeNull();
  });

  it("keeps the last N per user", () => {
    const ledger = createClientIdLedger(3);
    for (const id of ["a", "b", "c", "d"]) {
      ledger.begin("u", id, "r");
      ledger.end("u", id, "r", true);
    }
    expect(["a", "b", "c", "d"].map((id) => ledger.isStored("u", id, "r"))).toEqual([false, true, true, true]);
  });
});
