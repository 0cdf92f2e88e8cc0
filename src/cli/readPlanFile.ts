import { constants, promises as fs } from 'node:fs';
import { analyze, PlanDocument, type Analysis } from '../core';
import { decodePlan, type DecodedPlan } from './encoding';
import { ioReason, kindOf, UsageError } from './files';

/** The CLI's limit, in bytes (docs/cli.md); the core's own limit counts characters. */
export const PLAN_BYTE_LIMIT = 32 * 1024 * 1024;

/** A plan file as read: its text and encoding, or only its size when it is over the limit. */
export type PlanFile = ({ readonly kind: 'read' } & DecodedPlan) | { readonly kind: 'too-large'; readonly size: string };

/**
 * Reads a plan's bytes without ever blocking or reading more than the limit: a FIFO, a device or a socket is
 * refused before anything is read, and a file over the limit is reported, not read. A file problem is a
 * UsageError naming the file.
 */
export async function readPlanFile(file: string): Promise<PlanFile> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO would otherwise wait for a writer; Windows has no such flag and no FIFOs.
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new UsageError(`${file}: ${ioReason(error)}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new UsageError(`${file}: not a regular file (${kindOf(stat)}); clusterplan reads only plan files`);
    if (stat.size > PLAN_BYTE_LIMIT) return { kind: 'too-large', size: `${stat.size} bytes` };
    const bytes = await readAtMost(handle, PLAN_BYTE_LIMIT + 1);
    // The file may have grown since fstat, or not say its size (as files under /proc).
    if (bytes.length > PLAN_BYTE_LIMIT) return { kind: 'too-large', size: `more than ${PLAN_BYTE_LIMIT} bytes` };
    return { kind: 'read', ...decodePlan(bytes) };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file}: ${ioReason(error)}`);
  } finally {
    await handle.close();
  }
}

const CHUNK = 1024 * 1024;

async function readAtMost(handle: fs.FileHandle, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.alloc(Math.min(CHUNK, limit - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/**
 * The analysis of a plan file. A plan over the limit gets the core's `limit-exceeded` finding, with its size
 * in bytes, so every command reports it as it reports a plan over the core's limit.
 */
export function analyzePlanFile(plan: PlanFile): Analysis {
  if (plan.kind === 'read') return analyze(plan.text);
  const message = `The plan has ${plan.size}, above the limit of ${PLAN_BYTE_LIMIT} (32 MiB); clusterplan does not read it. Split it into smaller plans.`;
  return {
    document: new PlanDocument(''),
    plan: undefined,
    timeline: undefined,
    findings: [{ code: 'limit-exceeded', severity: 'error', message, pointer: '', offset: 0, length: 0, related: [] }],
  };
}

/** One line on a plan whose bytes are not all text; undefined when they are. */
export function badBytesWarning(file: string, plan: PlanFile): string | undefined {
  if (plan.kind !== 'read' || plan.badLine === undefined) return undefined;
  return `clusterplan: ${file}:${plan.badLine}: warning: not valid ${plan.encoding} (its first bad byte is on this line), read with U+FFFD in its place; save the plan as ${plan.encoding}, not in a code page such as Windows-1252\n`;
}

/** The analysis simulate and export work from: the plan read, a warning on bad bytes, then analysed. */
export async function readAndAnalyze(file: string, err: (s: string) => void): Promise<Analysis> {
  const plan = await readPlanFile(file);
  const warning = badBytesWarning(file, plan);
  if (warning) err(warning);
  return analyzePlanFile(plan);
}
