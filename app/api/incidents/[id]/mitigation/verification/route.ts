import { IncidentParams } from "@/lib/schemas/incidents";
import { VerifyBody, VerifyQuery } from "@/lib/schemas/mitigation";
import { json, route } from "@/lib/server/http/route";
import { verifyIncidentRecovery } from "@/lib/server/mitigation/verify-recovery";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "viewer", params: IncidentParams, query: VerifyQuery }, async ({ params, query }) => verifyIncidentRecovery(params.id, query, null));

export const POST = route({ auth: "responder", params: IncidentParams, body: VerifyBody }, async ({ params, body, principal }) =>
  json(await verifyIncidentRecovery(params.id, body, principal), { status: 201 }),
);
