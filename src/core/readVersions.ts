import type { Release } from './catalog';
import { TARGET_PROPERTIES } from './format';
import type { Located, VersionPair } from './plan';
import { at, type Member, type Properties, type Reading } from './reading';
import { parseVersionNumber, parseVersionString } from './versions';

/**
 * Versions as a plan writes them (docs/format.md, "Versions"): "M.m", a DWORD number, "0x…" or an alias.
 * Every value read is recorded in `versionValues`, with its problem if it has one.
 */

/** An upgrade's `to`: an alias, or `{ "highest": V, "lowest"?: V }`. */
export function readTarget(r: Reading, m: Member): VersionPair {
  const located = { pointer: m.pointer, node: m.value ?? m.keyNode };
  if (m.value?.type === 'string') return aliasPair(r, m, located);
  if (m.value?.type === 'object') return pairFromProperties(r, r.properties(m.value, m.pointer, TARGET_PROPERTIES), located, 'to');
  r.mistyped(m, 'a version alias or { "highest": …, "lowest": … }');
  return versionPair(located, undefined, undefined, undefined);
}

/** `{ "version": alias }` or `{ "highest": V, "lowest"?: V }`; a missing lowest defaults to highest. */
export function pairFromProperties(r: Reading, props: Properties, located: Located, role: 'node' | 'to'): VersionPair {
  const alias = props.get('version');
  const highest = props.get('highest');
  const lowest = props.get('lowest');
  if (alias && highest) {
    r.issue(located, 'Give either "version" (an alias) or "highest"/"lowest", not both.');
    return versionPair(located, undefined, undefined, undefined);
  }
  if (alias) {
    if (lowest) r.issue(at(lowest.keyNode, lowest.pointer), '"lowest" comes from the alias in "version"; remove one of them.');
    return aliasPair(r, alias, located);
  }
  if (!highest) {
    r.issue(located, role === 'node' ? 'The node needs "version" (an alias) or "highest" (and optionally "lowest").' : '"to" needs "highest".');
    return versionPair(located, undefined, undefined, undefined);
  }
  const h = readVersion(r, highest, true);
  const l = lowest ? readVersion(r, lowest, true) : h;
  return versionPair(located, h, l, h === undefined ? undefined : r.catalog.releaseOf(h));
}

/** A pair given by an alias: the release's highest and lowest. */
function aliasPair(r: Reading, m: Member, located: Located): VersionPair {
  const valueNode = m.value;
  if (valueNode?.type !== 'string') {
    r.mistyped(m, 'a version alias such as "ws2003-rtm"');
    return versionPair(located, undefined, undefined, undefined);
  }
  const alias = String(valueNode.value);
  const release = r.catalog.get(alias);
  if (!release) {
    const numeric = parseVersionString(alias).kind === 'version';
    const suggestion = r.catalog.suggestions.closest(alias);
    r.versionValues.push({
      pointer: m.pointer,
      node: valueNode,
      version: undefined,
      problem: {
        code: 'unknown-version-alias',
        reason: numeric
          ? `"${alias}" is a version, not an alias: write it as { "highest": "${alias}", "lowest": … }`
          : `"${alias}" is not in the catalog or the plan's "versions"`,
        ...(suggestion && !numeric ? { suggestion } : {}),
      },
    });
    return versionPair(located, undefined, undefined, undefined);
  }
  r.versionValues.push({ pointer: m.pointer, node: valueNode, version: release.highest });
  return versionPair(located, release.highest, release.lowest, release);
}

/** One version value; `allowAlias` is false inside `versions`, where an alias would define an alias. */
export function readVersion(r: Reading, m: Member, allowAlias: boolean): number | undefined {
  const node = m.value;
  if (!node) return undefined;
  const pointer = m.pointer;
  let result;
  if (node.type === 'string') result = parseVersionString(String(node.value));
  else if (node.type === 'number') result = parseVersionNumber(Number(node.value), r.source(node));
  else {
    r.mistyped(m, 'a version: "M.m", a DWORD number, "0x…" or an alias');
    return undefined;
  }
  if (result.kind === 'version') {
    r.versionValues.push({ pointer, node, version: result.version });
    return result.version;
  }
  if (result.kind === 'invalid') {
    const raw = r.source(node);
    r.versionValues.push({
      pointer,
      node,
      version: undefined,
      // Quoting helps only when the source text then reads as "M.m" (not 4.3790e0, not a minor above 65535).
      problem: { code: 'invalid-version', reason: result.reason, ...(node.type === 'number' && parseVersionString(raw).kind === 'version' ? { quoteAs: raw } : {}) },
    });
    return undefined;
  }
  if (!allowAlias) {
    r.versionValues.push({
      pointer,
      node,
      version: undefined,
      problem: { code: 'invalid-version', reason: `"${result.name}" is not a version; inside "versions" write "M.m", a DWORD or "0x…"` },
    });
    return undefined;
  }
  const release = r.catalog.get(result.name);
  if (!release) {
    const suggestion = r.catalog.suggestions.closest(result.name);
    r.versionValues.push({
      pointer,
      node,
      version: undefined,
      problem: {
        code: 'unknown-version-alias',
        reason: `"${result.name}" is not "M.m", "0x…", or an alias in the catalog or the plan's "versions"`,
        ...(suggestion ? { suggestion } : {}),
      },
    });
    return undefined;
  }
  // An alias where one version is expected stands for the release's installed (highest) version.
  r.versionValues.push({ pointer, node, version: release.highest });
  return release.highest;
}

export function versionPair(located: Located, highest: number | undefined, lowest: number | undefined, release: Release | undefined): VersionPair {
  return { pointer: located.pointer, node: located.node, highest, lowest, release };
}
