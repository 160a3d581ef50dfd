import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/shell/auth-card";
import { AuthForm } from "@/components/shell/auth-form";
import { hasAnyUser } from "@/lib/server/auth/set-up-first-admin";
import { isLoopbackClient } from "@/lib/server/http/client-address";

export const metadata: Metadata = { title: "First-time setup" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (await hasAnyUser()) redirect("/login");
  return (
    <AuthCard title="First-time setup" subtitle="Create the first account. It becomes the admin, who can add commanders, responders and viewers.">
      <AuthForm mode="setup" setupCodeRequired={!isLoopbackClient(await headers())} />
    </AuthCard>
  );
}
