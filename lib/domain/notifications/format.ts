/**
 * A message as a channel's request body (pure). "slack": a Slack incoming-webhook body — `text`
 * (the notification and fallback line) and Block Kit `blocks` (header, sections, context) —
 * that Mattermost and other Slack-compatible receivers also take. No interactive elements: a
 * message cannot approve or change anything. "json": Ripcord's own body, `version: 1` (the
 * schema in docs/notifications.md).
 */
import { AUDIENCE_LABELS, type ChannelFormat, type NotificationMessage } from "./types";

/** Slack's mrkdwn control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function slackBody(m: NotificationMessage): Record<string, unknown> {
  const link = `<${m.incident.url}|Open the incident in Ripcord>`;
  const fields = [
    `*Severity*\n${m.incident.severity ?? "not set"}`,
    `*Status*\n${slackEscape(m.incident.status)}`,
    `*Cluster*\n${slackEscape(m.incident.cluster)}`,
    `*Scope*\n${slackEscape([...m.incident.scope.groups, ...m.incident.scope.topics].join(", ") || "—")}`,
  ];
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: { type: "plain_text", text: cut(`${m.eventLabel}: ${m.incident.title}`, 150) } },
    { type: "section", text: { type: "mrkdwn", text: cut(slackEscape(m.summary), 3000) } },
    { type: "section", fields: fields.map((text) => ({ type: "mrkdwn", text: cut(text, 2000) })) },
    ...m.needs.map((n) => ({ type: "section", text: { type: "mrkdwn", text: cut(`*${AUDIENCE_LABELS[n.audience]}* — ${slackEscape(n.who)}\n${slackEscape(n.text)}`, 3000) } })),
  ];
  const context = [
    m.runbooks.length ? `Runbook: ${m.runbooks.map((u) => `<${u}|${slackEscape(u)}>`).join(", ")}` : null,
    `Log entry #${m.entry.seq} by ${slackEscape(m.entry.by)} at ${m.entry.at}`,
  ].filter((x): x is string => x !== null);
  blocks.push({ type: "context", elements: context.map((text) => ({ type: "mrkdwn", text: cut(text, 2000) })) });
  blocks.push({ type: "section", text: { type: "mrkdwn", text: m.approval ? `${link} — ${slackEscape(m.approval.howToDecide)}` : link } });
  return { text: cut(`${slackEscape(m.headline)} — ${slackEscape(m.summary)} ${link}`, 3000), blocks, unfurl_links: false };
}

export function jsonBody(m: NotificationMessage): Record<string, unknown> {
  return { version: 1, ...m };
}

/** The exact request body for a channel's format. */
export function formatBody(format: ChannelFormat, message: NotificationMessage): string {
  return JSON.stringify(format === "slack" ? slackBody(message) : jsonBody(message));
}
