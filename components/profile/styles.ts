/** Button looks shared by the profile and PWA settings (kept apart from the chat's, which is being reworked). */
export const primaryButton =
  "rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-60";
export const secondaryButton =
  "rounded-md border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";
export const successText = "text-sm text-emerald-700 dark:text-emerald-400";
export const errorText = "text-sm text-red-600 dark:text-red-400";
export const hintText = "text-sm text-zinc-600 dark:text-zinc-400";
