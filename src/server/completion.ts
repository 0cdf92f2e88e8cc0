import type { ServerContext } from './context';

export function registerCompletion(context: ServerContext): void {
  void context;
}
