"use client";

import { useCallback } from "react";
import useSWR from "swr";
import type { SWRConfiguration } from "swr";
import { useSWRConfig } from "swr";
import type { HttpError } from "@/lib/client/http";
import { http } from "@/lib/client/http";

/** SWR's fetcher over the one HTTP client: the answer's data, or the server's AppError body thrown as is. */
export async function httpFetcher<T>(url: string): Promise<T> {
  const result = await http<T>(url);
  if (result.ok) return result.data;
  throw result.error;
}

/** Refusals (4xx) won't change by asking again; an unreachable or failing server might. */
const retryable = (error: HttpError) => error.status === 0 || error.status >= 500 || error.status === 429;

/**
 * GETs `url` (null: nothing yet) through SWR. The last good answer stays on screen while
 * a new key loads or a revalidation fails, so paging a table never blanks it.
 */
export function useHttp<T>(url: string | null, config: SWRConfiguration<T, HttpError> = {}) {
  return useSWR<T, HttpError>(url, httpFetcher<T>, {
    keepPreviousData: true,
    errorRetryInterval: 5000,
    onErrorRetry: (error, _key, options, revalidate, { retryCount }) => {
      if (!retryable(error) || retryCount >= 10) return;
      setTimeout(() => void revalidate({ retryCount }), options.errorRetryInterval);
    },
    ...config,
  });
}

/** Revalidates every loaded GET whose URL starts with one of `prefixes` (after a write that changed them). */
export function useRevalidate() {
  const { mutate } = useSWRConfig();
  return useCallback((prefixes: readonly string[]) => mutate((key) => typeof key === "string" && prefixes.some((p) => key.startsWith(p))), [mutate]);
}
