import "server-only";
import type { Principal } from "@/lib/server/auth/identify";
import { db, isPrismaError } from "@/lib/server/db";
import { AppError, conflict } from "@/lib/server/http/errors";
import { log } from "@/lib/server/log";
import type { ChannelView, CreateChannelBody } from "@/lib/schemas/notifications";
import { pointsAtServer } from "./check-channel-url";
import { listChannels } from "./list-channels";

/**
 * Adds a notification channel (admin). The URL must be http(s) (the schema) and must not point
 * back at this server (here: it needs the server's port and DNS). `requestHost` is the Host
 * the request came in on: a URL naming it points here whatever its address.
 */
export async function createChannel(body: CreateChannelBody, principal: Principal, requestHost: string | null): Promise<ChannelView> {
  const loop = await pointsAtServer(body.url, requestHost);
  if (loop) throw new AppError("VALIDATION_FAILED", `body.url: ${loop}; a channel must reach a receiver outside Ripcord`, { fieldErrors: [{ path: "body.url", message: loop }] });
  try {
    await db().notificationChannel.create({ data: { name: body.name, url: body.url, format: body.format, secret: body.secret ?? null, createdBy: principal.name } });
  } catch (error) {
    if (isPrismaError(error, "P2002")) throw conflict(`a channel named ${body.name} already exists; remove it first to change it`);
    throw error;
  }
  log("info", "notification channel added", { channel: body.name, format: body.format, signed: Boolean(body.secret), by: principal.name });
  const created = (await listChannels()).find((c) => c.name === body.name);
  if (!created) throw new AppError("INTERNAL", "the channel was stored but cannot be read back");
  return created;
}
