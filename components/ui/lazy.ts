"use client";

import type { ComponentType } from "react";
import { lazy, useEffect, useSyncExternalStore } from "react";

/**
 * A component whose code loads on first render instead of with the page, plus `preload`
 * to fetch it earlier (idle time, or hover/focus of what opens it) so opening never waits.
 * React.lazy rather than next/dynamic: next/dynamic's loader adds ~2 KiB gzip to every
 * page that uses it, and these pieces are never rendered on the server anyway (they open
 * on interaction, or mount after hydration; see useHydrated). Render inside <Suspense>.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>) {
  // A failed fetch (offline for a moment) is tried again the next time it is wanted (lazyModule).
  const code = lazyModule(load);
  return { Component: lazy(() => code.load().then((component) => ({ default: component }))), preload: code.load };
}

/**
 * A module whose code loads when first wanted instead of with the page: `load()` fetches
 * it (once), `current()` is the module once it has arrived, and useLazyModule re-renders
 * when it does. A failed fetch is tried again the next time.
 */
export function lazyModule<M>(load: () => Promise<M>) {
  let loaded: M | null = null;
  let pending: Promise<M> | null = null;
  const listeners = new Set<() => void>();
  const fetchIt = () => {
    pending ??= load().then(
      (module) => {
        loaded = module;
        for (const listener of listeners) listener();
        return module;
      },
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    return pending;
  };
  return {
    load: fetchIt,
    preload: () => fetchIt().catch(() => undefined),
    current: () => loaded,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The module once it has loaded (null before, and on the server). */
export function useLazyModule<M>(module: ReturnType<typeof lazyModule<M>>): M | null {
  return useSyncExternalStore(module.subscribe, module.current, () => null);
}

const noSubscription = () => () => {};

/** False on the server and during hydration, true after: for pieces that only make sense in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

type IdleWindow = Window & { requestIdleCallback?: (run: () => void, options?: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void };

/**
 * Fetches lazy pieces once the page has settled, so the first open of a dialog or menu
 * doesn't wait for the network. Safari has no requestIdleCallback: a timeout stands in.
 */
export function usePreloadWhenIdle(...preloads: Array<() => Promise<unknown>>): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the preloads are module-level functions: once per mount is enough.
  useEffect(() => {
    const w = window as IdleWindow;
    const run = () => {
      for (const preload of preloads) preload().catch(() => undefined);
    };
    if (w.requestIdleCallback) {
      const id = w.requestIdleCallback(run, { timeout: 3_000 });
      return () => w.cancelIdleCallback?.(id);
    }
    const id = window.setTimeout(run, 1_500);
    return () => window.clearTimeout(id);
  }, []);
}
