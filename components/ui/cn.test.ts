import { twMerge } from "tailwind-merge";
import { describe, expect, test } from "vitest";
import { collectClassCandidates, collectClassStrings } from "@/scripts/tailwind-classes";
import { cn } from "./cn";

// The classes used in components/ and app/, read now, so a newly used class is covered at once.
const classes = collectClassCandidates().filter((c) => twMerge(`${c} ${c}`) === c);

describe("cn with the small tailwind-merge config", () => {
  test("finds the repo's classes", () => {
    expect(classes.length).toBeGreaterThan(300);
    expect(classes).toEqual(expect.arrayContaining(["text-sm", "text-primary", "px-4", "sm:px-4", "bg-primary/10"]));
  });

  test("recognises every class the full twMerge recognises (a class repeated collapses to one)", () => {
    const missing = classes.filter((c) => cn(c, c) !== c);
    expect(missing, "rerun: node --import tsx scripts/gen-tailwind-merge-config.ts (npm install and every build run it)").toEqual([]);
  });

  test("merges every ordered pair of the repo's classes as twMerge does", () => {
    const wrong: string[] = [];
    for (const a of classes) {
      for (const b of classes) {
        const expected = twMerge(a, b);
        const actual = cn(a, b);
        if (actual !== expected) wrong.push(`cn(${a}, ${b}) = ${actual}, twMerge gives ${expected}`);
      }
    }
    expect(classes.length ** 2).toBeGreaterThan(90_000);
    expect(wrong, "rerun: node --import tsx scripts/gen-tailwind-merge-config.ts (npm install and every build run it)").toEqual([]);
  });

  test("merges every ordered pair of the repo's class strings (cva variants, classNames, cn() arguments) as twMerge does", () => {
    const strings = collectClassStrings().filter((s) => s.split(" ").some((c) => twMerge(`${c} ${c}`) === c));
    const wrong: string[] = [];
    for (const a of strings) {
      for (const b of strings) {
        const expected = twMerge(a, b);
        const actual = cn(a, b);
        if (actual !== expected) wrong.push(`cn("${a}", "${b}") = "${actual}", twMerge gives "${expected}"`);
      }
    }
    expect(strings.length).toBeGreaterThan(100);
    expect(wrong.slice(0, 20), "rerun: node --import tsx scripts/gen-tailwind-merge-config.ts (npm install and every build run it)").toEqual([]);
  });

  test("keeps text size and text colour apart", () => {
    expect(cn("text-sm text-primary", "text-lg")).toBe("text-primary text-lg");
    expect(cn("text-sm text-primary", "text-destructive")).toBe("text-sm text-destructive");
    expect(cn("px-2 py-1", "p-3")).toBe("p-3");
    expect(cn("p-3", "px-2")).toBe("p-3 px-2");
  });
});
