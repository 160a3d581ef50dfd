import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { inter, jetbrains } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ripcord", template: "%s · Ripcord" },
  description: "Incident command for Kafka streaming platforms",
};

// Applies the saved theme before first paint so a 02:00 page never flashes white.
const themeScript = `(function(){try{var p=JSON.parse(localStorage.getItem("ripcord-theme")||"{}").state;p=p&&p.preference||"system";var d=p==="dark"||(p==="system"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);document.documentElement.style.colorScheme=d?"dark":"light"}catch(e){}})()`;

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The CSP nonce of this response (proxy.ts): the one inline script of our own must carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className={`${inter.variable} ${jetbrains.variable}`} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-bg text-fg">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
