import type { ServerContext } from './context';

export function registerTimeline(context: ServerContext): void {
  void context;
}
