import type { Metadata } from "next";
import { ChannelsPanel } from "@/components/notifications/channels-panel";
import { ClusterRoutingForm } from "@/components/notifications/cluster-routing-form";
import { DeliveriesPanel } from "@/components/notifications/deliveries-panel";
import { PageHeader } from "@/components/ui/page-header";
import { currentPrincipal } from "@/lib/server/auth/current";
import { configuredCluster } from "@/lib/server/evidence/cluster-identity";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationSettingsPage() {
  const principal = await currentPrincipal();
  const admin = principal?.role === "admin";
  return (
    <>
      <PageHeader
        title="Notifications"
        subtitle="Webhook channels (Slack-compatible or JSON, optionally HMAC-signed), where each incident is announced, and every delivery with its status. A message links to the incident; it can never approve or change anything."
      />
      {admin ? (
        <div className="space-y-10">
          <ChannelsPanel />
          <ClusterRoutingForm cluster={configuredCluster()} />
          <DeliveriesPanel />
        </div>
      ) : (
        <p className="text-sm text-muted">Only admins see and change notification channels: their URLs are secrets.</p>
      )}
    </>
  );
}
