/**
 * The clusters file (RIPCORD_CLUSTERS_FILE): the Kafka clusters one Ripcord watches.
 *
 *   default: prod-eu            # optional; otherwise the first cluster listed
 *   clusters:
 *     - name: prod-eu
 *       brokers: [b1.kafka.internal:9094, b2.kafka.internal:9094]
 *       environment: production        # or non-production (drills run only there)
 *       tls: { caFile: /etc/kafka/ca.pem }
 *       sasl: { mechanism: scram-sha-512, username: ripcord, passwordEnv: PROD_EU_KAFKA_PASSWORD }
 *       prometheusUrl: http://prometheus.eu.internal:9090
 *
 * Secrets are never in the file: a SASL password is named by the environment variable or the
 * file that holds it, and resolved by the server at start. A file with any mistake is refused
 * whole, each mistake with its line, because a half-read list of clusters would silently watch
 * the wrong ones. Pure.
 */
import { z } from "zod";
import { byPosition, parseLocatedYaml, pathText, positionOf, zodErrorsAt, type YamlFileError } from "@/lib/domain/yaml/located";

export const MAX_CLUSTERS_FILE_BYTES = 256 * 1024;

/** A cluster's name is part of page URLs (/clusters/prod-eu/groups/…), so it is URL-safe as written. */
export const CLUSTER_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const Broker = z.string().refine((s) => {
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/.exec(s);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 65535;
}, { message: "a broker is host:port (port 1–65535)" });

const Tls = z.union([
  z.literal(true),
  z.strictObject({
    caFile: z.string().min(1).optional(),
    certFile: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
    rejectUnauthorized: z.boolean().optional(),
  }),
]);

const Sasl = z
  .strictObject({
    mechanism: z.enum(["plain", "scram-sha-256", "scram-sha-512"]),
    username: z.string().min(1),
    passwordEnv: z.string().regex(ENV_NAME, { message: "an environment variable name (letters, digits, _)" }).optional(),
    passwordFile: z.string().min(1).optional(),
    // Named so that its mistake reads as what it is (never "unknown key"), and never echoes the value.
    password: z.never({ error: "a password is never written in the clusters file: name it with passwordEnv or passwordFile" }).optional(),
  })
  .refine((s) => (s.passwordEnv === undefined) !== (s.passwordFile === undefined), { message: "name the password with exactly one of passwordEnv or passwordFile (never the password itself)" });

const ClusterInput = z.strictObject({
  name: z.string().regex(CLUSTER_NAME, { message: "a cluster name is lowercase letters, digits and dashes (it appears in page URLs)" }),
  brokers: z.array(Broker).min(1, { message: "at least one broker" }),
  environment: z.enum(["production", "non-production"]),
  tls: Tls.optional(),
  sasl: Sasl.optional(),
  prometheusUrl: z.url({ protocol: /^https?$/, message: "an http(s) URL" }).optional(),
});

const FileInput = z.strictObject({
  default: z.string().optional(),
  clusters: z.array(z.unknown()).min(1, { message: "at least one cluster" }),
});

export type ClusterEnvironment = "production" | "non-production";

/** Where a SASL password comes from; its value is never part of a definition. */
export type SecretSource = { env: string } | { file: string };

export interface ClusterDefinition {
  name: string;
  brokers: string[];
  environment: ClusterEnvironment;
  tls: { caFile?: string; certFile?: string; keyFile?: string; rejectUnauthorized: boolean } | null;
  sasl: { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: SecretSource } | null;
  prometheusUrl: string | null;
  /** the line of the file that defines it (for messages about it later, e.g. a missing secret) */
  line: number;
}

export interface ClustersFile {
  clusters: ClusterDefinition[];
  /** the cluster used where nothing names one (alerts without a cluster label, old URLs) */
  defaultCluster: string;
}

export type ClustersFileResult = { ok: true; file: ClustersFile } | { ok: false; errors: YamlFileError[] };

export function parseClustersFile(text: string): ClustersFileResult {
  const parsed = parseLocatedYaml(text, MAX_CLUSTERS_FILE_BYTES);
  if (!parsed.ok) return parsed;
  const yaml = parsed.yaml;
  if (yaml.data === null || yaml.data === undefined) return { ok: false, errors: [{ line: 1, column: 1, path: "", message: "the file is empty; expected clusters: [...]" }] };
  const file = FileInput.safeParse(yaml.data);
  if (!file.success) return { ok: false, errors: zodErrorsAt(yaml, [], file.error).sort(byPosition) };

  const errors: YamlFileError[] = [];
  const clusters: ClusterDefinition[] = [];
  const firstLine = new Map<string, number>();
  file.data.clusters.forEach((raw, i) => {
    // A repeated name is a mistake even beside other mistakes in either cluster.
    const name = typeof raw === "object" && raw !== null && "name" in raw && typeof raw.name === "string" ? raw.name : null;
    const at = positionOf(yaml, ["clusters", i, "name"]);
    const seen = name === null ? undefined : firstLine.get(name);
    if (seen !== undefined) {
      errors.push({ ...at, path: pathText(["clusters", i, "name"]), message: `cluster "${name}" is already defined at line ${seen}` });
      return;
    }
    if (name !== null) firstLine.set(name, at.line);
    const c = ClusterInput.safeParse(raw);
    if (!c.success) {
      errors.push(...zodErrorsAt(yaml, ["clusters", i], c.error));
      return;
    }
    const { tls, sasl } = c.data;
    clusters.push({
      name: c.data.name,
      brokers: c.data.brokers,
      environment: c.data.environment,
      tls: tls === undefined ? null : tls === true ? { rejectUnauthorized: true } : { ...tls, rejectUnauthorized: tls.rejectUnauthorized ?? true },
      sasl: sasl ? { mechanism: sasl.mechanism, username: sasl.username, password: sasl.passwordEnv !== undefined ? { env: sasl.passwordEnv } : { file: sasl.passwordFile ?? "" } } : null,
      prometheusUrl: c.data.prometheusUrl ?? null,
      line: positionOf(yaml, ["clusters", i]).line,
    });
  });
  const defaultCluster = file.data.default ?? clusters[0]?.name;
  if (file.data.default !== undefined && errors.length === 0 && !firstLine.has(file.data.default)) {
    errors.push({ ...positionOf(yaml, ["default"]), path: "default", message: `default names "${file.data.default}", which is not among the clusters (${[...firstLine.keys()].join(", ")})` });
  }
  if (errors.length || defaultCluster === undefined) return { ok: false, errors: errors.sort(byPosition) };
  return { ok: true, file: { clusters, defaultCluster } };
}

/** One message for a refused file, each mistake on its own line as `path:line:column field: what`. */
export function describeClustersFileErrors(fileName: string, errors: readonly YamlFileError[]): string {
  return [`${fileName} is not a valid clusters file (${errors.length} mistake${errors.length === 1 ? "" : "s"}):`, ...errors.map((e) => `  ${fileName}:${e.line}:${e.column}${e.path ? ` ${e.path}` : ""}: ${e.message}`)].join("\n");
}
