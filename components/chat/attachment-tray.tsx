import { FileIcon, RotateCwIcon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import type { TrayFile } from "@/lib/client/attachment-queue";
import { formatBytes } from "@/lib/shared/format-bytes";

function statusText(file: TrayFile): string {
  if (file.status === "uploaded") return "Ready";
  if (file.status === "failed") return "Not uploaded";
  return file.percent >= 100 ? "Processing…" : `Uploading… ${file.percent}%`;
}

/** The files of the message being written, above the text box: each with its progress and a way out. */
export function AttachmentTray({ files, onRemove, onRetry }: { files: readonly TrayFile[]; onRemove: (key: string) => void; onRetry: (key: string) => void }) {
  if (!files.length) return null;
  return (
    <ul aria-label="Files to send" className="mb-2 flex max-h-48 flex-col gap-1.5 overflow-y-auto">
      {files.map((file) => (
        <li key={file.key} data-status={file.status} className="flex items-center gap-2 rounded-md border border-border bg-card px-2 py-1.5 text-sm">
          {file.previewUrl ? (
            // A blob: URL of the picked file; next/image can't load those.
            <img src={file.previewUrl} alt="" className="size-10 shrink-0 rounded object-cover" />
          ) : (
            <span className="flex size-10 shrink-0 items-center justify-center rounded bg-muted">
              <FileIcon aria-hidden="true" className="size-5 text-muted-foreground" />
            </span>
          )}
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <p className="flex min-w-0 items-baseline gap-2">
              <span className="truncate font-medium">{file.name}</span>
              <span className="shrink-0 text-xs text-muted-foreground">
                {formatBytes(file.size)} · {statusText(file)}
              </span>
            </p>
            {file.status === "uploading" ? (
              <Progress value={file.percent} label={`Uploading ${file.name}`} valueText={statusText(file)} className="h-1.5" />
            ) : null}
            {file.status === "failed" ? (
              <p className="text-xs text-destructive wrap-anywhere" role="alert">
                {file.error} Retry, or remove the file.
              </p>
            ) : null}
          </div>
          {file.status === "failed" ? (
            <Button variant="ghost" size="icon-sm" aria-label={`Retry ${file.name}`} onClick={() => onRetry(file.key)}>
              <RotateCwIcon aria-hidden="true" />
            </Button>
          ) : null}
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={file.status === "uploading" ? `Cancel upload of ${file.name}` : `Remove ${file.name}`}
            onClick={() => onRemove(file.key)}
          >
            <XIcon aria-hidden="true" />
          </Button>
        </li>
      ))}
    </ul>
  );
}
