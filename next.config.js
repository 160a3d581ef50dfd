/** @type {import('next').NextConfig} */
const nextConfig = {
  // kafkajs and the database drivers are Node-only; keep them out of the server bundle (the
  // PostgreSQL Prisma client is generated into node_modules/.prisma/pg-client, README "Prisma").
  serverExternalPackages: ["kafkajs", "better-sqlite3", "@prisma/client", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  // Parallel browser-test runs (E2E_PORT) build into their own folder so one run's build
  // never replaces the files another run's server is serving.
  distDir: process.env.RIPCORD_DIST_DIR || ".next",
  reactStrictMode: true,
  typedRoutes: false,
  // `npm run typecheck` checks the whole project (tests and scripts too) as its own CI step;
  // checking again inside every build would only double the build time on 2 cores.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
