"use client";

import { lazyComponent, lazyModule } from "@/components/ui/lazy";

/**
 * `@` autocomplete's matching and its list load after the page (first-load JS budget):
 * the composer fetches them when an `@` is typed, the chat preloads them when idle.
 */
export const mentionQuery = lazyModule(() => import("@/lib/client/mention-query"));
export const mentionList = lazyComponent(() => import("@/components/chat/mention-suggestions").then((m) => m.MentionSuggestions));
export const preloadMentions = () => Promise.all([mentionQuery.preload(), mentionList.preload()]);
