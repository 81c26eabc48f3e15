import type { ClassValue } from "clsx";
import { clsx } from "clsx";
import { createTailwindMerge } from "tailwind-merge";
import { tailwindMergeConfig } from "./tailwind-merge-config.generated";

// Only the class groups Parley uses (scripts/gen-tailwind-merge-config.ts, run at install and before
// each build; the file is not committed), so the browser bundle
// leaves out tailwind-merge's default config. components/ui/cn.test.ts holds it to twMerge.
const merge = createTailwindMerge(() => tailwindMergeConfig);

/** Joins class names and lets a later Tailwind class win over an earlier one (`cn("px-2", "px-4")` → `px-4`). */
export function cn(...inputs: ClassValue[]): string {
  return merge(clsx(inputs));
}
