import { XIcon } from "lucide-react";
import type { ComposeMode } from "@/components/chat/composer";
import { Button } from "@/components/ui/button";

/** Above the text box while answering or correcting a message: what, and a way out. */
export function ComposeBanner({ compose, onEnd }: { compose: NonNullable<ComposeMode>; onEnd: () => void }) {
  return (
    <div className="mb-2 flex items-center gap-2 rounded-md border-l-2 border-primary bg-muted px-2 py-1 text-sm" data-compose={compose.mode}>
      <p className="min-w-0 flex-1 truncate">
        {compose.mode === "edit" ? (
          <span className="font-medium">Editing your message</span>
        ) : (
          <>
            <span className="text-muted-foreground">Replying to </span>
            <span className="font-medium">{compose.message.author.displayName}</span>
            <span className="text-muted-foreground">: {compose.message.body}</span>
          </>
        )}
        <span className="text-xs text-muted-foreground"> · Esc to cancel</span>
      </p>
      <Button
        type="button"
        variant="ghost"
        size="sm"
        className="h-6 px-1"
        aria-label={compose.mode === "edit" ? "Cancel editing" : "Cancel reply"}
        onClick={onEnd}
      >
        <XIcon aria-hidden="true" className="size-4" />
      </Button>
    </div>
  );
}
