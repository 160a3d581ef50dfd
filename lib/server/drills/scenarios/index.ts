/** Every drill scenario, in the order drills:report runs them (the healthy baseline last). */
import type { Scenario } from "../kit";
import { brokerDown } from "./broker-down";
import { brokerOverload } from "./broker-overload";
import { healthy } from "./healthy";
import { hotPartition } from "./hot-partition";
import { hungConsumer } from "./hung-consumer";
import { leaderChurn } from "./leader-churn";
import { poisonRecord } from "./poison-record";
import { producerDrop } from "./producer-drop";
import { producerQuota } from "./producer-quota";
import { rebalanceStorm } from "./rebalance-storm";
import { retention } from "./retention";
import { silentStop } from "./silent-stop";
import { slowSink } from "./slow-sink";
import { tooFewPartitions } from "./too-few-partitions";
import { trafficSpike } from "./traffic-spike";

export const SCENARIOS: readonly Scenario[] = [
  slowSink,
  rebalanceStorm,
  hotPartition,
  poisonRecord,
  silentStop,
  hungConsumer,
  retention,
  trafficSpike,
  producerDrop,
  tooFewPartitions,
  brokerDown,
  leaderChurn,
  brokerOverload,
  producerQuota,
  healthy,
];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export { brokerDown, brokerOverload, healthy, hotPartition, hungConsumer, leaderChurn, poisonRecord, producerDrop, producerQuota, rebalanceStorm, retention, silentStop, slowSink, tooFewPartitions, trafficSpike };
