import { mitigationOperations } from "@/lib/server/http/openapi/mitigation-operations";
import { route } from "@/lib/server/http/route";
import { getChecklist } from "@/lib/server/mitigation/get-checklist";

export const dynamic = "force-dynamic";

export const GET = route(mitigationOperations.checklist, async ({ params, query }) => getChecklist(params.id, { fresh: query.fresh !== undefined }));
