// Default ports of the local services, tests and benchmarks, shifted by RIPCORD_PORT_OFFSET (default 0)
// so that two checkouts can run their suites side by side on one machine without sharing a port.
// An explicit variable (KAFKA_PORT, E2E_PORT, …) always wins over the shifted default.
export const PORT_OFFSET = Number(process.env.RIPCORD_PORT_OFFSET || "0");

/** The port named by `variable` in the environment, else `base` + RIPCORD_PORT_OFFSET. */
export function portOf(variable, base, env = process.env) {
  const raw = env[variable];
  return raw ? Number(raw) : base + PORT_OFFSET;
}
