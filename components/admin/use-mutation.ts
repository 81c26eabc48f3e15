"use client";

import { useCallback, useState } from "react";
import type { HttpError } from "@/lib/client/http";
import { http } from "@/lib/client/http";
import { useRevalidate } from "@/lib/client/use-http";

/**
 * One write request at a time, with its progress and the server's refusal. On success,
 * every loaded GET under `revalidates` (e.g. "/api/admin/users") is fetched again.
 */
export function useMutation(revalidates: readonly string[] = []) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<HttpError | null>(null);
  const revalidate = useRevalidate();
  const key = revalidates.join("\n");

  const run = useCallback(
    async <T>(url: string, method: "POST" | "PUT" | "DELETE", body: unknown): Promise<T | null> => {
      setBusy(true);
      setError(null);
      const result = await http<T>(url, { method, body });
      setBusy(false);
      if (!result.ok) {
        setError(result.error);
        return null;
      }
      if (key) void revalidate(key.split("\n"));
      return result.data;
    },
    [key, revalidate],
  );

  const reset = useCallback(() => setError(null), []);
  return { busy, error, run, reset };
}
