import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deleteSession, readSession, sessionPath, writeSession } from "@/cli/session-file";

describe("the saved sessions of the terminal client", () => {
  const env = { XDG_CONFIG_HOME: fs.mkdtempSync(path.join(os.tmpdir(), "parley-sessions-")) };

  it("keeps one owner-only file per server, under the XDG config folder", () => {
    const a = writeSession({ url: "http://localhost:3000", username: "alice", cookie: "next-auth.session-token=a" }, env);
    const b = writeSession({ url: "https://chat.example.org", username: "alice", cookie: "next-auth.session-token=b" }, env);
    expect(a).not.toBe(b);
    expect(path.dirname(a)).toBe(path.join(env.XDG_CONFIG_HOME, "parley", "sessions"));
    expect(path.basename(a)).toMatch(/^localhost_3000-[0-9a-f]{8}\.json$/);
    expect(fs.statSync(a).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(a)).mode & 0o777).toBe(0o700);
    expect(readSession("http://localhost:3000/", env)?.cookie).toBe("next-auth.session-token=a");
    expect(readSession("https://chat.example.org", env)?.cookie).toBe("next-auth.session-token=b");
    expect(sessionPath("http://localhost:3001", env)).not.toBe(a);
  });

  it("forgets one server's session without touching another's", () => {
    deleteSession("http://localhost:3000", env);
    expect(readSession("http://localhost:3000", env)).toBeNull();
    expect(readSession("https://chat.example.org", env)).not.toBeNull();
  });
});
