"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export const NAV_ITEMS = [
  { href: "/incidents", label: "Incidents", key: "i", section: "/incidents" },
  // /cluster redirects to the default cluster's page; the item is active on every /clusters/NAME page
  { href: "/cluster", label: "Cluster", key: "c", section: "/clusters" },
  { href: "/reviews", label: "Reviews", key: "r", section: "/reviews" },
  { href: "/drills", label: "Drills", key: "d", section: "/drills" },
  { href: "/settings", label: "Settings", key: "s", section: "/settings" },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1 md:flex-row md:items-center">
      {NAV_ITEMS.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`) || pathname === item.section || pathname.startsWith(`${item.section}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium transition-colors ${
              active ? "bg-surface-2 text-fg" : "text-muted hover:bg-surface-2 hover:text-fg"
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
