import { describe, expect, it } from "vitest";
import { aliasFrom, parseSecretCommand } from "@/lib/client/secret-commands";

describe("secret room commands", () => {
  it("reads /purr and /whisper with the whole text after the alias", () => {
    expect(parseSecretCommand("/purr bob  meet at  noon")).toEqual({ kind: "whisper", to: "bob", text: "meet at  noon" });
    expect(parseSecretCommand("/whisper bob hi")).toEqual({ kind: "whisper", to: "bob", text: "hi" });
    expect(parseSecretCommand("/purr bob")).toMatchObject({ kind: "error" });
  });

  it("reads the room commands, and plain lines as messages", () => {
    expect(parseSecretCommand("/exit")).toEqual({ kind: "exit" });
    expect(parseSecretCommand("/kick Carol")).toEqual({ kind: "kick", alias: "Carol" });
    expect(parseSecretCommand("/kick")).toMatchObject({ kind: "error" });
    expect(parseSecretCommand("/STOP")).toEqual({ kind: "stop" });
    expect(parseSecretCommand("/who")).toEqual({ kind: "who" });
    expect(parseSecretCommand("hello **there**")).toEqual({ kind: "say", text: "hello **there**" });
    expect(parseSecretCommand("//not a command")).toEqual({ kind: "say", text: "/not a command" });
    expect(parseSecretCommand("/nope")).toMatchObject({ kind: "error" });
    expect(parseSecretCommand("   ")).toBeNull();
  });

  it("turns a display name into a one-word alias", () => {
    expect(aliasFrom("Ada Lovelace")).toBe("Ada_Lovelace");
    expect(aliasFrom("<b>!</b>")).toBe("bb");
    expect(aliasFrom("!!!")).toBe("guest");
  });
});
