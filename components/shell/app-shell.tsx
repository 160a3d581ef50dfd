import Link from "next/link";
import type { ReactNode } from "react";
import type { Principal } from "@/lib/server/auth/identify";
import { ClusterSwitcher } from "./cluster-switcher";
import { HealthIndicator } from "./health-indicator";
import { KafkaBanner } from "./kafka-banner";
import { NavLinks } from "./nav-links";
import { ShellMenu } from "./shell-menu";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export function AppShell({ principal, children }: { principal: Principal; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="no-print sticky top-0 z-40 border-b border-border bg-surface/95 backdrop-blur">
        <div className="relative flex h-14 items-center gap-3 px-3 sm:px-6 md:gap-6">
          <Link href="/incidents" className="flex items-center gap-2 text-base font-bold tracking-tight">
            <span aria-hidden className="inline-block h-3 w-3 rotate-45 bg-bad" />
            Ripcord
          </Link>
          <div className="ml-auto md:order-last md:ml-0">
            <HealthIndicator />
          </div>
          <ShellMenu>
            <NavLinks />
            <ClusterSwitcher />
            <div className="flex flex-wrap items-center gap-3 md:ml-auto md:flex-nowrap">
              <ThemeToggle />
              <UserMenu name={principal.name} role={principal.role} />
            </div>
          </ShellMenu>
        </div>
      </header>
      <KafkaBanner />
      <main id="main" className="min-w-0 flex-1 px-3 py-4 break-words sm:px-6 sm:py-6">
        {children}
      </main>
    </div>
  );
}
