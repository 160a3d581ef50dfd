import Link from "next/link";

export interface SettingsSection {
  href: string;
  title: string;
  description: string;
}

/** The Settings landing page: one card per section; features add their section to the list. */
export function SettingsSections({ sections }: { sections: SettingsSection[] }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {sections.map((section) => (
        <li key={section.href}>
          <Link href={section.href} className="block h-full rounded-lg border border-border bg-surface p-5 hover:border-accent focus-visible:border-accent">
            <p className="font-semibold">{section.title}</p>
            <p className="mt-1 text-sm text-muted">{section.description}</p>
          </Link>
        </li>
      ))}
    </ul>
  );
}
