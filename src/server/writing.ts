import type { ServerContext } from './context';

export function registerWritingFeatures(context: ServerContext): void {
  void context;
}
