import { mitigationOperations } from "@/lib/server/http/openapi/mitigation-operations";
import { json, route } from "@/lib/server/http/route";
import { verifyIncidentRecovery } from "@/lib/server/mitigation/verify-recovery";

export const dynamic = "force-dynamic";

export const GET = route(mitigationOperations.verification, async ({ params, query }) => verifyIncidentRecovery(params.id, query, null));

export const POST = route(mitigationOperations.verify, async ({ params, body, principal }) =>
  json(await verifyIncidentRecovery(params.id, body, principal), { status: 201 }),
);
