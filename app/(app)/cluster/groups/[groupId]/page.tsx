import { redirect } from "next/navigation";
import { groupPath } from "@/lib/client/cluster-paths";
import { clusterOf } from "@/lib/server/evidence/cluster-identity";
import { searchOf } from "@/lib/server/clusters/page-cluster";

type Props = { params: Promise<{ groupId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The one-cluster URL (before issue 18): the group on the default cluster, keeping the query. */
export default async function OldGroupPage({ params, searchParams }: Props) {
  redirect(`${groupPath(clusterOf(null), decodeURIComponent((await params).groupId))}${searchOf(await searchParams)}`);
}
