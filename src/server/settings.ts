import type { Connection } from 'vscode-languageserver';
import type { AnalysisOptions, Severity } from '../core';

/** The settings the server follows, as VS Code names them (package.json) and other editors may send them. */
export interface Settings {
  /** `clusterplan.validate.delay`: milliseconds after the last edit before a plan is checked again. */
  readonly delay: number;
  /** `clusterplan.inlayHints.enabled`. */
  readonly inlayHints: boolean;
  /** `clusterplan.rules`: per rule code, another severity or "off". */
  readonly analysis: AnalysisOptions;
}

export const DEFAULT_DELAY = 250;
export const DEFAULT_SETTINGS: Settings = { delay: DEFAULT_DELAY, inlayHints: true, analysis: { severities: {} } };

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint', 'off']);

/**
 * The `clusterplan` section as a client sends it: `{ validate: { delay }, inlayHints: { enabled }, rules }`.
 * What is missing or of the wrong type takes its default, and an unknown severity is ignored, as VS Code's
 * settings editor would have refused it.
 */
export function readSettings(section: unknown): Settings {
  const value = isObject(section) ? section : {};
  const validate = isObject(value['validate']) ? value['validate'] : {};
  const inlayHints = isObject(value['inlayHints']) ? value['inlayHints'] : {};
  const delay = validate['delay'];
  const severities: Record<string, Severity | 'off'> = {};
  for (const [code, severity] of Object.entries(isObject(value['rules']) ? value['rules'] : {})) {
    if (typeof severity === 'string' && SEVERITIES.has(severity)) severities[code] = severity as Severity | 'off';
  }
  return {
    delay: typeof delay === 'number' && Number.isFinite(delay) ? Math.min(Math.max(0, delay), 10_000) : DEFAULT_DELAY,
    inlayHints: typeof inlayHints['enabled'] === 'boolean' ? inlayHints['enabled'] : true,
    analysis: { severities },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The current settings: asked of the client with `workspace/configuration` when it can answer, and asked
 * again on `workspace/didChangeConfiguration`. A client that cannot answer gets the defaults, or what it
 * sends in the notification's `settings.clusterplan`.
 */
export class SettingsStore {
  private settings: Settings = DEFAULT_SETTINGS;
  /** Settles once the first answer is in: nothing is checked before, so no plan is checked twice. */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly connection: Connection) {}

  get current(): Settings {
    return this.settings;
  }

  /** Asks the client again; `pushed` is the notification's payload, used when the client cannot be asked. */
  reload(canAsk: boolean, pushed?: unknown): Promise<void> {
    this.ready = (canAsk ? this.connection.workspace.getConfiguration({ section: 'clusterplan' }) : Promise.resolve(isObject(pushed) ? pushed['clusterplan'] : undefined)).then(
      (section) => {
        this.settings = readSettings(section);
      },
      // A client that fails to answer leaves the settings as they were.
      () => undefined,
    );
    return this.ready;
  }
}
