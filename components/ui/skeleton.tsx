import type { ComponentProps } from "react";
import { cn } from "@/components/ui/cn";

/** A placeholder block while content loads; hidden from screen readers, which hear the status text instead. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="skeleton" aria-hidden="true" className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />;
}
