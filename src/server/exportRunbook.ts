import type { ServerContext } from './context';

export function registerExportRunbook(context: ServerContext): void {
  void context;
}
