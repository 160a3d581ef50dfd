import { redirect } from "next/navigation";
import { clusterPath } from "@/lib/client/cluster-paths";
import { clusterOf } from "@/lib/server/evidence/cluster-identity";
import { searchOf } from "@/lib/server/clusters/page-cluster";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The one-cluster URL (before issue 18): the default cluster's page, keeping the query. */
export default async function OldClusterPage({ searchParams }: Props) {
  redirect(`${clusterPath(clusterOf(null))}${searchOf(await searchParams)}`);
}
