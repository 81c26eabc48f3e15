"use client";

import { useRef } from "react";

type AutoFocusHandler = (event: Event) => void;

/**
 * Radix dialogs hand focus back to their own Trigger on close, and to nothing when they
 * were opened another way (a header button, a menu item, a slash command). This remembers
 * whatever had focus when the dialog opened and returns focus there instead.
 */
export function useReturnFocus(onOpenAutoFocus?: AutoFocusHandler, onCloseAutoFocus?: AutoFocusHandler) {
  const opener = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus: (event: Event) => {
      // Radix fires this before it moves focus in, so the opener still has it.
      opener.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
      onOpenAutoFocus?.(event);
    },
    onCloseAutoFocus: (event: Event) => {
      onCloseAutoFocus?.(event);
      const target = opener.current;
      if (event.defaultPrevented || !target?.isConnected) return;
      event.preventDefault();
      target.focus();
    },
  };
}
