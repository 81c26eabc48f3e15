import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";
import { uniqueName } from "./fixtures/test";

/**
 * The terminal client against the real server: next-auth's own sign-in endpoints (the
 * Vitest suite in cli/ uses stand-ins for them), no Origin header, the session cookie.
 */
let parley: ParleyProcess;

test.beforeAll(async () => {
  parley = await startParley();
});

test.afterAll(async () => {
  await parley?.stop();
});

function pipe(lines: string[], args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["cli/bin/parley.mjs", "--url", parley.url, ...args], {
    env: { ...process.env, PARLEY_USERNAME: "", PARLEY_PASSWORD: "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out.stderr += d.toString()));
  child.stdin.end(lines.map((l) => `${l}\n`).join(""));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, ...out })));
}

test("signs up, logs in again from the saved session, and a wrong password names no field", async () => {
  test.setTimeout(90_000);
  const name = uniqueName("term");
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "parley-cli-e2e-"));
  const signedUp = await pipe(["hello from the terminal"], ["--signup"], { XDG_CONFIG_HOME: home, PARLEY_USERNAME: name, PARLEY_PASSWORD: "correct horse" });
  expect(signedUp.code, signedUp.stderr).toBe(0);
  expect(signedUp.stdout).toContain(`[#general] ${name}: hello from the terminal`);

  const again = await pipe([`/check ${name}`], [], { XDG_CONFIG_HOME: home });
  expect(again.code, again.stderr).toBe(0);
  expect(again.stdout).toMatch(new RegExp(`\\(@${name}\\) — online · joined`));

  const wrong = await pipe([], [], {
    XDG_CONFIG_HOME: fs.mkdtempSync(path.join(os.tmpdir(), "parley-cli-e2e-")),
    PARLEY_USERNAME: name,
    PARLEY_PASSWORD: "wrong horse",
  });
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain("Wrong username or password");
});
