"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * One search parameter as page state (what a copied link should keep: filters, chart windows).
 * `parse` turns the raw value (null when absent) into the value; setting the fallback removes the
 * parameter, so a page's plain URL stays plain. Replaces the history entry (typing in a filter
 * does not stack up Back steps) and keeps the scroll position.
 */
export function useSearchParam<T extends string | number | boolean>(key: string, parse: (raw: string | null) => T, fallback: T): [T, (value: T) => void] {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const value = parse(params.get(key));
  const set = useCallback(
    (next: T) => {
      const updated = new URLSearchParams(window.location.search);
      if (next === fallback || next === "") updated.delete(key);
      else updated.set(key, String(next));
      const qs = updated.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [router, pathname, key, fallback],
  );
  return [value, set];
}

/** A parser for a parameter that must be one of `choices` (anything else reads as the fallback). */
export function oneOf<T extends number>(choices: readonly T[], fallback: T): (raw: string | null) => T {
  return (raw) => choices.find((c) => String(c) === raw) ?? fallback;
}
