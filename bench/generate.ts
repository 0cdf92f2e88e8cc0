/**
 * Deterministic generator of large, realistic `.clusterplan` files for the benchmark.
 *
 * A plan declares 16 nodes (NODE01…NODE16) running Windows Server 2003 RC2; between 2 and 16 of them are
 * active at any time. The steps come in rounds:
 * - upgrade campaigns done the KB 811272 way (stop/set/start the kept node, then upgrade, set
 *   NoVersionCheck and join each other node with the kept node as sponsor, upgrade the kept node last,
 *   delete NoVersionCheck everywhere and restart every node). The first campaign goes RC2 → RTM and ends
 *   with the security-descriptor fix; later ones go to hotfix builds 4.3791, 4.3792, …;
 * - rolling restarts of every active node;
 * - membership changes: a stopped node is brought to the cluster's build and started, or a node is stopped.
 *
 * The text is strict JSON (no comments, no trailing commas) so that `JSON.parse` can read the very same
 * text as the analysis. The "clean" variant has no finding at all; the "findings" variant injects a mistake
 * about every 80 to 160 steps: a joiner without NoVersionCheck (join-incompatible, then not-running at its
 * restart), NoVersionCheck set while the service runs (registry-while-running), a misspelt node
 * (unknown-node) or a start of a running node (already-running).
 */
import { seededRandom } from './random';

export type Variant = 'clean' | 'findings';

export interface GenerateOptions {
  readonly steps: number;
  readonly variant: Variant;
  readonly seed?: number;
}

export type Mistake = 'join-incompatible' | 'registry-while-running' | 'unknown-node' | 'already-running';

export interface GeneratedPlan {
  readonly text: string;
  readonly steps: number;
  /** How many of each mistake were injected. */
  readonly injected: Readonly<Record<Mistake, number>>;
  readonly campaigns: number;
}

const NODE_COUNT = 16;

interface Build {
  /** A catalog alias, or undefined for a hotfix build written as { "highest", "lowest" }. */
  readonly alias: string | undefined;
  readonly highest: string;
  readonly lowest: string;
  readonly preRelease: boolean;
}

interface NodeModel {
  readonly name: string;
  build: Build;
  running: boolean;
}

type StepFields = ReadonlyArray<readonly [string, string | number | Record<string, string>]>;

const RC2: Build = { alias: 'ws2003-rc2', highest: '4.3718', lowest: '3.2195', preRelease: true };
const RTM: Build = { alias: 'ws2003-rtm', highest: '4.3790', lowest: '3.2195', preRelease: false };

class Generator {
  private readonly rand: () => number;
  private readonly nodes: NodeModel[] = [];
  private readonly lines: string[] = [];
  private current: Build = RC2;
  private hotfix = 0;
  private round = 0;
  private readonly initiallyActive: number;
  private nextMistakeAt: number;
  private mistakeTurn = 0;
  readonly injected: Record<Mistake, number> = { 'join-incompatible': 0, 'registry-while-running': 0, 'unknown-node': 0, 'already-running': 0 };
  campaigns = 0;

  constructor(
    private readonly size: number,
    private readonly variant: Variant,
    seed: number,
  ) {
    this.rand = seededRandom(seed);
    const active = 2 + this.int(NODE_COUNT - 1);
    for (let i = 0; i < NODE_COUNT; i++) {
      this.nodes.push({ name: `NODE${String(i + 1).padStart(2, '0')}`, build: RC2, running: i < active });
    }
    this.initiallyActive = active;
    // The first mistake comes early, so that even the 100-step plan has one.
    this.nextMistakeAt = 5 + this.int(20);
  }

  generate(): string {
    while (this.lines.length < this.size) {
      const active = this.active();
      const room = this.size - this.lines.length;
      // The longest round: a campaign over every active node, its injected mistakes and the descriptor fix.
      if (room < 5 * active.length + 10) {
        this.pad(room);
        break;
      }
      this.round++;
      const pick = this.round === 1 ? 0 : this.rand();
      if (pick < 0.3) this.campaign();
      else if (pick < 0.7) this.rollingRestart();
      else this.membership();
    }
    const header = [
      '{',
      '  "cluster": "BENCHCLUS",',
      '  "versionMatch": "exact",',
      '  "nodes": {',
      this.nodes
        .map((n, i) => `    ${JSON.stringify(n.name)}: { "version": "ws2003-rc2"${i >= this.initiallyActive ? ', "state": "stopped"' : ''} }`)
        .join(',\n'),
      '  },',
      '  "steps": [',
    ];
    return header.join('\n') + '\n' + this.lines.join(',\n') + '\n  ]\n}\n';
  }

  // ── rounds ─────────────────────────────────────────────────────────────────────────────────────────

  /** KB 811272 over the active nodes, to the next build. */
  private campaign(): void {
    this.campaigns++;
    const target: Build =
      this.current === RC2 ? RTM : { alias: undefined, highest: `4.${3791 + this.hotfix++}`, lowest: '3.2195', preRelease: false };
    const active = this.active();
    const keptIndex = this.int(active.length);
    const kept = active[keptIndex]!;
    const others = active.filter((n) => n !== kept);
    const id = `c${this.campaigns}`;
    let needsDescriptorFix = false;

    this.step([['action', 'note'], ['text', `Campaign ${this.campaigns}: ${this.current.highest} to ${target.highest} on ${active.length} nodes, ${kept.name} kept`]]);
    if (this.mistakeDue() && this.mistakeTurn % 2 === 1) {
      // The value is set while the service runs: it only takes effect at the next start.
      this.mistake('registry-while-running');
      this.step([['action', 'set-registry'], ['node', kept.name], ['name', 'NoVersionCheck'], ['type', 'REG_DWORD'], ['data', 1]]);
    }
    this.step([['action', 'stop'], ['node', kept.name], ['id', `${id}-prep`]]);
    this.step([['action', 'set-registry'], ['node', kept.name], ['name', 'NoVersionCheck'], ['type', 'REG_DWORD'], ['data', 1]]);
    this.step([['action', 'start'], ['node', kept.name]]);

    let sponsorForKept: NodeModel | undefined;
    const refused = new Set<NodeModel>();
    others.forEach((node, i) => {
      if (node.build.preRelease) needsDescriptorFix = true;
      this.step([['action', 'upgrade'], ['node', node.name], ['to', this.targetValue(target)]]);
      node.build = target;
      // Leave at least one good node to sponsor the kept node's join.
      const canFail = sponsorForKept !== undefined || i < others.length - 1;
      if (canFail && this.mistakeDue() && this.mistakeTurn % 2 === 0) {
        this.mistake('join-incompatible');
        refused.add(node);
      } else {
        this.step([['action', 'set-registry'], ['node', node.name], ['name', 'NoVersionCheck'], ['type', 'REG_DWORD'], ['data', 1]]);
        sponsorForKept ??= node;
      }
      this.step([['action', 'join'], ['node', node.name], ['sponsor', kept.name]]);
    });
    if (kept.build.preRelease) needsDescriptorFix = true;
    this.step([['action', 'upgrade'], ['node', kept.name], ['to', this.targetValue(target)], ['description', 'The kept node goes last; its NoVersionCheck is still set from the first step']]);
    kept.build = target;
    this.step([['action', 'join'], ['node', kept.name], ['sponsor', sponsorForKept!.name]]);
    for (const node of active) this.step([['action', 'delete-registry'], ['node', node.name], ['name', 'NoVersionCheck']]);
    // Deleting is not dynamic: restart each service so the version check is back on.
    for (const node of active) this.step([['action', 'restart'], ['node', node.name]]);
    if (needsDescriptorFix) this.descriptorFix();
    this.current = target;
  }

  private rollingRestart(): void {
    const active = this.active();
    if (this.rand() < 0.3) this.step([['action', 'note'], ['text', `Round ${this.round}: rolling restart of ${active.length} nodes after patching`]]);
    if (this.mistakeDue()) {
      if (this.mistakeTurn % 2 === 0) {
        this.mistake('already-running');
        this.step([['action', 'start'], ['node', active[this.int(active.length)]!.name]]);
      } else {
        this.mistake('unknown-node');
        this.step([['action', 'restart'], ['node', misspell(active[this.int(active.length)]!.name, this.int(3))]]);
      }
    }
    for (const node of active) {
      this.step(this.rand() < 0.1 ? [['action', 'restart'], ['node', node.name], ['description', 'Drain roles first']] : [['action', 'restart'], ['node', node.name]]);
    }
  }

  /** Brings a stopped node to the cluster's build and starts it, or stops a node; 2 to 16 stay active. */
  private membership(): void {
    const active = this.active();
    const stopped = this.nodes.filter((n) => !n.running);
    if (stopped.length > 0 && (active.length <= 2 || this.rand() < 0.5)) {
      const node = stopped[this.int(stopped.length)]!;
      let needsDescriptorFix = false;
      if (node.build !== this.current) {
        needsDescriptorFix = node.build.preRelease;
        this.step([['action', 'upgrade'], ['node', node.name], ['to', this.targetValue(this.current)]]);
        node.build = this.current;
      }
      this.step([['action', this.rand() < 0.5 ? 'start' : 'join'], ['node', node.name], ['id', `r${this.round}-add`]]);
      node.running = true;
      if (needsDescriptorFix) this.descriptorFix();
    } else if (active.length > 2) {
      const node = active[this.int(active.length)]!;
      this.step([['action', 'stop'], ['node', node.name], ['description', 'Taken out of the cluster for hardware maintenance']]);
      node.running = false;
    } else {
      this.rollingRestart();
    }
  }

  /** Single restarts up to the exact step count: always clean. */
  private pad(count: number): void {
    const active = this.active();
    for (let i = 0; i < count; i++) this.step([['action', 'restart'], ['node', active[i % active.length]!.name]]);
  }

  private descriptorFix(): void {
    this.step([['action', 'cluster-security'], ['grant', 'NETWORKSERVICE'], ['rights', 'full']]);
    this.step([['action', 'cluster-security'], ['revoke', 'SERVICE']]);
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────────

  private active(): NodeModel[] {
    return this.nodes.filter((n) => n.running);
  }

  private targetValue(build: Build): string | Record<string, string> {
    return build.alias ?? { highest: build.highest, lowest: build.lowest };
  }

  private step(fields: StepFields): void {
    const members = fields.map(([k, v]) => `${JSON.stringify(k)}: ${typeof v === 'object' ? `{ ${Object.entries(v).map(([a, b]) => `${JSON.stringify(a)}: ${JSON.stringify(b)}`).join(', ')} }` : JSON.stringify(v)}`);
    this.lines.push(`    { ${members.join(', ')} }`);
  }

  private mistakeDue(): boolean {
    return this.variant === 'findings' && this.lines.length >= this.nextMistakeAt;
  }

  private mistake(kind: Mistake): void {
    this.injected[kind]++;
    this.mistakeTurn++;
    this.nextMistakeAt = this.lines.length + this.mistakeGap();
  }

  private mistakeGap(): number {
    return 80 + this.int(81);
  }

  private int(n: number): number {
    return Math.floor(this.rand() * n);
  }
}

/** NODE07 → NOED07, NODES07 or NODE007: close enough for a "did you mean" suggestion. */
function misspell(name: string, how: number): string {
  if (how === 0) return name.slice(0, 2) + name[3] + name[2] + name.slice(4);
  if (how === 1) return name.replace('NODE', 'NODES');
  return name.replace(/(\d\d)$/, '0$1');
}

export function generatePlan(options: GenerateOptions): GeneratedPlan {
  const generator = new Generator(options.steps, options.variant, options.seed ?? 811272);
  const text = generator.generate();
  return { text, steps: options.steps, injected: { ...generator.injected }, campaigns: generator.campaigns };
}

// `node out/bench/generate.js 10000 findings [seed] > plan.clusterplan`
if (require.main === module) {
  const [steps = '1000', variant = 'clean', seed] = process.argv.slice(2);
  if (variant !== 'clean' && variant !== 'findings') throw new Error('variant: clean or findings');
  process.stdout.write(generatePlan({ steps: Number(steps), variant, ...(seed ? { seed: Number(seed) } : {}) }).text);
}
