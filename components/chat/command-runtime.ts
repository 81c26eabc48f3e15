import { lazyModule } from "@/components/ui/lazy";

/** The slash commands' code (lib/client/command-runtime.ts), fetched when idle or on the first "/". */
export const commandRuntime = lazyModule(() => import("@/lib/client/command-runtime"));
