import { describe, expect, it } from "vitest";
import { formatBytes } from "@/lib/shared/format-bytes";

describe("formatBytes", () => {
  it("reads as people write sizes", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(812)).toBe("812 bytes");
    expect(formatBytes(340 * 1024)).toBe("340 KB");
    expect(formatBytes(4.24 * 1024 * 1024)).toBe("4.2 MB");
    expect(formatBytes(25 * 1024 * 1024)).toBe("25 MB");
    expect(formatBytes(40.4 * 1024 * 1024)).toBe("40 MB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3 GB");
  });
});
