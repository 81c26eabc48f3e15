/** Shared Tailwind classes for the console; light and dark in one place. */
export const button = "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-60";
export const quietButton =
  "rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";
export const dangerButton = "rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-500 disabled:cursor-not-allowed disabled:opacity-60";
export const input =
  "rounded-md border border-zinc-300 bg-white px-3 py-2 text-base text-zinc-900 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";
export const label = "text-sm font-medium";
export const hint = "text-xs text-zinc-500 dark:text-zinc-400";
export const card = "rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900";
export const table = "w-full min-w-[40rem] border-collapse text-left text-sm";
export const th = "border-b border-zinc-200 px-3 py-2 font-semibold whitespace-nowrap dark:border-zinc-800";
export const td = "border-b border-zinc-100 px-3 py-2 align-top dark:border-zinc-800/60";
export const badge = "inline-block rounded-full px-2 py-0.5 text-xs font-medium";
