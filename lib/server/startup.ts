import "server-only";
import { env, EnvError } from "./env";

// Validate the environment before serving anything, so a bad variable stops start-up with
// one line naming it instead of failing on the first request.
try {
  env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`ripcord: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
