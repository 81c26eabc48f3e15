import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureBuild, inputsHash } from "@/scripts/build-stamp.mjs";

/** A tiny project on disk; `build` stands in for `next build` and counts its runs. */
let root: string;
let builds: number;
const build = () => {
  builds += 1;
  fs.mkdirSync(path.join(root, ".next"), { recursive: true });
  fs.writeFileSync(path.join(root, ".next", "BUILD_ID"), `build-${builds}`);
};
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
};
const start = () => ensureBuild({ root, build, log: () => {}, environment: {} });

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "parley-build-stamp-"));
  builds = 0;
  write("app/page.tsx", "export default function Page() { return null; }");
  write("lib/server/env.ts", "export const a = 1;");
  write("components/ui/button.tsx", "export const Button = 1;");
  write("package-lock.json", "{}");
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("npm start builds only when the sources changed", () => {
  it("builds when there is no build, then a second start skips it", () => {
    expect(start().built).toBe(true);
    expect(start().built).toBe(false);
    expect(builds).toBe(1);
  });

  it.each([
    ["a page is edited", () => write("app/page.tsx", "export default function Page() { return 1; }")],
    ["a file is added under lib", () => write("lib/server/new.ts", "export {};")],
    ["a component is deleted", () => fs.rmSync(path.join(root, "components/ui/button.tsx"))],
    ["a file is renamed", () => fs.renameSync(path.join(root, "lib/server/env.ts"), path.join(root, "lib/server/env2.ts"))],
    ["the lock file changes", () => write("package-lock.json", '{"a":1}')],
    ["next.config.mjs appears", () => write("next.config.mjs", "export default {};")],
    ["a public asset changes", () => write("public/icon.svg", "<svg/>")],
  ])("rebuilds when %s", (_what, change) => {
    start();
    change();
    expect(start().built).toBe(true);
    expect(builds).toBe(2);
    expect(start().built).toBe(false);
  });

  it("does not rebuild for test files or files Next never reads", () => {
    start();
    write("lib/server/env.test.ts", "test");
    write("e2e/new.spec.ts", "test");
    write("README.md", "docs");
    write("server.ts", "// run by tsx, not bundled");
    expect(start().built).toBe(false);
  });

  it("rebuilds when the previous build is gone or its stamp is", () => {
    start();
    fs.rmSync(path.join(root, ".next", "BUILD_ID"));
    expect(start().built).toBe(true);
    fs.rmSync(path.join(root, ".next", "parley-build-stamp.json"));
    expect(start().built).toBe(true);
    expect(builds).toBe(3);
  });

  it("a failed build leaves no stamp, so the next start builds again", () => {
    start();
    write("app/page.tsx", "broken");
    expect(() =>
      ensureBuild({
        root,
        build: () => {
          throw new Error("next build failed");
        },
        log: () => {},
        environment: {},
      }),
    ).toThrow();
    expect(start().built).toBe(true);
  });

  it("inlined NEXT_PUBLIC_ variables are part of the inputs", () => {
    expect(inputsHash(root, { NEXT_PUBLIC_X: "1" }).hash).not.toBe(inputsHash(root, { NEXT_PUBLIC_X: "2" }).hash);
    expect(inputsHash(root, { OTHER: "1" }).hash).toBe(inputsHash(root, {}).hash);
  });

  it("says which it did", () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    ensureBuild({ root, build, log, environment: {} });
    ensureBuild({ root, build, log, environment: {} });
    write("lib/server/env.ts", "export const a = 2;");
    ensureBuild({ root, build, log, environment: {} });
    expect(lines[0]).toMatch(/^No finished build found: building/);
    expect(lines[1]).toMatch(/^Build is up to date \(/);
    expect(lines[2]).toBe("Sources changed: building…");
  });
});
