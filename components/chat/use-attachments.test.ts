import { describe, expect, it } from "vitest";
import { pastedName } from "@/components/chat/use-attachments";

describe("pastedName", () => {
  it("names a pasted screenshot after where it came from", () => {
    const named = pastedName(new File(["x"], "image.png", { type: "image/png" }));
    expect([named.name, named.type, named.size]).toEqual(["pasted-image.png", "image/png", 1]);
    expect(pastedName(new File(["x"], "", { type: "image/jpeg" })).name).toBe("pasted-image.jpg");
  });

  it("keeps the name of a copied file", () => {
    expect(pastedName(new File(["x"], "holiday.png", { type: "image/png" })).name).toBe("holiday.png");
    expect(pastedName(new File(["x"], "image.txt", { type: "text/plain" })).name).toBe("image.txt");
  });
});
