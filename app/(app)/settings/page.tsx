import type { Metadata } from "next";
import { SettingsSections, type SettingsSection } from "@/components/settings/settings-sections";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

// Each feature adds its own section here.
const SECTIONS: SettingsSection[] = [
  { href: "/settings/users", title: "Users and API tokens", description: "Who can command, respond or read; disable people, revoke tokens, sign out everywhere; your password." },
  { href: "/settings/clusters", title: "Clusters", description: "Mark a cluster non-production so drills may run on it; every cluster is production until an admin says otherwise." },
  { href: "/settings/catalog", title: "Ownership catalog", description: "Owners, tiers and freshness SLOs of topics and consumer groups; import and export as YAML." },
  { href: "/settings/owners", title: "Data owners", description: "Map the catalog's owners to people: offset resets and skips of a catalogued group need its owner's approval." },
  { href: "/settings/notifications", title: "Notifications", description: "Webhook channels, the cluster's default and approvers' channels, the platform owner, and every delivery with its status." },
];

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" subtitle="Users, API tokens, clusters, the ownership catalog and notifications." />
      <SettingsSections sections={SECTIONS} />
    </>
  );
}
