import type { ServerContext } from './context';

export function registerReadingFeatures(context: ServerContext): void {
  void context;
}
