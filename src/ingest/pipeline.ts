/**
 * Documents → validated model + report, without touching Neo4j (that is the writer's job). Markdown pages go
 * through the Markdown processor and the resolver; YAML/JSON org files through the structured importer.
 */
import { parseMarkdownPage, type ParsedPage } from './markdown.js';
import type { GraphModel, ImportCounts, ImportIssue, ImportReport, NodeFact, RelFact } from './model.js';
import type { SourceDocument } from './providers.js';
import { buildModel, type KnownRole, type ResolvedModel } from './resolver.js';
import { parseOrgFile } from './structured.js';
import { sha256 } from './text.js';

/** Issue codes that make a file fail (it is left out of the import); every other code is a warning. */
export const ERROR_CODES = new Set([
  'EMPTY_FILE',
  'BAD_FRONT_MATTER',
  'BINARY_FILE',
  'NOT_UTF8',
  'FILE_TOO_LARGE',
  'UNREADABLE',
  'NOT_FOUND',
  'BAD_ORG_FILE',
  'INVALID_FIELD',
  'UNKNOWN_REFERENCE',
  'UNSUPPORTED_FILE',
  'NESTING_TOO_DEEP',
]);

export interface IngestResult {
  model: GraphModel;
  resolved: ResolvedModel;
  pages: ParsedPage[];
  /** Files that parsed (their facts are in the model), with the hash of their text. */
  imported: Array<{ path: string; hash: string }>;
  failed: string[];
  report: ImportReport;
}

export interface IngestOptions {
  known?: KnownRole[];
  /** Issues found before parsing (unreadable files), and the files they rejected. */
  readErrors?: ImportIssue[];
  rejected?: string[];
  /** Pages already parsed (e.g. on worker threads), by path. */
  parsed?: Map<string, ParsedPage>;
}

export function countModel(model: GraphModel): ImportCounts {
  const by = (label: string): number => model.nodes.filter((n) => n.label === label).length;
  const relationships: Record<string, number> = {};
  for (const r of model.relationships) relationships[r.type] = (relationships[r.type] ?? 0) + 1;
  return {
    departments: by('Department'),
    teams: by('Team'),
    families: by('JobFamily'),
    roles: by('Role'),
    grades: by('Grade'),
    responsibilities: by('Responsibility'),
    requirements: by('Requirement'),
    skills: by('Skill'),
    hiringStages: by('HiringStage'),
    performanceIndicators: by('PerformanceIndicator'),
    people: by('Person'),
    placeholders: model.nodes.filter((n) => n.label === 'Role' && n.props['described'] === false).length,
    relationships: Object.fromEntries(Object.entries(relationships).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** Reports-to cycles in the model, each reported once at the relationship that closes it. */
function reportsToCycles(rels: RelFact[]): ImportIssue[] {
  const out = new Map<string, RelFact[]>();
  for (const r of rels) if (r.type === 'REPORTS_TO') out.set(r.from, [...(out.get(r.from) ?? []), r]);
  const issues: ImportIssue[] = [];
  const state = new Map<string, 1 | 2>();
  const seen = new Set<string>();
  const visit = (id: string, stack: RelFact[]): void => {
    state.set(id, 1);
    for (const r of out.get(id) ?? []) {
      if (state.get(r.to) === 1) {
        const start = stack.findIndex((s) => s.from === r.to);
        const cycle = [...stack.slice(start < 0 ? 0 : start), r];
        const key = cycle
          .map((c) => c.from)
          .sort()
          .join('|');
        if (!seen.has(key)) {
          seen.add(key);
          issues.push({
            file: r.prov.sourcePath,
            line: r.prov.sourceLine,
            code: 'REPORTS_TO_CYCLE',
            message: `reports-to cycle: ${cycle.map((c) => c.from).join(' → ')} → ${r.to}`,
          });
        }
      } else if (!state.has(r.to)) visit(r.to, [...stack, r]);
    }
    state.set(id, 2);
  };
  for (const id of [...out.keys()].sort()) if (!state.has(id)) visit(id, []);
  return issues;
}

function mergeModels(into: GraphModel, from: GraphModel): void {
  const byId = new Map<string, NodeFact>(into.nodes.map((n) => [n.id, n]));
  for (const n of from.nodes) {
    const existing = byId.get(n.id);
    if (existing) existing.definedIn.push(...n.definedIn);
    else {
      into.nodes.push(n);
      byId.set(n.id, n);
    }
  }
  into.relationships.push(...from.relationships);
}

export function ingestDocuments(documents: SourceDocument[], options: IngestOptions = {}): IngestResult {
  const issues: ImportIssue[] = [...(options.readErrors ?? [])];
  const failed = new Set<string>(options.rejected ?? []);
  const imported: Array<{ path: string; hash: string }> = [];
  const pages: ParsedPage[] = [];
  const structured: GraphModel[] = [];
  const structuredRoles: ImportReport['roles'] = [];
  const sortedDocs = [...documents].sort((a, b) => a.path.localeCompare(b.path));
  for (const doc of sortedDocs) {
    const hash = sha256(doc.text);
    if (/\.(ya?ml|json)$/i.test(doc.path)) {
      const r = parseOrgFile(doc.path, doc.text);
      issues.push(...r.issues);
      if (r.fatal) failed.add(doc.path);
      else {
        structured.push(r.model);
        structuredRoles.push(...r.roles);
        imported.push({ path: doc.path, hash });
      }
      continue;
    }
    if (!/\.(md|markdown)$/i.test(doc.path)) {
      issues.push({
        file: doc.path,
        line: 1,
        code: 'UNSUPPORTED_FILE',
        message: 'only .md, .markdown, .yaml, .yml and .json files are imported',
      });
      failed.add(doc.path);
      continue;
    }
    const page = options.parsed?.get(doc.path) ?? parseMarkdownPage(doc.path, doc.text);
    issues.push(...page.issues);
    if (page.fatal) failed.add(doc.path);
    else {
      pages.push(page);
      imported.push({ path: doc.path, hash });
    }
  }
  const resolved = buildModel(pages, options.known ?? []);
  issues.push(...resolved.issues);
  const model: GraphModel = { nodes: resolved.nodes, relationships: resolved.relationships };
  for (const s of structured) mergeModels(model, s);
  issues.push(...reportsToCycles(model.relationships));

  const sortIssues = (a: ImportIssue, b: ImportIssue): number =>
    a.file.localeCompare(b.file) || a.line - b.line;
  const report: ImportReport = {
    files: documents.length + (options.rejected?.length ?? 0),
    imported: imported.length,
    failed: failed.size,
    dryRun: true,
    importRun: null,
    changed: false,
    contentHash: null,
    counts: countModel(model),
    roles: [...resolved.roleSummaries, ...structuredRoles],
    promotions: resolved.promotions,
    unresolved: resolved.unresolved,
    warnings: issues.filter((i) => !ERROR_CODES.has(i.code)).sort(sortIssues),
    errors: issues.filter((i) => ERROR_CODES.has(i.code)).sort(sortIssues),
  };
  return { model, resolved, pages, imported, failed: [...failed].sort(), report };
}
