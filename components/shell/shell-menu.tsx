"use client";
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";

/**
 * The header's navigation and account controls. From `md` up they sit in the header row; on a
 * phone they fold behind a Menu button into a panel under the header (the row has room for the
 * name and the health badge only). The panel remembers the page it was opened on, so following
 * a link closes it without an effect.
 */
export function ShellMenu({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="shell-menu"
        onClick={() => setOpenOn(open ? null : pathname)}
        className="order-last rounded-md border border-border px-2.5 py-1 text-sm font-semibold md:hidden"
      >
        Menu
      </button>
      <div
        id="shell-menu"
        onKeyDown={(e) => {
          if (e.key === "Escape") setOpenOn(null);
        }}
        className={`${open ? "flex" : "hidden"} absolute inset-x-0 top-full flex-col gap-3 border-b border-border bg-surface px-3 py-3 shadow-lg md:static md:flex md:flex-1 md:flex-row md:items-center md:gap-6 md:border-0 md:bg-transparent md:p-0 md:shadow-none`}
      >
        {children}
      </div>
    </>
  );
}
