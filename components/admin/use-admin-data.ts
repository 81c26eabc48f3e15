"use client";

import { useCallback, useEffect, useState } from "react";
import type { HttpError } from "@/lib/client/http";
import { http } from "@/lib/client/http";

export interface AdminData<T> {
  data: T | null;
  error: HttpError | null;
  loading: boolean;
  /** When the last successful answer arrived (ms since epoch). */
  updatedAt: number | null;
  reload: () => void;
}

/**
 * GETs `url` (again whenever it changes) and, with `pollMs`, keeps polling. The last good
 * answer stays on screen while a new one loads or when a poll fails.
 */
export function useAdminData<T>(url: string, options: { pollMs?: number } = {}): AdminData<T> {
  const { pollMs } = options;
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<HttpError | null>(null);
  const [loading, setLoading] = useState(true);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger.
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      setLoading(true);
      const result = await http<T>(url, { signal: controller.signal });
      if (controller.signal.aborted) return;
      if (result.ok) {
        setData(result.data);
        setError(null);
        setUpdatedAt(Date.now());
      } else setError(result.error);
      setLoading(false);
      if (pollMs) timer = setTimeout(() => void load(), pollMs);
    };
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [url, pollMs, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, updatedAt, reload };
}
