/** The analysis core: plain TypeScript over jsonc-parser. Nothing under src/core imports 'vscode'. */
export { analyze, fixesFor, type Analysis, type AnalysisOptions } from './analyze';
export { applyEdits, type Finding, type Fix, type RelatedLocation, type Severity, type TextEdit } from './finding';
export { fixAll, type FixAllResult, type AppliedFix } from './fixes/fixAll';
export { BUILT_IN_RELEASES, Catalog, type Release } from './catalog';
export { DEFAULT_LIMITS, PlanDocument, toPointer, type Limits, type Position, type Range } from './planDocument';
export type { Plan, Step, NodeDeclaration, VersionPair, VersionValue } from './plan';
export { RULES, ruleFor, type Rule } from './rules';
export type { ClusterState, JoinAttempt, NodeState, StepResult, Timeline } from './simulate';
export { formatMajorMinor, formatVersion, majorOf, makeVersion, minorOf } from './versions';
export { stepLabel } from './describe';
export { suppressionEdit, SUPPRESSION_MARKER } from './suppressions';
export { minimalEdit } from './finding';
export { ruleDocsUri } from './docs';
export { describeClusterState } from './describe';
export { timelineItems, timelineNodes, TIMELINE_ITEM_LIMIT, type TimelineItem, type NodeItem } from './features/timelineTree';
export { exportRunbook, isRunbookFormat, RUNBOOK_FORMATS, type RunbookFormat, type RunbookFormatInfo, type RunbookOptions, type RunbookProblem, type RunbookResult } from './export/runbook';
