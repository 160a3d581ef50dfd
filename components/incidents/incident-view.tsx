"use client";
import { ClassifierPanel } from "@/components/severity/classifier-panel";
import { Timeline } from "@/components/timeline/timeline";
import { useIncident, useIncidentStream, type IncidentDetail } from "@/lib/client/hooks/use-incidents";
import { roleAtLeast, type Role } from "@/lib/domain/auth/roles";
import { BlastRadiusPanel } from "./blast-radius-panel";
import { CommanderSummary } from "./commander-summary";
import { EvidenceChartsPanel } from "./evidence-charts-panel";
import { IncidentBrokerCharts } from "@/components/broker-metrics/incident-broker-charts";
import { IncidentHeader } from "./incident-header";
import { RecordEventForm } from "./record-event-form";
import { WaitingBanner } from "./waiting-banner";
import { IncidentTabs } from "./incident-tabs";
import { ReviewLink } from "@/components/review/review-link";
import { MitigationPanel } from "@/components/mitigation/mitigation-panel";
import { RootCauseTree } from "@/components/tree/root-cause-tree";
import { CatchUpPanel } from "@/components/notifications/catch-up-panel";
import { OwnersPanel } from "@/components/notifications/owners-panel";
import { StakeholderUpdates } from "@/components/notifications/stakeholder-updates";

export function IncidentView({ initial, role, viewerId }: { initial: IncidentDetail; role: Role; viewerId: string }) {
  const id = initial.incident.id;
  const { data, isError, error } = useIncident(id, initial);
  const stream = useIncidentStream(id, initial.state.lastSeq);
  const detail = data ?? initial;
  const canPost = roleAtLeast(role, "responder") && detail.state.status !== "closed";
  const canCommand = roleAtLeast(role, "commander");
  return (
    // no-contextual: Inter's contextual alternates draw the "x" in names like "mwub6x2h" as "×"
    <div className="[font-variant-ligatures:no-contextual]">
      <IncidentHeader incidentId={id} state={detail.state} proposal={detail.proposal} viewers={detail.viewers} stream={stream} canCommand={canCommand} />
      {isError ? <p role="alert" className="mb-3 text-sm text-bad">Refreshing failed ({error.message}); what you see may be stale.</p> : null}
      {detail.state.status !== "closed" ? <WaitingBanner incidentId={id} entries={detail.entries} /> : null}
      <CommanderSummary incidentId={id} state={detail.state} entries={detail.entries} />
      {/* below the first screen's summary: what is wrong and how bad stays above the fold, even for a late joiner */}
      <CatchUpPanel incidentId={id} state={detail.state} viewerId={viewerId} />
      <OwnersPanel entries={detail.entries} />
      <StakeholderUpdates incidentId={id} entries={detail.entries} canPost={canCommand && detail.state.status !== "closed"} />
      <BlastRadiusPanel incidentId={id} scope={detail.incident.scope} />
      <IncidentTabs
        panels={{
          timeline: (
            <>
              <EvidenceChartsPanel incidentId={id} entries={detail.entries} />
              <IncidentBrokerCharts incidentId={id} />
              {canPost ? <RecordEventForm scope={detail.incident.scope} /> : null}
              <Timeline incidentId={id} entries={detail.entries} corrections={detail.state.corrections} canPost={canPost} />
            </>
          ),
          severity: <ClassifierPanel incidentId={id} state={detail.state} proposal={detail.proposal} canDecide={canCommand} />,
          "root-cause": <RootCauseTree incidentId={id} entries={detail.entries} canMark={canCommand && detail.state.status !== "closed"} canAnswer={canPost} />,
          mitigation: <MitigationPanel incidentId={id} entries={detail.entries} role={role} scope={detail.incident.scope} closed={detail.state.status === "closed"} />,
          review: <ReviewLink incidentId={id} />,
        }}
      />
    </div>
  );
}
