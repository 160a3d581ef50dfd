import { openApiDocument } from "@/lib/server/http/openapi/document";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { route } from "@/lib/server/http/route";

export const GET = route(coreOperations.openapi, () => openApiDocument());
