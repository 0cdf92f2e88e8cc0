import { timelineItems, timelineNodes } from '../core';
import type { ServerContext } from './context';
import { rangeOf } from './positions';
import { TIMELINE_NODES_REQUEST, TIMELINE_REQUEST, type TimelineNodesParams, type TimelineNodesResult, type TimelineParams, type TimelineResult } from './protocol';

/**
 * The Cluster Versions rows (`clusterplan/timeline`) and the nodes of one row (`clusterplan/timelineNodes`),
 * from the core's timeline of the plan's current version. The client draws them; the version tells it
 * which text the ranges are of.
 */
export function registerTimeline(context: ServerContext): void {
  context.connection.onRequest(TIMELINE_REQUEST, async (params: TimelineParams): Promise<TimelineResult | null> => {
    await context.settings.ready;
    const open = context.plans.get(params.textDocument.uri);
    if (!open) return null;
    const { items, more } = timelineItems(open.analysis);
    const states = items.map((item) => ({
      id: item.id,
      stepIndex: item.stepIndex ?? null,
      label: item.label,
      description: item.description,
      tooltip: item.tooltip,
      worst: item.worst ?? null,
      range: rangeOf(open.document, item.offset, item.length),
    }));
    return { version: open.document.version, states, more };
  });

  context.connection.onRequest(TIMELINE_NODES_REQUEST, async (params: TimelineNodesParams): Promise<TimelineNodesResult> => {
    await context.settings.ready;
    const open = context.plans.get(params.textDocument.uri);
    if (!open) return null;
    return { version: open.document.version, nodes: timelineNodes(open.analysis, params.stepIndex ?? undefined) };
  });
}
