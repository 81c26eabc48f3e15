import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

/**
 * lib/ is three folders: lib/server (Node only: database, sockets, secrets; each file
 * imports "server-only", so Next refuses it in a browser bundle), lib/shared (schemas,
 * protocol, errors, types: safe anywhere) and lib/client (browser state). This walks the
 * import graph from every browser entry — each "use client" file and lib/client — and
 * from lib/shared, and fails with the chain that reaches server code. Type-only imports
 * are erased before anything runs, so they don't count.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const SOURCE = /\.(ts|tsx)$/;
const SERVER = [/^lib\/server\//, /^lib\/generated\//];

function walk(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "generated" ? [] : walk(rel);
    return SOURCE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    const file = path.join(ROOT, candidate);
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return candidate;
  }
  return base; // unresolved (e.g. generated code): still checked by path
}

/** Erased at compile time: `import type …`, or only `type` names in braces. */
function typeOnly(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // import "x": a side effect
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

const importsCache = new Map<string, string[]>();
function importsOf(file: string): string[] {
  let list = importsCache.get(file);
  if (!list) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    list = [];
    // A "use server" module reaches the browser only as references to its actions.
    if (!/^\s*["']use server["']/.test(text)) {
      const visit = (node: ts.Node) => {
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && !typeOnly(node)) list!.push(node.moduleSpecifier.text);
        else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly)
          list!.push(node.moduleSpecifier.text);
        else if (
          ts.isCallExpression(node) &&
          node.expression.kind === ts.SyntaxKind.ImportKeyword &&
          node.arguments[0] &&
          ts.isStringLiteral(node.arguments[0])
        )
          list!.push(node.arguments[0].text);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    importsCache.set(file, list);
  }
  return list;
}

/** The first chain from `entry` to server code or to the `server-only` package, or null. */
function serverChain(entry: string, isForbidden: (file: string) => boolean): string[] | null {
  const seen = new Set<string>([entry]);
  const queue: string[][] = [[entry]];
  while (queue.length) {
    const chain = queue.shift()!;
    const file = chain.at(-1)!;
    if (!fs.existsSync(path.join(ROOT, file))) continue;
    for (const spec of importsOf(file)) {
      if (spec === "server-only") return [...chain, spec];
      const target = resolve(file, spec);
      if (!target || seen.has(target)) continue;
      seen.add(target);
      if (isForbidden(target)) return [...chain, target];
      queue.push([...chain, target]);
    }
  }
  return null;
}

const isServer = (file: string) => SERVER.some((re) => re.test(file));
const sources = ["app", "components", "lib"].flatMap(walk);
const clientEntries = sources.filter((f) => f.startsWith("lib/client/") || /^\s*["']use client["']/.test(fs.readFileSync(path.join(ROOT, f), "utf8")));

describe("import boundaries", () => {
  test("there are browser entries to check", () => {
    expect(clientEntries.length).toBeGreaterThan(40);
  });

  test("no browser code reaches lib/server or lib/generated", () => {
    const chains = clientEntries.flatMap((entry) => serverChain(entry, isServer) ?? []);
    expect(
      chains.length === 0
        ? ""
        : clientEntries
            .map((e) => serverChain(e, isServer))
            .filter(Boolean)
            .map((c) => c!.join(" → "))
            .join("\n"),
    ).toBe("");
  });

  test("lib/shared imports neither server nor browser code", () => {
    const shared = sources.filter((f) => f.startsWith("lib/shared/"));
    expect(shared.length).toBeGreaterThan(5);
    const bad = (file: string) => isServer(file) || file.startsWith("lib/client/") || file.startsWith("components/");
    expect(
      shared
        .map((e) => serverChain(e, bad))
        .filter(Boolean)
        .map((c) => c!.join(" → "))
        .join("\n"),
    ).toBe("");
  });

  test("every file in lib/server declares itself server-only", () => {
    const missing = sources.filter((f) => f.startsWith("lib/server/") && !/^import "server-only";$/m.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(missing).toEqual([]);
  });
});
