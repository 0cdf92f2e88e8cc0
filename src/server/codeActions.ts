import type { ServerContext } from './context';

export function registerCodeActions(context: ServerContext): void {
  void context;
}
