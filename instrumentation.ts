// Runs once when the Next server starts, before it serves a request (see lib/server/startup.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./lib/server/startup");
  }
}
