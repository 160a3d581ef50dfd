import { deriveIncident } from "@/lib/domain/incidents/derive";
import type { IncidentEntry, IncidentScope, IncidentStatus, KeyTime, SeverityLevel } from "@/lib/domain/incidents/types";
import { incidentDurations } from "@/lib/domain/metrics/durations";
import type { IncidentDurations } from "@/lib/domain/metrics/types";
import { computeImpact, incidentWindow, type Impact, type SeriesPoint, type WindowEvidence } from "./impact";
import { confirmedCauses, type ConfirmedCause } from "./root-cause";
import { chartMarkers, timelineExcerpt, type ChartMarker, type ExcerptItem } from "./timeline";
import type { ActionItem, ReviewContent, ReviewState } from "./types";

/** Everything a review shows: what people wrote plus what the log and the evidence say. */
export interface ReviewDocument {
  incident: {
    id: string;
    title: string;
    cluster: string;
    scope: IncidentScope;
    status: IncidentStatus;
    severity: SeverityLevel | null;
    commander: string | null;
    participants: string[];
    openedAt: string | null;
    keyTimes: Partial<Record<KeyTime, string>>;
    /** declared "not an incident": left out of the aggregates */
    falseAlarm: { at: string; by: string; reason: string } | null;
    drill: boolean;
  };
  state: ReviewState;
  version: number;
  publishedAt: string | null;
  publishedBy: string | null;
  content: ReviewContent;
  durations: IncidentDurations;
  impact: Impact;
  timeline: ExcerptItem[];
  rootCauses: ConfirmedCause[];
  actionItems: ActionItem[];
  charts: { series: SeriesPoint[]; markers: ChartMarker[] };
  /** when this document was assembled (a published review keeps the moment it was frozen) */
  generatedAt: string;
}

export interface ReviewInputs {
  incidentId: string;
  entries: readonly IncidentEntry[];
  drill: boolean;
  review: { state: ReviewState; version: number; content: ReviewContent; publishedAt: string | null; publishedBy: string | null };
  actionItems: readonly ActionItem[];
  evidence: WindowEvidence;
  now: number;
}

/** Assembles the review document from the log, the stored evidence of the window, and the written content. */
export function buildReviewDocument(input: ReviewInputs): ReviewDocument {
  const state = deriveIncident(input.entries);
  const window = incidentWindow(state.keyTimes, state.openedAt ?? new Date(input.now).toISOString(), input.now);
  return {
    incident: {
      id: input.incidentId,
      title: state.title,
      cluster: state.cluster,
      scope: state.scope,
      status: state.status,
      severity: state.severity,
      commander: state.commander?.name ?? null,
      participants: state.participants.map((p) => p.name),
      openedAt: state.openedAt,
      keyTimes: state.keyTimes,
      falseAlarm: state.falseAlarm,
      drill: input.drill,
    },
    state: input.review.state,
    version: input.review.version,
    publishedAt: input.review.publishedAt,
    publishedBy: input.review.publishedBy,
    content: input.review.content,
    durations: incidentDurations(state.keyTimes),
    impact: computeImpact(input.evidence, window, state.scope),
    timeline: timelineExcerpt(input.entries),
    rootCauses: confirmedCauses(input.entries),
    actionItems: [...input.actionItems],
    charts: { series: input.evidence.series, markers: chartMarkers(input.entries).filter((m) => { const t = Date.parse(m.at); return t >= window.from - 15 * 60_000 && t <= window.to + 15 * 60_000; }) },
    generatedAt: new Date(input.now).toISOString(),
  };
}

/** The window of evidence to load for charts: the incident window with 10 minutes either side. */
export const CHART_MARGIN_MS = 10 * 60_000;
