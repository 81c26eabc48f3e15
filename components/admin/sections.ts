/** The console's sections, in navigation order. */
export const SECTIONS = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/messages", label: "Messages" },
  { href: "/admin/reports", label: "Reports" },
  { href: "/admin/spam", label: "Spam log" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/settings", label: "Settings" },
] as const;

export type SectionHref = (typeof SECTIONS)[number]["href"];
