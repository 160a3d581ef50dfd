import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { currentPrincipal } from "@/lib/server/auth/current";
import { hasAnyUser } from "@/lib/server/auth/set-up-first-admin";

// Every page behind the shell needs a signed-in person; the API checks roles on its own.
export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const principal = await currentPrincipal();
  if (!principal) redirect((await hasAnyUser()) ? "/login" : "/setup");
  return <AppShell principal={principal}>{children}</AppShell>;
}
