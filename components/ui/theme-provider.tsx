"use client";

import { ThemeProvider as NextThemesProvider } from "next-themes";
import type { ReactNode } from "react";

export const THEME_STORAGE_KEY = "parley-theme";

/** Follows the system until the user picks; the choice lives in localStorage. */
export function ThemeProvider({ children, nonce }: { children: ReactNode; nonce?: string }) {
  return (
    // The nonce lets next-themes' inline script (it sets the class before first paint) past the CSP.
    <NextThemesProvider nonce={nonce} attribute="class" defaultTheme="system" enableSystem storageKey={THEME_STORAGE_KEY} disableTransitionOnChange>
      {children}
    </NextThemesProvider>
  );
}
