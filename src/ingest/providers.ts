/**
 * Providers: where documents come from. `readPaths` walks files and folders (recursively, in sorted order)
 * and returns their text; anything that is not a readable UTF-8 text file of a sane size is reported with a
 * warning naming the file and left out, so one bad file never stops the others.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';

import type { ImportIssue } from './model.js';

export interface SourceDocument {
  /** Path relative to the import root (inside `job-families/` when the path contains one), `/`-separated. */
  path: string;
  text: string;
}

/** Files larger than this are refused: no handbook page comes near it, and parsing one would stall an import. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export const DOCUMENT_EXTENSIONS = new Set(['.md', '.markdown', '.yaml', '.yml', '.json']);
// Repository documentation that sits beside the pages but is not a job family.
const NOT_PAGES = new Set(['SOURCE.md', 'README.md', 'LICENSE.md', 'CHANGELOG.md']);

/** The path ids are made from: relative to the `job-families/` folder when there is one, so links match. */
export function documentPath(rel: string): string {
  const p = rel.split(sep).join('/');
  const at = p.lastIndexOf('job-families/');
  return at >= 0 ? p.slice(at + 'job-families/'.length) : p;
}

/** Decodes bytes as UTF-8 text, or says why they are not a text document. */
export function decodeText(bytes: Uint8Array): { text: string } | { problem: string; code: string } {
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      code: 'FILE_TOO_LARGE',
      problem: `file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB`,
    };
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0))
    return { code: 'BINARY_FILE', problem: 'file contains NUL bytes: it is binary, not text' };
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text: text.replace(/\r\n?/g, '\n') };
  } catch {
    return { code: 'NOT_UTF8', problem: 'file is not valid UTF-8' };
  }
}

async function walk(path: string, out: string[]): Promise<void> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const entries = (await readdir(path)).sort();
    for (const entry of entries) {
      if (entry.startsWith('.') || entry === 'node_modules') continue;
      const child = join(path, entry);
      const childInfo = await stat(child);
      if (childInfo.isDirectory()) await walk(child, out);
      else if (DOCUMENT_EXTENSIONS.has(extname(entry).toLowerCase()) && !NOT_PAGES.has(entry))
        out.push(child);
    }
  } else out.push(path);
}

export interface ReadResult {
  documents: SourceDocument[];
  /** Files that could not be read as documents (each also has an issue in `errors`). */
  rejected: string[];
  errors: ImportIssue[];
}

export async function readPaths(paths: string[], cwd = process.cwd()): Promise<ReadResult> {
  const result: ReadResult = { documents: [], rejected: [], errors: [] };
  const seen = new Set<string>();
  for (const given of paths) {
    const root = resolve(cwd, given);
    let files: string[] = [];
    try {
      files = [];
      await walk(root, files);
    } catch (err) {
      result.errors.push({
        file: given,
        line: 0,
        code: 'NOT_FOUND',
        message: `cannot read ${given}: ${(err as Error).message}`,
      });
      result.rejected.push(given);
      continue;
    }
    const rootIsFile = files.length === 1 && files[0] === root;
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      const rel = rootIsFile ? relative(cwd, file) : join(basename(root), relative(root, file));
      const path = documentPath(rel);
      let bytes: Uint8Array;
      try {
        const info = await stat(file);
        if (info.size > MAX_FILE_BYTES) {
          result.errors.push({
            file: path,
            line: 1,
            code: 'FILE_TOO_LARGE',
            message: `file is ${(info.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB`,
          });
          result.rejected.push(path);
          continue;
        }
        bytes = await readFile(file);
      } catch (err) {
        result.errors.push({ file: path, line: 1, code: 'UNREADABLE', message: (err as Error).message });
        result.rejected.push(path);
        continue;
      }
      const decoded = decodeText(bytes);
      if ('problem' in decoded) {
        result.errors.push({ file: path, line: 1, code: decoded.code, message: decoded.problem });
        result.rejected.push(path);
        continue;
      }
      result.documents.push({ path, text: decoded.text });
    }
  }
  return result;
}
