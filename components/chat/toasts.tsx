import type { Toast } from "@/components/chat/use-toasts";

/** Polite announcements in the corner; not a status banner, and never stored. */
export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div aria-live="polite" aria-label="Notifications" className="pointer-events-none fixed bottom-20 right-3 z-50 flex w-72 max-w-[calc(100vw-1.5rem)] flex-col gap-2">
      {toasts.map((toast) => (
        <div key={toast.id} className="pointer-events-auto flex items-start gap-2 rounded-lg bg-zinc-900 px-3 py-2 text-sm text-white shadow-lg dark:bg-zinc-100 dark:text-zinc-900" data-testid="toast">
          <span className="min-w-0 flex-1 wrap-anywhere">{toast.text}</span>
          <button type="button" onClick={() => onDismiss(toast.id)} aria-label="Dismiss notification" className="opacity-70 hover:opacity-100">
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
