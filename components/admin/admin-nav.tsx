"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { SECTIONS } from "@/components/admin/sections";

/** Plain links (Tab / Enter); the current section carries aria-current and a visible bar. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Moderation sections" className="overflow-x-auto border-b border-border md:border-b-0 md:border-r">
      <ul className="flex gap-1 p-2 md:w-48 md:flex-col">
        {SECTIONS.map((section) => {
          const current = section.href === "/admin" ? pathname === "/admin" : pathname.startsWith(section.href);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={current ? "page" : undefined}
                className={`block whitespace-nowrap rounded-md border-b-2 px-3 py-2 text-sm md:border-b-0 md:border-l-4 ${
                  current ? "border-primary bg-primary/10 font-semibold text-foreground" : "border-transparent hover:bg-accent"
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
