/** @type {import('next').NextConfig} */
const nextConfig = {
  // kafkajs and the SQLite driver are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["kafkajs", "better-sqlite3", "@prisma/client", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default nextConfig;
