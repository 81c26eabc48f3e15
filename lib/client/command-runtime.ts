/**
 * Everything slash commands need beyond recognising one: the catalog and its palette,
 * the parser, and what each command does. Not part of the chat's first load: the chat
 * fetches it when idle, or when someone starts typing a command (lazyModule).
 */
export { completeCommand, paletteFor } from "@/lib/client/command-catalog";
export { parseCommand } from "@/lib/client/commands";
export { runCommand } from "@/lib/client/run-command";
