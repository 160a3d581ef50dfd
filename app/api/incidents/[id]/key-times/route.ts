import { IncidentParams, KeyTimeBody } from "@/lib/schemas/incidents";
import { json, route } from "@/lib/server/http/route";
import { setKeyTime } from "@/lib/server/incidents/set-key-time";

export const POST = route({ auth: "commander", params: IncidentParams, body: KeyTimeBody }, async ({ params, body, principal }) => {
  const result = await setKeyTime(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
