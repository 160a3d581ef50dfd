import { redirect } from "next/navigation";
import { topicPath } from "@/lib/client/cluster-paths";
import { clusterOf } from "@/lib/server/evidence/cluster-identity";
import { searchOf } from "@/lib/server/clusters/page-cluster";

type Props = { params: Promise<{ topic: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The one-cluster URL (before issue 18): the topic on the default cluster, keeping the query. */
export default async function OldTopicPage({ params, searchParams }: Props) {
  redirect(`${topicPath(clusterOf(null), decodeURIComponent((await params).topic))}${searchOf(await searchParams)}`);
}
