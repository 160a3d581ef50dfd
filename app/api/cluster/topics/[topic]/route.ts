import { TopicParams } from "@/lib/schemas/cluster";
import { readTopicDetail } from "@/lib/server/evidence/read-cluster";
import { json, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** One topic: partition health (leader, ISR, offline), offsets, input rate and the groups reading it. */
export const GET = route({ auth: "viewer", params: TopicParams }, async ({ params }) =>
  json(await readTopicDetail(params.topic), { headers: { "cache-control": "no-store" } }),
);
