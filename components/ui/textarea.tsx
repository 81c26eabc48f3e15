import type { ComponentProps } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/input";

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea data-slot="textarea" className={cn(inputClass, "min-h-16", className)} {...props} />;
}
