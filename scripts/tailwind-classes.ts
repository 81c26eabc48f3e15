import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIRS = ["components", "app"];
// The generated merge config is all class-group names, not classes.
const GENERATED = "components/ui/tailwind-merge-config.generated.ts";

function walk(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return walk(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && rel !== GENERATED ? [rel] : [];
  });
}

const STRING = /"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g;

/**
 * Every whitespace-separated token inside a string or template literal of components/ and app/
 * that could be a Tailwind class (callers keep the ones tailwind-merge recognises): className
 * strings, cva() variants and cn() arguments alike. `${…}` parts of template literals are cut out.
 */
export function collectClassCandidates(): string[] {
  return [...new Set(collectClassStrings().flatMap((text) => text.split(" ")))].sort();
}

/** Each literal's candidate tokens joined by one space (a className, a cva variant, a cn() argument). */
export function collectClassStrings(): string[] {
  const strings = new Set<string>();
  for (const file of DIRS.flatMap(walk)) {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const match of source.matchAll(STRING)) {
      const text = (match[1] ?? match[2] ?? match[3] ?? "").replace(/\$\{[^}]*\}/g, " ");
      const tokens = text.split(/\s+/).filter((token) => token && /^[!-]?[a-z@*[]/.test(token) && !/[;{}"'<>]/.test(token));
      if (tokens.length > 0) strings.add(tokens.join(" "));
    }
  }
  return [...strings].sort();
}
