import { Suggestions } from './closest';
import { makeVersion } from './versions';

/** A named Cluster service release: what a node runs, as a plan may name it with an alias. */
export interface Release {
  readonly alias: string;
  readonly highest: number;
  readonly lowest: number;
  /** RC builds: the Cluster service's version rules do not cover RC → RTM, and their security descriptor needs fixing. */
  readonly preRelease: boolean;
  /** Where the entry comes from: the built-in catalog, or the plan's `versions`. */
  readonly origin: 'built-in' | 'plan';
  readonly note?: string;
}

function release(alias: string, highest: [number, number], lowest: [number, number], preRelease = false, note?: string): Release {
  return {
    alias,
    highest: makeVersion(...highest),
    lowest: makeVersion(...lowest),
    preRelease,
    origin: 'built-in',
    ...(note ? { note } : {}),
  };
}

/** The built-in catalog (docs/format.md). RC builds 3663 and 3718 come from community lists, so plans may override them. */
export const BUILT_IN_RELEASES: readonly Release[] = [
  release('nt4-sp3', [1, 224], [1, 224], false, 'Windows NT 4.0 SP3'),
  release('nt4-sp4', [2, 224], [1, 224], false, 'Windows NT 4.0 SP4'),
  release('win2000', [3, 2195], [2, 224], false, 'Windows 2000'),
  release('ws2003-rc1', [4, 3663], [3, 2195], true, 'Windows Server 2003 RC1 (build not confirmed by Microsoft)'),
  release('ws2003-rc2', [4, 3718], [3, 2195], true, 'Windows Server 2003 RC2 (build not confirmed by Microsoft)'),
  release('ws2003-rtm', [4, 3790], [3, 2195], false, 'Windows Server 2003 RTM'),
  release('ws2003', [4, 3790], [3, 2195], false, 'Windows Server 2003 RTM'),
  // From Windows Server 2008 on, the major is the cluster functional level (docs/simulation.md, "The
  // functional level"). Majors 5–7 and the minors before 2016 are inferred; 2025's minor is unknown.
  release('ws2008', [5, 6001], [5, 6001], false, 'Windows Server 2008; level 5 and minor 6001 inferred'),
  release('ws2008r2', [6, 7600], [6, 7600], false, 'Windows Server 2008 R2; level 6 and minor 7600 inferred'),
  release('ws2012', [7, 9200], [7, 9200], false, 'Windows Server 2012; level 7 and minor 9200 inferred'),
  release('ws2012r2', [8, 9600], [8, 9600], false, 'Windows Server 2012 R2; minor 9600 inferred'),
  release('ws2016', [9, 8], [9, 8], false, 'Windows Server 2016'),
  release('ws2019', [10, 3], [10, 3], false, 'Windows Server 2019'),
  release('ws2022', [11, 4], [11, 4], false, 'Windows Server 2022'),
  release('ws2025', [12, 0], [12, 0], false, 'Windows Server 2025; minor unknown'),
];

/** The built-in releases plus the plan's own `versions`, which win on a name clash. */
export class Catalog {
  private readonly byAlias = new Map<string, Release>();
  /** releaseOf's answers, worked out once: the reader and the rules ask at every upgrade. */
  private readonly byHighest = new Map<number, Release>();
  /** "Did you mean" for an alias that is not here: a plan that misspells one usually does so at many steps. */
  readonly suggestions: Suggestions;

  constructor(planReleases: readonly Release[] = []) {
    for (const r of BUILT_IN_RELEASES) this.byAlias.set(r.alias, r);
    for (const r of planReleases) this.byAlias.set(r.alias, r);
    for (const r of this.byAlias.values()) {
      const found = this.byHighest.get(r.highest);
      // A pre-release entry wins, then a plan's own: a false "not pre-release" would hide the
      // security-descriptor warning. (A plan that overrides ws2003-rc2 itself replaces the entry.)
      const better = found && (r.preRelease !== found.preRelease ? r.preRelease : r.origin === 'plan' && found.origin !== 'plan');
      if (!found || better) this.byHighest.set(r.highest, r);
    }
    this.suggestions = new Suggestions(this.aliases());
  }

  get(alias: string): Release | undefined {
    return this.byAlias.get(alias);
  }

  aliases(): string[] {
    return [...this.byAlias.keys()];
  }

  /**
   * The release a numeric version stands for, so that `"4.3718"` counts as ws2003-rc2 and carries its
   * pre-release flag. Matches the installed (highest) version, which identifies the build.
   */
  releaseOf(highest: number): Release | undefined {
    return this.byHighest.get(highest);
  }
}
