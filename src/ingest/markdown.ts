/**
 * Markdown processor: one handbook page → a `ParsedPage` (front matter, headings, levels with their grades,
 * reports-to and extends references, responsibilities, requirements, specialties, career-ladder edges,
 * hiring stages, performance indicators). It parses with unified/remark (GFM tables, YAML front matter); it
 * only uses regular expressions on the text of single mdast nodes (a paragraph, a list item, a table cell).
 * Nothing here resolves references across pages: that is the resolver's job.
 */
import type { Code, Heading, Html, Link, List, ListItem, Paragraph, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { parse as parseYaml, YAMLParseError } from 'yaml';

import { parseMermaid } from './mermaid.js';
import type { ImportIssue } from './model.js';
import { findExcessiveNesting, MAX_NESTING_DEPTH } from './nesting.js';
import { anchorSlug, clean, normaliseAnchor, titleKey } from './text.js';

export interface Reference {
  text: string;
  href: string | null;
  line: number;
}

export interface ListFact {
  text: string;
  line: number;
}

export interface GradeSource {
  grade: number;
  line: number;
  /** "sentence" (… is a grade 7), "table" (a row of a grade table). */
  form: 'sentence' | 'table';
  subject: string | null;
}

export interface Specialty {
  name: string;
  anchor: string;
  line: number;
}

export interface ParsedRole {
  title: string;
  anchor: string;
  line: number;
  /** How the parser decided this is a level: explains the role's existence. */
  reason: string;
  aliases: string[];
  anchors: string[];
  grades: GradeSource[];
  reportsTo: Reference[];
  extends: Reference[];
  responsibilities: ListFact[];
  requirements: ListFact[];
  specialties: Specialty[];
  summary: string | null;
}

/** A row of a "Role | Grade" table naming a role that may be a heading on this page or a link elsewhere. */
export interface TableGrade {
  ref: Reference;
  grade: GradeSource;
}

export interface LadderEdge {
  from: Reference;
  to: Reference;
  line: number;
}

export interface HiringStageFact {
  order: number;
  text: string;
  line: number;
  interviewers: string[];
  /** Anchor of the role whose own hiring process this is, null for the family's. */
  roleAnchor: string | null;
}

export interface IndicatorFact {
  name: string;
  url: string | null;
  text: string;
  line: number;
}

export interface HeadingInfo {
  depth: number;
  text: string;
  anchor: string;
  line: number;
}

export interface ParsedPage {
  path: string;
  isIndex: boolean;
  frontMatter: Record<string, unknown> | null;
  title: string;
  titleLine: number;
  description: string | null;
  subDepartment: { name: string; line: number } | null;
  headings: HeadingInfo[];
  roles: ParsedRole[];
  /** Roles found only as the page itself (title), when the page has no level headings. */
  pageRole: ParsedRole | null;
  tableGrades: TableGrade[];
  familyReportsTo: Reference[];
  familyResponsibilities: ListFact[];
  familyRequirements: ListFact[];
  specialties: Specialty[];
  ladder: LadderEdge[];
  ladderEdgesFound: number;
  hiringStages: HiringStageFact[];
  indicators: IndicatorFact[];
  /** Every Job Grade statement found (sentences and table rows), for coverage accounting. */
  gradeStatements: Array<{ line: number; grade: number }>;
  issues: ImportIssue[];
  fatal: boolean;
}

type SectionKind =
  | 'grade'
  | 'responsibilities'
  | 'requirements'
  | 'nice'
  | 'indicators'
  | 'hiring'
  | 'ladder'
  | 'levels'
  | 'specialties'
  | 'other-generic';

// Section names whose heading is a container, not a level; the text before them (if any) names the role.
const GENERIC: Array<[RegExp, SectionKind]> = [
  [/(job grades?|grades?|job grade and level|level and grade)$/, 'grade'],
  [
    /(responsibilities|responsibilties|responsibility|job responsibilities|key responsibilities)$/,
    'responsibilities',
  ],
  [/(requirements|qualifications|job requirements|minimum requirements)$/, 'requirements'],
  [/(nice[- ]to[- ]haves?|preferred qualifications|bonus points)$/, 'nice'],
  [/(performance indicators?|kpis?)$/, 'indicators'],
  [/(hiring process|interview process)$/, 'hiring'],
  [/(career ladder|career path|career progression|job family ladder)$/, 'ladder'],
  [/(levels|job levels|levels and grades)$/, 'levels'],
  [/(specialt(y|ies)|specialisations?|specializations?|segments?)$/, 'specialties'],
  [
    /(description|overview|expectations|scope|compensation|market justification|relevant links|links|about the role|what you'?ll do|benefits|expertise|competencies|professional experience|primary programming language|job family matrix|roles at gitlab|roles|additional details|leveling|success criteria)$/,
    'other-generic',
  ],
];

function classifyHeading(text: string): { kind: SectionKind; prefix: string } | null {
  const t = clean(text.replace(/[*_`]/g, '')).replace(/:$/, '');
  const lower = t.toLowerCase();
  for (const [re, kind] of GENERIC) {
    const m = re.exec(lower);
    if (m && (m.index === 0 || lower[m.index - 1] === ' ')) {
      return { kind, prefix: clean(t.slice(0, m.index)) };
    }
  }
  return null;
}

interface Section {
  heading: Heading | null;
  text: string;
  depth: number;
  line: number;
  anchor: string;
  parent: Section | null;
  children: Section[];
  blocks: RootContent[];
  generic: { kind: SectionKind; prefix: string } | null;
  role: ParsedRole | null;
  customAnchors: string[];
}

const GRADE_IN_SENTENCE = /\b(?:is|are)\s+(?:a|an)\s+\[?\s*grade\s*\[?(\d{1,2})\b/i;
const GRADE_LEADING = /^\s*\[?\s*grade\s*(\d{1,2})\s*\]?\s*\.?\s*$/i;
const GRADE_SHORT_TRAILING = /^(.{2,100}?)\s+\[?\s*grade\s*(\d{1,2})\s*\]?\s*\.?\s*$/i;
const GRADE_CELL = /^\[?\s*grade\s*(\d{1,2})\s*\]?$|^(\d{1,2})$/i;

/** Hugo shortcodes are not Markdown: turn `{{< ref "x" >}}` into its target and drop the rest, keeping lines. */
export function preprocess(text: string): string {
  return text
    .replace(/\{\{[<%]\s*ref\s+"([^"]*)"\s*[%>]\}\}/g, '$1')
    .replace(/\{\{[<%]\s*ref\s+([^\s%>]+)\s*[%>]\}\}/g, '$1')
    .replace(/\{\{[<%][\s\S]*?[%>]\}\}/g, (m) => m.replace(/[^\n]/g, ''));
}

function lineOf(node: { position?: { start: { line: number } } } | null | undefined): number {
  return node?.position?.start.line ?? 1;
}

function newRole(title: string, anchor: string, line: number, reason: string): ParsedRole {
  return {
    title,
    anchor,
    line,
    reason,
    aliases: [],
    anchors: [],
    grades: [],
    reportsTo: [],
    extends: [],
    responsibilities: [],
    requirements: [],
    specialties: [],
    summary: null,
  };
}

/** Text of a list item without its nested lists (those are items of their own). */
function itemText(item: ListItem): string {
  return clean(
    item.children
      .filter((c) => c.type !== 'list')
      .map((c) => toString(c))
      .join(' '),
  );
}

function allItems(list: List): ListItem[] {
  const out: ListItem[] = [];
  for (const item of list.children) {
    out.push(item);
    for (const child of item.children) if (child.type === 'list') out.push(...allItems(child));
  }
  return out;
}

function firstLink(node: RootContent | ListItem): Link | null {
  let found: Link | null = null;
  visit(node, 'link', (l: Link) => {
    if (!found) found = l;
  });
  return found;
}

/**
 * Finds "reports to X" in a paragraph-like node. The target is the first link after the phrase, else the
 * capitalised words that follow it up to the end of the clause.
 */
function findReportsTo(node: Paragraph | ListItem): Reference[] {
  const text = clean(toString(node));
  const m = /\breports? (?:directly |in )?to\b(?: the| a| an)?\s*/i.exec(text);
  if (!m) return [];
  const after = text.slice(m.index + m[0].length);
  const line = lineOf(node);
  // Prefer a link whose text starts the clause after "reports to".
  const links: Link[] = [];
  visit(node, 'link', (l: Link) => {
    links.push(l);
  });
  for (const l of links) {
    const lt = clean(toString(l));
    if (lt && after.startsWith(lt))
      return [{ text: lt.replace(/[.,;:]+$/, ''), href: l.url, line: lineOf(l) }];
  }
  if (!/^[A-Z]/.test(after)) return [];
  const stop =
    /(?<!\b(?:Sr|Jr|Mgr|St|vs|Inc))[.;:(]|\s+(?:at GitLab|for (?:their|the|a|his|her)|in (?:their|the)|on the|who|(?:and|or) above|and (?:is|are|will|collaborate|works?|partners?)|with|or the)\b|,\s*(?:and|or|who|which)\b|\s+-\s|$/;
  const end = stop.exec(after);
  const target = clean((end ? after.slice(0, end.index) : after).replace(/[,\s]+$/, ''));
  if (target.length < 2 || target.length > 90 || /\{|\}/.test(target)) return [];
  // Titles end in a capitalised word; "Director-level managers" describes a kind of manager, not a role.
  if (/\s[a-z][\w-]*s$/.test(target)) return [];
  return [{ text: target, href: null, line }];
}

/** "Extends (to) the responsibilities (and requirements) of (the|a) X (requirements) (by):" names X. */
const EXTENDS_FACTS_OF =
  /^\s*extends (?:to )?(?:the )?(?:responsibilities|requirements)(?: and (?:responsibilities|requirements))? of (?:the |an? )?(.+?)(?:'s)?(?: role)?(?: (?:responsibilities|requirements))?(?: by)?\s*[.:]?\s*$/i;

/**
 * An "extends" statement: null when the text is not one; else the level it names, or `level: null` when it
 * names none ("the general responsibilities", "all the previous roles": a lead-in, not a fact either).
 */
function findExtends(text: string, node: Paragraph | ListItem): { level: Reference | null } | null {
  const line = lineOf(node);
  const link = firstLink(node as RootContent);
  // A level is named by a title ("Senior X", "[Manager, Y]"); a placeholder titled "general" would be noise.
  const named = (target: string) => ({
    level: /^[\p{Lu}\d]/u.test(target) ? { text: target, href: link ? link.url : null, line } : null,
  });
  let m = EXTENDS_FACTS_OF.exec(text);
  if (m) return named(clean(m[1]!.replace(/[[\]]/g, '')));
  m = /^\s*extends (?:the )?(.+?)(?:'s)?(?: role)?(?:'s)? (?:responsibilities|requirements)/i.exec(text);
  // "Extends that of the Senior X" names the Senior X.
  if (m) return named(clean(m[1]!.replace(/[[\]]/g, '').replace(/^that of (?:the |an? )?/i, '')));
  m = /\bextends (?:the |all of the )?(.+?)(?:'s)? role\b/i.exec(text);
  if (m) {
    const linkText = link ? clean(toString(link)) : null;
    const target = linkText && m[1]!.includes(linkText) ? linkText : clean(m[1]!);
    return { level: { text: target, href: link ? link.url : null, line } };
  }
  return null;
}

/** Interviewer roles named in a hiring-process step ("an interview with VP of Security"). */
function interviewersOf(text: string): string[] {
  const out: string[] = [];
  const re =
    /\b(?:interviews?|call|meet(?:ing)?|conversation) with (?:an? |the |our |one of our |two |three |\d )?(.+?)(?=[,.;(]| from | to | for | who | in | at | on |$)/gi;
  for (const m of text.matchAll(re)) {
    for (const part of m[1]!.split(/\s+(?:&|and|or)\s+(?:an? |the |our )?/)) {
      const name = clean(part);
      if (/^[A-Z]/.test(name) && name.length <= 80) out.push(name);
    }
  }
  return out;
}

export function parseMarkdownPage(path: string, rawText: string): ParsedPage {
  const issues: ImportIssue[] = [];
  const issue = (line: number, code: string, message: string): void => {
    issues.push({ file: path, line, code, message });
  };
  const fileName = path.split('/').pop() ?? path;
  const page: ParsedPage = {
    path,
    isIndex: fileName === '_index.md',
    frontMatter: null,
    title: '',
    titleLine: 1,
    description: null,
    subDepartment: null,
    headings: [],
    roles: [],
    pageRole: null,
    tableGrades: [],
    familyReportsTo: [],
    familyResponsibilities: [],
    familyRequirements: [],
    specialties: [],
    ladder: [],
    ladderEdgesFound: 0,
    hiringStages: [],
    indicators: [],
    gradeStatements: [],
    issues,
    fatal: false,
  };
  if (rawText.trim() === '') {
    issue(1, 'EMPTY_FILE', 'the file is empty');
    page.fatal = true;
    return page;
  }
  const text = preprocess(rawText);
  const nesting = findExcessiveNesting(text);
  if (nesting) {
    issue(
      nesting.line,
      'NESTING_TOO_DEEP',
      `lists and blockquotes nest deeper than ${MAX_NESTING_DEPTH} levels at line ${nesting.line}; the page is refused unparsed`,
    );
    page.fatal = true;
    return page;
  }
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(text) as Root;

  // Front matter.
  const first = tree.children[0];
  if (first && first.type === 'yaml') {
    try {
      let value: unknown;
      try {
        value = parseYaml(first.value);
      } catch (strictError) {
        // Hugo (go-yaml) accepts quoted scalars continued on unindented lines; YAML 1.2 does not. Indent the
        // continuation lines and retry; if that parses, the page is fine and we say so.
        const repaired = first.value.replace(/\n(?![\w-]+\s*:|\s|-|#|$)/g, '\n  ');
        try {
          value = parseYaml(repaired);
        } catch {
          throw strictError;
        }
        issue(
          2,
          'FRONT_MATTER_REPAIRED',
          'front matter has a quoted value continued on an unindented line; read it as Hugo does',
        );
      }
      if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
        issue(2, 'BAD_FRONT_MATTER', 'front matter is not a YAML mapping');
        page.fatal = true;
      } else page.frontMatter = (value as Record<string, unknown> | null) ?? {};
    } catch (err) {
      const line = err instanceof YAMLParseError && err.linePos ? err.linePos[0].line + 1 : 2;
      issue(
        line,
        'BAD_FRONT_MATTER',
        `front matter is not valid YAML: ${clean(String((err as Error).message)).slice(0, 160)}`,
      );
      page.fatal = true;
    }
  } else if (/^---\s*\n/.test(text)) {
    issue(1, 'BAD_FRONT_MATTER', 'front matter starts with "---" but is never closed');
    page.fatal = true;
  }
  if (page.fatal) return page;

  const fm = page.frontMatter ?? {};
  const fmTitle = typeof fm['title'] === 'string' ? clean(fm['title']) : null;
  page.description = typeof fm['description'] === 'string' ? clean(fm['description']) : null;

  // Build the section tree from the flat list of blocks.
  const root: Section = {
    heading: null,
    text: '',
    depth: 0,
    line: 1,
    anchor: '',
    parent: null,
    children: [],
    blocks: [],
    generic: null,
    role: null,
    customAnchors: [],
  };
  const usedAnchors = new Map<string, number>();
  let current = root;
  let pendingAnchors: string[] = [];
  for (const block of tree.children) {
    if (block.type === 'yaml') continue;
    if (block.type === 'heading') {
      let headingText = clean(toString(block));
      // Hugo custom heading ids: "## Title {#custom-id}"
      const custom = /\s*\{#([^}]+)\}\s*$/.exec(headingText);
      const customAnchors = [...pendingAnchors];
      pendingAnchors = [];
      if (custom) {
        customAnchors.push(custom[1]!);
        headingText = headingText.slice(0, custom.index);
      }
      let anchor = anchorSlug(headingText);
      const seen = usedAnchors.get(anchor) ?? 0;
      usedAnchors.set(anchor, seen + 1);
      if (seen > 0) anchor = `${anchor}-${seen}`;
      while (current.depth >= block.depth && current.parent) current = current.parent;
      const section: Section = {
        heading: block,
        text: headingText,
        depth: block.depth,
        line: lineOf(block),
        anchor,
        parent: current,
        children: [],
        blocks: [],
        generic: classifyHeading(headingText),
        role: null,
        customAnchors,
      };
      current.children.push(section);
      current = section;
      page.headings.push({ depth: block.depth, text: headingText, anchor, line: section.line });
      continue;
    }
    if (block.type === 'html') {
      for (const m of (block as Html).value.matchAll(/<a\s+(?:id|name)="([^"]+)"/g))
        pendingAnchors.push(m[1]!);
    }
    current.blocks.push(block);
  }

  page.title = fmTitle ?? page.headings.find((h) => h.depth <= 2)?.text ?? fileName.replace(/\.md$/, '');
  page.titleLine = fmTitle ? 2 : (page.headings[0]?.line ?? 1);
  if (!fmTitle) issue(1, 'NO_FRONT_MATTER_TITLE', `no front matter title; using "${page.title}"`);

  // --- Decide which sections are levels (roles).
  const walk = (s: Section, f: (s: Section) => void): void => {
    f(s);
    for (const c of s.children) walk(c, f);
  };
  const sectionGrades = (s: Section): boolean =>
    s.blocks.some((b) => b.type === 'paragraph' && gradeOf(clean(toString(b))) !== null);
  const ancestorKinds = (s: Section): SectionKind[] => {
    const kinds: SectionKind[] = [];
    for (let p = s.parent; p; p = p.parent) if (p.generic) kinds.push(p.generic.kind);
    return kinds;
  };
  // Headings a grade table points at (by in-page anchor or by the same title) are levels.
  const tableTargets = new Set<string>();
  const headingByAnchor = new Map<string, string>();
  const headingByTitle = new Map<string, string>();
  walk(root, (s) => {
    if (!s.heading || s.generic) return;
    for (const a of [s.anchor, ...s.customAnchors]) headingByAnchor.set(normaliseAnchor(a), s.anchor);
    if (!headingByTitle.has(titleKey(s.text))) headingByTitle.set(titleKey(s.text), s.anchor);
  });
  for (const table of tree.children.filter((b): b is Table => b.type === 'table')) {
    for (const row of gradeTableRows(table)) {
      const target = row.href?.startsWith('#')
        ? headingByAnchor.get(normaliseAnchor(row.href.slice(1)))
        : row.href
          ? undefined
          : headingByTitle.get(titleKey(row.title));
      if (target) tableTargets.add(target);
    }
  }
  const isRoleSection = (s: Section): string | null => {
    if (s.generic) return null;
    if (sectionGrades(s)) return 'its section states a job grade';
    for (const c of s.children) {
      if (c.generic?.kind === 'grade' && (sectionGrades(c) || c.children.length === 0))
        return 'it has a Job Grade section';
    }
    if (tableTargets.has(s.anchor)) return 'a grade table on the page lists it';
    const kinds = ancestorKinds(s);
    if (kinds.includes('specialties') || kinds.includes('hiring') || kinds.includes('indicators')) {
      return null;
    }
    const parentKind = s.parent?.generic?.kind;
    if (parentKind === 'levels' || parentKind === 'grade') return `it is listed under "${s.parent!.text}"`;
    const sameName = s.children.filter(
      (c) =>
        (c.generic?.kind === 'responsibilities' || c.generic?.kind === 'requirements') &&
        c.generic.prefix !== '' &&
        anchorSlug(c.generic.prefix) === anchorSlug(s.text),
    );
    if (sameName.length > 0) return 'it has its own Responsibilities/Requirements sections';
    return null;
  };
  walk(root, (s) => {
    if (!s.heading) return;
    const reason = isRoleSection(s);
    if (!reason) return;
    const role = newRole(s.text, s.anchor, s.line, reason);
    role.anchors.push(...s.customAnchors);
    s.role = role;
    page.roles.push(role);
  });

  // "### Senior Manager, X Job Grade" written as a sibling of "### Senior Manager, X" belongs to that level.
  const roleByName = new Map<string, ParsedRole>();
  for (const r of page.roles) {
    if (!roleByName.has(anchorSlug(r.title))) roleByName.set(anchorSlug(r.title), r);
    if (!roleByName.has(titleKey(r.title))) roleByName.set(titleKey(r.title), r);
  }
  const roleOf = (s: Section): ParsedRole | null => {
    for (let p: Section | null = s; p; p = p.parent) {
      if (p.role) return p.role;
      if (p.generic?.prefix) {
        const named =
          roleByName.get(anchorSlug(p.generic.prefix)) ?? roleByName.get(titleKey(p.generic.prefix));
        if (named) return named;
      }
    }
    return null;
  };
  const kindOf = (s: Section): SectionKind | null => {
    for (let p: Section | null = s; p; p = p.parent) {
      if (p.generic) return p.generic.kind;
      if (p.role) return null;
    }
    return null;
  };
  const ensurePageRole = (line: number): ParsedRole => {
    if (!page.pageRole) {
      page.pageRole = newRole(page.title, anchorSlug(page.title), line, 'the page describes a single role');
      page.pageRole.line = page.titleLine;
    }
    return page.pageRole;
  };

  // --- Collect facts from every block in its section context.
  let stageOrder = 0;
  const stageCountByRole = new Map<string, number>();
  walk(root, (s) => {
    const role = roleOf(s);
    const kind = kindOf(s);
    // Specialties: children of a "Specialties" section, on the role they belong to (or the family).
    if (s.parent?.generic?.kind === 'specialties' && s.heading && !s.role) {
      const spec: Specialty = { name: s.text, anchor: s.anchor, line: s.line };
      const owner = roleOf(s.parent);
      if (owner) owner.specialties.push(spec);
      else page.specialties.push(spec);
    }
    const inSpecialty = ancestorKinds(s).includes('specialties') || s.generic?.kind === 'specialties';
    for (const block of s.blocks) {
      const line = lineOf(block);
      if (block.type === 'paragraph') {
        const ptext = clean(toString(block));
        // One statement per source line: "The X is a grade 6.\nThe Senior X is a grade 7." is two statements.
        const stated = toString(block)
          .split('\n')
          .map((l, i) => ({ g: gradeOf(clean(l)), line: line + i }))
          .filter((x) => x.g !== null);
        if (stated.length > 0) {
          for (const { g, line: gline } of stated) {
            page.gradeStatements.push({ line: gline, grade: g!.grade });
            const target = role ?? ensurePageRole(gline);
            target.grades.push({ grade: g!.grade, line: gline, form: 'sentence', subject: g!.subject });
          }
          continue;
        }
        if (!inSpecialty) {
          for (const ref of findReportsTo(block)) {
            if (role) role.reportsTo.push(ref);
            else page.familyReportsTo.push(ref); // applies to the levels that do not say otherwise
          }
        }
        const ext = findExtends(ptext, block)?.level;
        if (ext && role) role.extends.push(ext);
        if (
          kind === 'hiring' &&
          /interview|call|screen/i.test(ptext) &&
          ptext.length < 400 &&
          !/can expect/i.test(ptext)
        ) {
          addStage(ptext, line, role);
        }
        if (role && !role.summary && !kind && !inSpecialty && ptext.length > 40)
          role.summary = ptext.slice(0, 500);
        if (!role && kind === 'indicators') addIndicator(block, ptext, line);
        if (role && kind === 'indicators') addIndicator(block, ptext, line);
        continue;
      }
      if (block.type === 'list') {
        for (const item of allItems(block)) {
          const itext = itemText(item);
          if (!itext) continue;
          const iline = lineOf(item);
          const grade = gradeOf(itext);
          if (grade && /\b(?:is|are) an? /i.test(itext)) {
            page.gradeStatements.push({ line: iline, grade: grade.grade });
            (role ?? ensurePageRole(iline)).grades.push({
              grade: grade.grade,
              line: iline,
              form: 'sentence',
              subject: grade.subject,
            });
            continue;
          }
          if (kind === 'hiring') {
            addStage(itext, iline, role);
            continue;
          }
          if (kind === 'indicators') {
            addIndicator(item, itext, iline);
            continue;
          }
          if (kind === 'responsibilities' || kind === 'requirements') {
            const ext = findExtends(itext, item);
            if (ext && /^\s*extends\b/i.test(itext)) {
              if (role && ext.level) role.extends.push(ext.level);
              continue;
            }
            if (inSpecialty) continue; // specialty-specific lists stay with the page, not a level
            const fact = { text: itext, line: iline };
            if (kind === 'responsibilities')
              (role ? role.responsibilities : page.familyResponsibilities).push(fact);
            else (role ? role.requirements : page.familyRequirements).push(fact);
            continue;
          }
          if (!inSpecialty && /\breports? to\b/i.test(itext) && role) {
            for (const ref of findReportsTo(item)) role.reportsTo.push(ref);
          }
        }
        continue;
      }
      if (block.type === 'table') {
        readGradeTable(block);
        continue;
      }
      if (block.type === 'code' && (block as Code).lang?.toLowerCase() === 'mermaid') {
        readMermaid(block as Code);
      }
    }
  });

  function addStage(textOfStage: string, line: number, role: ParsedRole | null): void {
    const key = role ? role.anchor : '';
    const order = role ? (stageCountByRole.get(key) ?? 0) + 1 : ++stageOrder;
    if (role) stageCountByRole.set(key, order);
    page.hiringStages.push({
      order,
      text: textOfStage.slice(0, 1000),
      line,
      interviewers: interviewersOf(textOfStage),
      roleAnchor: role ? role.anchor : null,
    });
  }

  function addIndicator(node: RootContent | ListItem, textOfIndicator: string, line: number): void {
    const link = firstLink(node);
    const name = link ? clean(toString(link)) : textOfIndicator.slice(0, 120);
    if (!name) return;
    page.indicators.push({ name, url: link ? link.url : null, text: textOfIndicator.slice(0, 1000), line });
  }

  function readGradeTable(table: Table): void {
    for (const row of gradeTableRows(table)) {
      if (row.malformedLink)
        issue(
          row.line,
          'MALFORMED_LINK',
          `"${row.malformedLink}" is not a valid Markdown link (a space in its target?); read as "${row.title}"${row.href ? ` linking ${row.href}` : ''}`,
        );
      page.gradeStatements.push({ line: row.line, grade: row.grade });
      const grade: GradeSource = { grade: row.grade, line: row.line, form: 'table', subject: row.title };
      // A row naming a level on this page grades it here; other rows are for the resolver.
      const inPage = row.href?.startsWith('#')
        ? page.roles.find((r) =>
            [r.anchor, ...r.anchors].some((a) => normaliseAnchor(a) === normaliseAnchor(row.href!.slice(1))),
          )
        : row.href
          ? undefined
          : page.roles.find((r) => titleKey(r.title) === titleKey(row.title));
      if (inPage) {
        inPage.grades.push(grade);
        if (titleKey(inPage.title) !== titleKey(row.title)) inPage.aliases.push(row.title);
      } else page.tableGrades.push({ ref: { text: row.title, href: row.href, line: row.line }, grade });
    }
  }

  function readMermaid(code: Code): void {
    const startLine = lineOf(code) + 1; // the fence is on the first line
    const graph = parseMermaid(code.value, startLine);
    for (const p of graph.problems) issue(p.line, 'BAD_MERMAID', p.message);
    for (const edge of graph.edges) {
      const a = graph.nodes.get(edge.from)!;
      const b = graph.nodes.get(edge.to)!;
      page.ladderEdgesFound++;
      if (!a.label) issue(edge.line, 'MERMAID_NO_LABEL', `ladder node "${a.id}" has no label; using its id`);
      if (!b.label) issue(edge.line, 'MERMAID_NO_LABEL', `ladder node "${b.id}" has no label; using its id`);
      page.ladder.push({
        from: { text: a.label ?? a.id, href: a.href, line: edge.line },
        to: { text: b.label ?? b.id, href: b.href, line: edge.line },
        line: edge.line,
      });
    }
  }

  // "As members of GitLab's Product Security sub department" names a sub department.
  for (const block of root.blocks.concat(root.children[0]?.blocks ?? []).slice(0, 6)) {
    if (block.type !== 'paragraph') continue;
    const m = /\bmembers? of (?:GitLab's |the )?(.{3,60}?) sub[- ]?department\b/i.exec(
      clean(toString(block)),
    );
    if (m) {
      page.subDepartment = { name: clean(m[1]!.replace(/^the /i, '')), line: lineOf(block) };
      break;
    }
  }
  if (!page.description) {
    const p = root.blocks.find((b) => b.type === 'paragraph');
    if (p) page.description = clean(toString(p)).slice(0, 500);
  }

  // The page role is named by its grade sentence's subject when there is one ("The Threat Intelligence
  // Engineer is a grade 6" on a page titled "Threat Intelligence"); the page title stays an alias.
  if (page.pageRole) {
    const subject = page.pageRole.grades.find((g) => g.subject)?.subject;
    if (subject && titleKey(subject) !== titleKey(page.pageRole.title)) {
      page.pageRole.aliases.push(page.pageRole.title);
      page.pageRole.title = subject;
      page.pageRole.anchor = anchorSlug(subject);
    }
  }
  // One section stating grades for several differently named roles ("- The Product Marketing Manager, Public
  // Sector is a grade 7", "- The Senior …, Public Sector is a grade 8") describes one role per subject.
  for (const role of [...page.roles, ...(page.pageRole ? [page.pageRole] : [])]) {
    const keys = new Set([role.title, ...role.aliases].map(titleKey));
    const seen = new Set<number>();
    const keep: GradeSource[] = [];
    for (const g of role.grades) {
      const otherSubject = g.form === 'sentence' && g.subject && !keys.has(titleKey(g.subject));
      if (keep.length > 0 && otherSubject && !seen.has(g.line)) {
        const split = newRole(
          g.subject!,
          anchorSlug(g.subject!),
          g.line,
          `a Job Grade sentence in "${role.title}" names it`,
        );
        split.grades.push(g);
        page.roles.push(split);
      } else keep.push(g);
      seen.add(g.line);
    }
    role.grades = keep;
  }

  // Level headings that never got a grade are still roles; a level with no grade is for lint to report.
  // A page with neither level headings nor a grade but with responsibilities/requirements is one role.
  if (page.roles.length === 0 && !page.pageRole) {
    if (
      page.familyResponsibilities.length > 0 ||
      page.familyRequirements.length > 0 ||
      page.familyReportsTo.length > 0
    ) {
      ensurePageRole(page.titleLine);
    }
  }
  return page;
}

/** Whether a paragraph is a Job Grade statement, and which grade and subject it states. */
export function gradeOf(text: string): { grade: number; subject: string | null } | null {
  let m = GRADE_IN_SENTENCE.exec(text);
  if (m) {
    const before = text.slice(0, m.index);
    // "…for a grade 9" (a justification) is not a statement; the subject must be "The X" or "X".
    if (/\b(for|than|as|from|to)\s*$/i.test(before)) return null;
    const sentenceStart = Math.max(before.lastIndexOf('. '), -1) + 1;
    const subject0 = clean(
      before
        .slice(sentenceStart)
        .replace(/^the\s+/i, '')
        .replace(/\s+role$/i, '')
        .replace(/[*_]/g, ''),
    );
    const subject = /^(this |the )?(role|position|level)$/i.test(subject0) ? '' : subject0;
    return { grade: Number(m[1]), subject: subject || null };
  }
  m = GRADE_LEADING.exec(text);
  if (m) return { grade: Number(m[1]), subject: null };
  m = GRADE_SHORT_TRAILING.exec(text);
  if (m && !/\b(for|than|as|from|to|a)\s*$/i.test(m[1]!)) {
    return { grade: Number(m[2]), subject: clean(m[1]!.replace(/^the\s+/i, '')) };
  }
  return null;
}

interface GradeRow {
  title: string;
  href: string | null;
  grade: number;
  line: number;
  /** The title cell's text when it was a link Markdown did not accept (see recoverLink). */
  malformedLink?: string;
}

/**
 * `[Label](#an anchor)`: a link whose target has a space (or whose `[` is missing) is plain text to
 * Markdown. Recovers the label, and an in-page target with its spaces read as hyphens, as the author meant.
 */
const MALFORMED_LINK = /^\[?\s*([^[\]]+?)\s*\]\(\s*([^()]*?)\s*\)$/;

function recoverLink(text: string): { title: string; href: string | null } | null {
  const m = MALFORMED_LINK.exec(text);
  if (!m) return null;
  const target = m[2]!;
  return {
    title: m[1]!,
    href: target.startsWith('#') ? `#${target.slice(1).trim().replace(/\s+/g, '-')}` : null,
  };
}

/** Rows of a "Role | Grade" table (a "Grade" header column, or cells reading "Grade N"). */
function gradeTableRows(table: Table): GradeRow[] {
  const [head, ...rows] = table.children;
  if (!head) return [];
  const headers = head.children.map((c) => clean(toString(c)).toLowerCase());
  let gradeCol = headers.findIndex((h) => /\bgrade\b/.test(h) && !/role|title/.test(h));
  if (gradeCol < 0) {
    gradeCol = rows[0]?.children.findIndex((c) => /^\[?\s*grade\s*\d/i.test(clean(toString(c)))) ?? -1;
  }
  if (gradeCol < 0) return [];
  const titleCol = gradeCol === 0 ? 1 : 0;
  const out: GradeRow[] = [];
  for (const row of rows) {
    const gradeCell = row.children[gradeCol];
    const titleCell = row.children[titleCol];
    if (!gradeCell || !titleCell) continue;
    const m = GRADE_CELL.exec(clean(toString(gradeCell)));
    const title = clean(toString(titleCell));
    if (!m || !title) continue;
    const grade = Number(m[1] ?? m[2]);
    const link = firstLink(titleCell as unknown as RootContent);
    const recovered = link ? null : recoverLink(title);
    if (recovered) out.push({ ...recovered, grade, line: lineOf(row), malformedLink: title });
    else out.push({ title, href: link ? link.url : null, grade, line: lineOf(row) });
  }
  return out;
}
