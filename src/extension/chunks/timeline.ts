/**
 * The chunk dist/timeline.js (../lazy.ts): the rows of the Cluster Versions view, loaded when the view is
 * first shown. The rows are the core's (src/core/features/timelineTree.ts).
 */
export { timelineItems, timelineNodes } from '../../core/features/timelineTree';
