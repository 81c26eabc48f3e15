import { PaperclipIcon } from "lucide-react";
import { useRef } from "react";
import type { useAttachments } from "@/components/chat/use-attachments";
import { attachmentRuntime } from "@/components/chat/use-attachments";
import { Button } from "@/components/ui/button";
import { useLazyModule } from "@/components/ui/lazy";

/** Shown over the chat area while files are dragged over it. */
export function DropOverlay() {
  return (
    <div className="pointer-events-none absolute inset-2 z-40 flex items-center justify-center rounded-lg border-2 border-dashed border-primary bg-background/85 text-lg font-medium text-foreground">
      Drop files to attach
    </div>
  );
}

/** Above the text box: what the browser refused, the files going out with the message, and why Send waits. */
export function ComposerFiles({ files, blocked }: { files: ReturnType<typeof useAttachments>; blocked: string | null }) {
  const runtime = useLazyModule(attachmentRuntime);
  return (
    <>
      {files.refusal ? (
        <p role="alert" className="mb-2 text-sm text-destructive wrap-anywhere">
          {files.refusal}
        </p>
      ) : null}
      {runtime ? <runtime.AttachmentTray files={files.files} onRemove={files.remove} onRetry={files.retry} /> : null}
      {blocked ? (
        <p id="attach-status" className="mb-2 text-xs text-muted-foreground">
          {blocked}
        </p>
      ) : null}
    </>
  );
}

/** The paperclip: opens the system's file picker (several files at once). */
export function AttachButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        className="size-10"
        aria-label="Attach files"
        title="Attach files"
        onPointerEnter={attachmentRuntime.preload}
        onFocus={attachmentRuntime.preload}
        onClick={() => picker.current?.click()}
      >
        <PaperclipIcon aria-hidden="true" className="size-5" />
      </Button>
      <input
        ref={picker}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        onChange={(e) => {
          onFiles([...(e.target.files ?? [])]);
          e.target.value = "";
        }}
      />
    </>
  );
}
