import { route } from "@/lib/server/http/route";

export const GET = route({ auth: "viewer" }, ({ principal }) => ({ principal }));
