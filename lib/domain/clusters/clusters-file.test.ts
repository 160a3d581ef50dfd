import { describe, expect, it } from "vitest";
import { describeClustersFileErrors, parseClustersFile } from "./clusters-file";

const GOOD = `clusters:
  - name: prod-eu
    brokers: [b1.kafka.internal:9094, b2.kafka.internal:9094]
    environment: production
    tls: { caFile: /etc/kafka/ca.pem }
    sasl: { mechanism: scram-sha-512, username: ripcord, passwordEnv: PROD_EU_KAFKA_PASSWORD }
    prometheusUrl: http://prometheus.eu.internal:9090
  - name: staging
    brokers: ["127.0.0.1:19092"]
    environment: non-production
`;

describe("the clusters file", () => {
  it("reads every cluster, the first one the default, secrets only by name", () => {
    const r = parseClustersFile(GOOD);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.file.defaultCluster).toBe("prod-eu");
    expect(r.file.clusters.map((c) => [c.name, c.environment, c.line])).toEqual([["prod-eu", "production", 2], ["staging", "non-production", 8]]);
    expect(r.file.clusters[0]).toMatchObject({
      brokers: ["b1.kafka.internal:9094", "b2.kafka.internal:9094"],
      tls: { caFile: "/etc/kafka/ca.pem", rejectUnauthorized: true },
      sasl: { mechanism: "scram-sha-512", username: "ripcord", password: { env: "PROD_EU_KAFKA_PASSWORD" } },
      prometheusUrl: "http://prometheus.eu.internal:9090",
    });
    expect(r.file.clusters[1]).toMatchObject({ tls: null, sasl: null, prometheusUrl: null });
  });

  it("takes a named default, and refuses one that names no cluster", () => {
    const named = parseClustersFile(`default: staging\n${GOOD}`);
    expect(named.ok && named.file.defaultCluster).toBe("staging");
    const wrong = parseClustersFile(`default: prod-us\n${GOOD}`);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.errors).toEqual([{ line: 1, column: 10, path: "default", message: 'default names "prod-us", which is not among the clusters (prod-eu, staging)' }]);
  });

  it("names the line of a missing broker list, an unknown key and a duplicate name", () => {
    const text = `clusters:
  - name: prod-eu
    environment: production
  - name: staging
    brokers: ["127.0.0.1:19092"]
    environment: non-production
    colour: blue
  - name: staging
    brokers: ["127.0.0.1:29092"]
    environment: non-production
`;
    const r = parseClustersFile(text);
    if (r.ok) throw new Error("accepted");
    expect(r.errors).toEqual([
      { line: 2, column: 5, path: "clusters[0].brokers", message: '"brokers" is required' },
      { line: 7, column: 5, path: "clusters[1].colour", message: 'unknown key "colour"' },
      { line: 8, column: 11, path: "clusters[2].name", message: 'cluster "staging" is already defined at line 4' },
    ]);
    expect(describeClustersFileErrors("clusters.yaml", r.errors)).toBe(
      [
        "clusters.yaml is not a valid clusters file (3 mistakes):",
        '  clusters.yaml:2:5 clusters[0].brokers: "brokers" is required',
        '  clusters.yaml:7:5 clusters[1].colour: unknown key "colour"',
        '  clusters.yaml:8:11 clusters[2].name: cluster "staging" is already defined at line 4',
      ].join("\n"),
    );
  });

  it("refuses a password written in the file, and a password named twice", () => {
    const inline = parseClustersFile(`clusters:\n  - name: a\n    brokers: [h:1]\n    environment: production\n    sasl: { mechanism: plain, username: u, password: hunter2 }\n`);
    expect(inline.ok).toBe(false);
    if (!inline.ok) {
      expect(inline.errors.map((e) => [e.line, e.path, e.message])).toEqual([[5, "clusters[0].sasl.password", "a password is never written in the clusters file: name it with passwordEnv or passwordFile"]]);
      // the refused secret is never echoed in the message
      expect(describeClustersFileErrors("f", inline.errors)).not.toContain("hunter2");
    }
    const both = parseClustersFile(`clusters:\n  - name: a\n    brokers: [h:1]\n    environment: production\n    sasl: { mechanism: plain, username: u, passwordEnv: P, passwordFile: /p }\n`);
    expect(!both.ok && both.errors.map((e) => [e.line, e.message])).toEqual([[5, "name the password with exactly one of passwordEnv or passwordFile (never the password itself)"]]);
  });

  it("refuses bad brokers, names, environments and URLs, each on its line", () => {
    const r = parseClustersFile(`clusters:
  - name: Prod EU
    brokers: ["b1:99999", "no-port"]
    environment: prod
    prometheusUrl: ftp://x
`);
    if (r.ok) throw new Error("accepted");
    expect(r.errors.map((e) => [e.line, e.path])).toEqual([
      [2, "clusters[0].name"],
      [3, "clusters[0].brokers[0]"],
      [3, "clusters[0].brokers[1]"],
      [4, "clusters[0].environment"],
      [5, "clusters[0].prometheusUrl"],
    ]);
    expect(r.errors[1]?.message).toBe("a broker is host:port (port 1–65535)");
  });

  it("refuses an empty file, an empty list, YAML syntax errors and duplicate keys with their lines", () => {
    expect(parseClustersFile("")).toEqual({ ok: false, errors: [{ line: 1, column: 1, path: "", message: "the file is empty; expected clusters: [...]" }] });
    const empty = parseClustersFile("clusters: []\n");
    expect(!empty.ok && empty.errors[0]).toMatchObject({ line: 1, path: "clusters", message: "at least one cluster" });
    const syntax = parseClustersFile("clusters:\n  - name: a\n   brokers: [\n");
    expect(!syntax.ok && syntax.errors[0]?.line).toBeGreaterThanOrEqual(2);
    const dupKey = parseClustersFile("clusters:\n  - name: a\n    name: b\n    brokers: [h:1]\n    environment: production\n");
    expect(!dupKey.ok && dupKey.errors[0]?.line).toBe(3);
  });
});
