import { Progress } from "@/components/ui/progress";

/** The upload's progress, read out by screen readers; at 100 % the server is still re-encoding. */
export function UploadProgress({ percent }: { percent: number }) {
  const text = percent >= 100 ? "Processing…" : `Uploading… ${percent}%`;
  return (
    <div className="flex flex-col gap-1">
      <Progress value={percent} label="Avatar upload" valueText={text} />
      <p className="text-xs text-muted-foreground">{text}</p>
    </div>
  );
}
