import js from "@eslint/js";
import tseslint from "typescript-eslint";

const kafkaAndDb = {
  paths: [
    { name: "kafkajs", message: "Only lib/server/kafka talks to Kafka: go through the KafkaGateway." },
    { name: "@prisma/client", message: "Only lib/server imports Prisma: call a verb in lib/server instead." },
    { name: "@prisma/adapter-better-sqlite3", message: "Only lib/server/db.ts opens the database." },
    { name: "better-sqlite3", message: "Only lib/server/db.ts opens the database." },
    { name: "@prisma/adapter-pg", message: "Only lib/server/db.ts opens the database." },
    { name: ".prisma/pg-client", message: "Only lib/server/db.ts picks the database's client: use db() and the @prisma/client types." },
  ],
};

export default tseslint.config(
  { ignores: [".next/**", ".next-*/**", "node_modules/**", ".kafka/**", ".prometheus/**", ".pg/**", "data/**", "e2e-artifacts/**", "test-results/**", ".cli/**", "next-env.d.ts", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", URL: "readonly", fetch: "readonly", Response: "readonly", Request: "readonly", Headers: "readonly", TextEncoder: "readonly", TextDecoder: "readonly", AbortController: "readonly", window: "readonly", document: "readonly", localStorage: "readonly", structuredClone: "readonly", queueMicrotask: "readonly", AbortSignal: "readonly" } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  // The layering rule of architecture.md: Kafka and the database are reached only from lib/server.
  {
    files: ["app/**", "components/**", "lib/domain/**", "lib/client/**", "lib/schemas/**"],
    rules: { "no-restricted-imports": ["error", kafkaAndDb] },
  },
  // The domain stays pure: no framework, no I/O.
  {
    files: ["lib/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: kafkaAndDb.paths,
          patterns: [
            { group: ["next", "next/*", "react", "react-dom"], message: "lib/domain is pure: no framework imports." },
            { group: ["@/lib/server/*", "@/lib/client/*", "node:fs", "node:net", "node:child_process"], message: "lib/domain is pure: no I/O." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/server/**"],
    // Drill scenarios drive real producers and consumers, so they use kafkajs directly too.
    ignores: ["lib/server/kafka/**", "lib/server/drills/**", "lib/server/db.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: kafkaAndDb.paths.filter((p) => p.name !== "@prisma/client") }],
    },
  },
  // Each generated Prisma client (SQLite's, PostgreSQL's) has its own error classes: an
  // `instanceof Prisma.PrismaClientKnownRequestError` is false for every PostgreSQL error (a
  // retried idempotent post became a 500 there). isPrismaError() in lib/server/db.ts reads both.
  {
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/server/db.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "BinaryExpression[operator='instanceof'] > MemberExpression.right[property.name=/^PrismaClient/]", message: "Use isPrismaError(error, code) from lib/server/db.ts: PostgreSQL's client has its own error classes." },
        { selector: "BinaryExpression[operator='instanceof'] > Identifier.right[name=/^PrismaClient.*Error$/]", message: "Use isPrismaError(error, code) from lib/server/db.ts: PostgreSQL's client has its own error classes." },
      ],
    },
  },
  {
    files: ["**/*.mjs"],
    rules: { "@typescript-eslint/no-unused-vars": "off" },
  },
);
