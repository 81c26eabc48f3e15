import "server-only";
export type PreviewFetchReason =
  | "bad-url"
  | "bad-scheme"
  | "bad-port"
  | "dns-failed"
  | "blocked-address"
  | "too-many-redirects"
  | "timeout"
  | "too-large"
  | "not-html"
  | "not-image"
  | "http-status"
  | "network";

/** Every way a preview fetch fails; callers drop the preview, they never crash. */
export class PreviewFetchError extends Error {
  constructor(
    readonly reason: PreviewFetchReason,
    message: string,
  ) {
    super(message);
    this.name = "PreviewFetchError";
  }
}
