import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/shell/auth-card";
import { AuthForm } from "@/components/shell/auth-form";
import { hasAnyUser } from "@/lib/server/auth/set-up-first-admin";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (!(await hasAnyUser())) redirect("/setup");
  return (
    <AuthCard title="Sign in" subtitle="Incident command for Kafka streaming platforms">
      <AuthForm mode="login" />
    </AuthCard>
  );
}
