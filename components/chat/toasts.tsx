/**
 * Shows one short note through sonner (see toaster.tsx). sonner is imported on first
 * use so it stays out of the chat page's first-load JavaScript; the test id lets specs
 * find notes without knowing sonner's markup.
 */
export function notify(text: string): void {
  void import("sonner").then(({ toast }) => toast(text, { testId: "toast" }));
}
