/** The upload's progress, read out by screen readers; at 100 % the server is still re-encoding. */
export function UploadProgress({ percent }: { percent: number }) {
  const text = percent >= 100 ? "Processing…" : `Uploading… ${percent}%`;
  return (
    <div className="flex flex-col gap-1">
      <div
        role="progressbar"
        aria-label="Avatar upload"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className="h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-muted-foreground">{text}</p>
    </div>
  );
}
