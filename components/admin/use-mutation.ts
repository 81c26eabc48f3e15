"use client";

import { useCallback, useState } from "react";
import type { HttpError } from "@/lib/client/http";
import { http } from "@/lib/client/http";

/** One write request at a time, with its progress and the server's refusal. */
export function useMutation() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<HttpError | null>(null);

  const run = useCallback(async <T>(url: string, method: "POST" | "PUT" | "DELETE", body: unknown): Promise<T | null> => {
    setBusy(true);
    setError(null);
    const result = await http<T>(url, { method, body });
    setBusy(false);
    if (result.ok) return result.data;
    setError(result.error);
    return null;
  }, []);

  const reset = useCallback(() => setError(null), []);
  return { busy, error, run, reset };
}
