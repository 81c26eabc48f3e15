"use client";

import { useEffect, useMemo } from "react";
import { cn } from "@/components/ui/cn";
import { lazyModule, useLazyModule } from "@/components/ui/lazy";
import type { MessageMentions } from "@/lib/shared/types";

/** The Markdown renderer (react-markdown, remark, rehype): its own chunk, never in the chat page's first load. */
const markdown = lazyModule(() => import("@/components/chat/markdown"));

/**
 * Fetches the Markdown renderer: safe to call often. A body that needs it asks on first
 * render; the chat page can also ask at idle (`usePreloadWhenIdle(preloadMarkdown)`).
 */
export const preloadMarkdown = markdown.preload;

/**
 * Whether Markdown could render this body differently from its plain text: formatting
 * characters, an HTML-ish `<` or entity `&`, a backslash escape, a line that starts like
 * a block (quote, list, heading, indented code, setext or table rule), a link (bare URL,
 * www., an address with @) or a mention. Anything else is shown as typed, without waiting.
 */
const MARKDOWNISH = /[*_~`<&\\[\]@]|https?:|www\.|mailto:|^[ \t]|^\s*(?:[->+#=:|]|\d+[.)])/m;

export function mayBeMarkdown(body: string): boolean {
  return MARKDOWNISH.test(body);
}

/**
 * A message's text: Markdown (see markdown.tsx) once that code has loaded, plain text
 * until then, and always plain when there is nothing in it Markdown would change.
 */
export function MessageBody({ body, mentions, meUsername, className }: { body: string; mentions?: MessageMentions; meUsername: string; className?: string }) {
  const rich = mayBeMarkdown(body);
  const loaded = useLazyModule(markdown);
  useEffect(() => {
    if (rich) void preloadMarkdown();
  }, [rich]);
  const usernames = mentions?.usernames;
  const here = mentions?.here === true;
  const mentionNames = useMemo(() => [...(usernames ?? []), ...(here ? ["here"] : [])], [usernames, here]);
  if (!rich || !loaded) {
    return (
      <p className={cn("whitespace-pre-wrap wrap-anywhere", className)} data-message-body="plain">
        {body}
      </p>
    );
  }
  return (
    <div className={className}>
      <loaded.Markdown body={body} mentionNames={mentionNames} meUsername={meUsername} />
    </div>
  );
}
