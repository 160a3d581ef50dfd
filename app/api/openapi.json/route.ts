import { openApiDocument } from "@/lib/server/http/openapi/document";
import { route } from "@/lib/server/http/route";

export const GET = route({ auth: "public" }, () => openApiDocument());
