/**
 * Entity resolution and model building: parsed pages → one `GraphModel`.
 *
 * A reference to a role (a reports-to link, a mermaid label, an "extends" sentence, a grade-table row) is
 * resolved by the first rule that applies, and the rule is recorded (`via`), so every edge is explainable:
 *   1. a link to a job-family page: the level whose anchor is the link's anchor; else the level on that page
 *      whose title matches; else that page's only level;
 *   2. a same-page `#anchor`: the level with that anchor;
 *   3. the title (normalised by `titleKey`, which knows "Manager, X" = "X Manager", "Director of X" =
 *      "X Director", "(Intermediate)", "Sr.") on the same page, then in the same family, then anywhere when
 *      exactly one role (or, failing that, exactly one in the same department) has it as title or alias;
 *   4. otherwise a placeholder role `role:placeholder/<slug>` with `described: false` and a warning.
 * Roles keep every form they were referred to by as aliases.
 */
import type { HiringStageFact, ParsedPage, ParsedRole, Reference } from './markdown.js';
import type {
  GraphModel,
  ImportIssue,
  NodeFact,
  NodeLabel,
  PromotionSummary,
  PropertyValue,
  Provenance,
  RelFact,
  RelType,
  RoleSummary,
} from './model.js';
import { levelOf, promotionTrack, trackOf } from './roles.js';
import { skillsIn } from './skills.js';
import { anchorSlug, clean, normaliseAnchor, normaliseFactText, sha1, slugify, titleKey } from './text.js';

/** A role already stored in Neo4j (from files not in this import), so partial imports resolve against it. */
export interface KnownRole {
  id: string;
  title: string;
  aliases: string[];
  sourcePath: string | null;
  sourceAnchor: string | null;
  familyId: string | null;
  departmentId: string | null;
  described: boolean;
}

export interface ResolvedModel extends GraphModel {
  roleSummaries: RoleSummary[];
  promotions: PromotionSummary[];
  unresolved: Array<{ reference: string; file: string; line: number; placeholder: string }>;
  issues: ImportIssue[];
  /** Ladder edges found in mermaid blocks and how many became PROMOTES_TO. */
  ladderEdgesFound: number;
  ladderEdgesMapped: number;
  /** Every Job Grade statement and the role it was attributed to. */
  gradeStatements: Array<{ file: string; line: number; grade: number; roleId: string }>;
}

interface RoleEntry {
  id: string;
  title: string;
  aliases: Set<string>;
  pageKey: string | null;
  anchors: Set<string>;
  familyId: string | null;
  departmentId: string | null;
  described: boolean;
  node: NodeFact | null;
}

interface Resolution {
  id: string;
  via: string;
}

const FAMILY_TITLE_NOISE =
  /\s*(?:[-–:]\s*roles?\s*(?:&|and)\s*responsibilities|job famil(?:y|ies)(?: matrix)?|roles at gitlab|roles)\s*$/i;

function pageKeyOf(path: string): string {
  return path.replace(/\.md$/, '').replace(/\/_index$/, '');
}

function titleCaseSegment(segment: string): string {
  return segment
    .split('-')
    .map((w) =>
      w.length <= 3 && /^(and|of|the|for|to|in)$/.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join(' ');
}

/** "/job-families/security/security-leadership/#x", "https://handbook.gitlab.com/job-families/…" → page key + anchor. */
export function parseJobFamilyHref(
  href: string,
  fromPageKey: string,
): { pageKey: string | null; anchor: string | null } {
  const hashAt = href.indexOf('#');
  const anchor = hashAt >= 0 ? href.slice(hashAt + 1) || null : null;
  let path = hashAt >= 0 ? href.slice(0, hashAt) : href;
  if (path === '') return { pageKey: fromPageKey, anchor };
  path = path.replace(/^https?:\/\/(?:about|handbook)\.gitlab\.com/, '');
  const jf = path.indexOf('job-families/');
  if (jf >= 0) path = path.slice(jf + 'job-families/'.length);
  else if (path.startsWith('/') || /^[a-z]+:/.test(path)) return { pageKey: null, anchor };
  else {
    // relative link: resolve against the page's URL (a page is a folder in Hugo's URLs)
    const base = fromPageKey.split('/');
    for (const part of path.split('/')) {
      if (part === '..') base.pop();
      else if (part !== '.' && part !== '') base.push(part);
    }
    path = base.join('/');
  }
  path = path.replace(/\/index\.html$|\.html$|\.md$/, '').replace(/^\/+|\/+$/g, '');
  return { pageKey: path || null, anchor };
}

export function buildModel(pages: ParsedPage[], known: KnownRole[] = []): ResolvedModel {
  const issues: ImportIssue[] = [];
  const warn = (file: string, line: number, code: string, message: string): void => {
    issues.push({ file, line, code, message });
  };
  const nodes = new Map<string, NodeFact>();
  const rels = new Map<string, RelFact>();
  const prov = (sourcePath: string, sourceLine: number, sourceAnchor: string | null = null): Provenance => ({
    sourcePath,
    sourceLine,
    sourceAnchor,
  });
  const addNode = (
    label: NodeLabel,
    id: string,
    props: Record<string, PropertyValue>,
    where: Provenance,
    intProps?: string[],
  ): NodeFact => {
    let node = nodes.get(id);
    if (!node) {
      node = { label, id, props, definedIn: [], ...(intProps ? { intProps } : {}) };
      nodes.set(id, node);
    }
    if (!node.definedIn.some((p) => p.sourcePath === where.sourcePath)) node.definedIn.push(where);
    return node;
  };
  const addRel = (
    type: RelType,
    fromLabel: NodeLabel,
    from: string,
    toLabel: NodeLabel,
    to: string,
    where: Provenance,
    props: Record<string, PropertyValue> = {},
    intProps?: string[],
  ): void => {
    // One relationship per (type, ends, file): the same fact stated twice in one page is one fact.
    const key = `${type}|${from}|${to}|${where.sourcePath}`;
    if (!rels.has(key)) {
      rels.set(key, {
        type,
        fromLabel,
        from,
        toLabel,
        to,
        props,
        prov: where,
        ...(intProps ? { intProps } : {}),
      });
    }
  };

  const sorted = [...pages].sort((a, b) => a.path.localeCompare(b.path));
  const indexDirs = new Set(sorted.filter((p) => p.isIndex).map((p) => p.path.replace(/\/_index\.md$/, '')));

  // --- Pages → families, departments, roles.
  interface PageRoles {
    page: ParsedPage;
    familyId: string;
    departmentId: string | null;
    roles: Array<{ parsed: ParsedRole; entry: RoleEntry }>;
  }
  const pageRoles: PageRoles[] = [];
  const roleEntries = new Map<string, RoleEntry>();
  const byPage = new Map<string, RoleEntry[]>();

  const ensureDepartment = (path: string, where: Provenance): string | null => {
    if (!path) return null;
    const id = `department:${path}`;
    const parts = path.split('/');
    addNode(
      'Department',
      id,
      { slug: slugify(path), name: titleCaseSegment(parts[parts.length - 1]!) },
      where,
    );
    if (parts.length > 1) {
      const parent = ensureDepartment(parts.slice(0, -1).join('/'), where);
      if (parent) addRel('PART_OF', 'Department', id, 'Department', parent, where);
    }
    return id;
  };

  for (const page of sorted) {
    const dir = page.path.includes('/') ? page.path.slice(0, page.path.lastIndexOf('/')) : '';
    const isLevelPage = !page.isIndex && indexDirs.has(dir) && page.gradeStatements.length <= 1;
    const familyPath = page.isIndex || isLevelPage ? dir : pageKeyOf(page.path);
    const deptPath = familyPath.includes('/') ? familyPath.slice(0, familyPath.lastIndexOf('/')) : '';
    const familyId = `family:${familyPath}`;
    const pageProv = prov(page.path, page.titleLine);
    let departmentId = ensureDepartment(deptPath, pageProv);
    if (page.subDepartment && departmentId) {
      const subPath = `${deptPath}/${slugify(page.subDepartment.name)}`;
      const subId = `department:${subPath}`;
      const where = prov(page.path, page.subDepartment.line);
      addNode('Department', subId, { slug: slugify(subPath), name: page.subDepartment.name }, where);
      addRel('PART_OF', 'Department', subId, 'Department', departmentId, where);
      departmentId = subId;
    }
    if (!isLevelPage || !nodes.has(familyId)) {
      const familyTitle = clean(page.title.replace(FAMILY_TITLE_NOISE, '')) || page.title;
      const familyNode = addNode(
        'JobFamily',
        familyId,
        {
          slug: slugify(familyPath),
          title: familyTitle,
          description: page.description,
          url: `/job-families/${familyPath}/`,
        },
        pageProv,
      );
      if (isLevelPage) familyNode.props['title'] = titleCaseSegment(familyPath.split('/').pop()!);
      if (departmentId) addRel('IN_DEPARTMENT', 'JobFamily', familyId, 'Department', departmentId, pageProv);
    } else addNode('JobFamily', familyId, nodes.get(familyId)!.props, pageProv);

    let parsedRoles: ParsedRole[] = [...page.roles, ...(page.pageRole ? [page.pageRole] : [])];
    if (isLevelPage) {
      // A per-level page describes exactly one role: its title. Level headings inside it ("### Senior") are
      // the same role; their facts are merged into it.
      const merged: ParsedRole = {
        title: page.title,
        anchor: anchorSlug(page.title),
        line: page.titleLine,
        reason: 'a per-level page of a family split into _index.md and one file per level',
        aliases: parsedRoles.map((r) => r.title).filter((t) => titleKey(t) !== titleKey(page.title)),
        anchors: [],
        grades: parsedRoles.flatMap((r) => r.grades),
        reportsTo: [...page.familyReportsTo, ...parsedRoles.flatMap((r) => r.reportsTo)],
        extends: parsedRoles.flatMap((r) => r.extends),
        responsibilities: [...page.familyResponsibilities, ...parsedRoles.flatMap((r) => r.responsibilities)],
        requirements: [...page.familyRequirements, ...parsedRoles.flatMap((r) => r.requirements)],
        specialties: parsedRoles.flatMap((r) => r.specialties),
        summary: page.description,
      };
      parsedRoles = [merged];
    } else {
      for (const r of parsedRoles) if (r.reportsTo.length === 0) r.reportsTo.push(...page.familyReportsTo);
    }

    const pr: PageRoles = { page, familyId, departmentId, roles: [] };
    const pageKey = pageKeyOf(page.path);
    const usedIds = new Set<string>();
    for (const parsed of parsedRoles) {
      let id = `role:${familyPath}#${parsed.anchor}`;
      for (let n = 1; usedIds.has(id); n++) id = `role:${familyPath}#${parsed.anchor}-${n}`;
      usedIds.add(id);
      let entry = roleEntries.get(id);
      if (!entry) {
        entry = {
          id,
          title: parsed.title,
          aliases: new Set(),
          pageKey,
          anchors: new Set(),
          familyId,
          departmentId,
          described: true,
          node: null,
        };
        roleEntries.set(id, entry);
      } else if (entry.pageKey !== pageKey) {
        // The same level described by the family's _index.md and by its own page: one role, two sources.
        entry.aliases.add(parsed.title);
      }
      for (const a of parsed.aliases) if (titleKey(a) !== titleKey(entry.title)) entry.aliases.add(a);
      entry.anchors.add(normaliseAnchor(parsed.anchor));
      for (const a of parsed.anchors) entry.anchors.add(normaliseAnchor(a));
      // Specialty aliases: "Director, Security" with specialty "Product Security" is also
      // "Director, Product Security" (= "Director of Product Security", "Product Security Director").
      const comma = /^([^,]+),\s*(.+)$/.exec(parsed.title);
      for (const spec of parsed.specialties) {
        if (comma) entry.aliases.add(`${comma[1]}, ${spec.name}`);
        else entry.aliases.add(`${spec.name} ${parsed.title}`);
      }
      const list = byPage.get(pageKey) ?? [];
      if (!list.includes(entry)) list.push(entry);
      byPage.set(pageKey, list);
      if (isLevelPage) {
        const dirList = byPage.get(dir) ?? [];
        if (!dirList.includes(entry)) dirList.push(entry);
        byPage.set(dir, dirList);
      }
      pr.roles.push({ parsed, entry });
    }
    pageRoles.push(pr);
  }

  // --- Indexes for resolution.
  const byTitle = new Map<string, Set<RoleEntry>>();
  const indexTitle = (entry: RoleEntry, title: string): void => {
    const key = titleKey(title);
    if (!key) return;
    const set = byTitle.get(key) ?? new Set();
    set.add(entry);
    byTitle.set(key, set);
  };
  for (const entry of roleEntries.values()) {
    indexTitle(entry, entry.title);
    for (const a of entry.aliases) indexTitle(entry, a);
  }
  for (const k of known) {
    if (roleEntries.has(k.id)) continue;
    const pageKey = k.sourcePath ? pageKeyOf(k.sourcePath) : null;
    const entry: RoleEntry = {
      id: k.id,
      title: k.title,
      aliases: new Set(k.aliases),
      pageKey,
      anchors: new Set(k.sourceAnchor ? [normaliseAnchor(k.sourceAnchor)] : []),
      familyId: k.familyId,
      departmentId: k.departmentId,
      described: k.described,
      node: null,
    };
    if (k.described) {
      indexTitle(entry, k.title);
      for (const a of k.aliases) indexTitle(entry, a);
      if (pageKey) byPage.set(pageKey, [...(byPage.get(pageKey) ?? []), entry]);
    }
    roleEntries.set(k.id, entry);
  }

  const unresolved: ResolvedModel['unresolved'] = [];
  const placeholders = new Map<string, NodeFact>();

  // Title keys per role, computed once (aliases added during resolution are looked up by their own key).
  const keysOf = new Map<RoleEntry, Set<string>>();
  const entryKeys = (e: RoleEntry): Set<string> => {
    let keys = keysOf.get(e);
    if (!keys) {
      keys = new Set([e.title, ...e.aliases].map(titleKey));
      keysOf.set(e, keys);
    }
    return keys;
  };
  /**
   * The one described role among candidates answering to title. When two do (a folder's _index.md and its
   * per-level page describe the same level), the one defined in the referring file wins; else no guess.
   */
  const matchTitle = (
    candidates: Iterable<RoleEntry>,
    title: string,
    referringFile: string,
  ): RoleEntry | null => {
    const key = titleKey(title);
    const hits = new Set<RoleEntry>();
    for (const e of candidates) if (e.described && entryKeys(e).has(key)) hits.add(e);
    if (hits.size <= 1) return hits.values().next().value ?? null;
    const here = [...hits].filter((e) => e.node?.definedIn[0]?.sourcePath === referringFile);
    return here.length === 1 ? here[0]! : null;
  };
  const byFamily = new Map<string, RoleEntry[]>();
  for (const e of roleEntries.values()) {
    if (e.familyId) byFamily.set(e.familyId, [...(byFamily.get(e.familyId) ?? []), e]);
  }

  const resolve = (ref: Reference, ctx: PageRoles, quiet = false): Resolution | null => {
    const pageKey = pageKeyOf(ctx.page.path);
    if (ref.href) {
      const target = parseJobFamilyHref(ref.href, pageKey);
      if (target.pageKey) {
        const onPage = byPage.get(target.pageKey);
        if (onPage) {
          if (target.anchor) {
            const a = normaliseAnchor(target.anchor);
            const hit = onPage.find((e) => e.anchors.has(a));
            if (hit) return { id: hit.id, via: `link anchor #${target.anchor}` };
          }
          const byName = matchTitle(onPage, ref.text, ctx.page.path);
          if (byName) {
            if (target.anchor && !quiet) {
              warn(
                ctx.page.path,
                ref.line,
                'BROKEN_ANCHOR',
                `link "${ref.text}" → ${ref.href}: no heading #${target.anchor} on that page; resolved by title to "${byName.title}"`,
              );
            }
            return { id: byName.id, via: `title on linked page ${target.pageKey}` };
          }
          if (!target.anchor && onPage.filter((e) => e.described).length === 1) {
            return {
              id: onPage.find((e) => e.described)!.id,
              via: `the only role on linked page ${target.pageKey}`,
            };
          }
        }
      }
    }
    const own = byPage.get(pageKey) ?? [];
    const local = matchTitle(own, ref.text, ctx.page.path);
    if (local) return { id: local.id, via: 'title on the same page' };
    const family = byFamily.get(ctx.familyId) ?? [];
    const inFamily = matchTitle(family, ref.text, ctx.page.path);
    if (inFamily) return { id: inFamily.id, via: 'title in the same family' };
    const hits = [...(byTitle.get(titleKey(ref.text)) ?? [])].filter((e) => e.described);
    if (hits.length === 1) return { id: hits[0]!.id, via: 'unique title across the handbook' };
    if (hits.length > 1) {
      const sameDept = hits.filter((e) => e.departmentId && e.departmentId === ctx.departmentId);
      if (sameDept.length === 1) return { id: sameDept[0]!.id, via: 'unique title in the same department' };
      if (!quiet) {
        warn(
          ctx.page.path,
          ref.line,
          'AMBIGUOUS_REFERENCE',
          `"${ref.text}" matches ${hits.length} roles (${hits.map((h) => h.id).join(', ')}); not guessing`,
        );
      }
    }
    return null;
  };

  const placeholderFor = (ref: Reference, ctx: PageRoles, what: string): string => {
    const id = `role:placeholder/${slugify(ref.text) || 'unnamed'}`;
    const where = prov(ctx.page.path, ref.line);
    let node = placeholders.get(id);
    if (!node) {
      const t = trackOf(ref.text);
      node = addNode(
        'Role',
        id,
        {
          slug: `placeholder-${slugify(ref.text) || 'unnamed'}`,
          title: ref.text,
          level: levelOf(ref.text),
          grade: null,
          track: t.track,
          described: false,
          aliases: [],
          summary: null,
        },
        where,
        ['grade'],
      );
      placeholders.set(id, node);
    } else addNode('Role', id, node.props, where);
    unresolved.push({ reference: ref.text, file: ctx.page.path, line: ref.line, placeholder: id });
    warn(
      ctx.page.path,
      ref.line,
      'UNRESOLVED_REFERENCE',
      `${what} "${ref.text}"${ref.href ? ` (${ref.href})` : ''} matches no role; created placeholder ${id}`,
    );
    return id;
  };

  const resolveOrPlaceholder = (
    ref: Reference,
    ctx: PageRoles,
    what: string,
  ): { id: string; via: string } => {
    const r = resolve(ref, ctx);
    if (r) {
      const entry = roleEntries.get(r.id);
      if (entry && titleKey(entry.title) !== titleKey(ref.text) && ref.text.length < 90)
        entry.aliases.add(ref.text);
      return r;
    }
    return { id: placeholderFor(ref, ctx, what), via: 'placeholder (unresolved)' };
  };

  // --- Role nodes.
  const titleOf = (id: string): string =>
    roleEntries.get(id)?.title ?? (nodes.get(id)?.props['title'] as string) ?? id;
  for (const pr of pageRoles) {
    for (const { parsed, entry } of pr.roles) {
      const where = prov(pr.page.path, parsed.line, parsed.anchor);
      const t = trackOf(entry.title);
      const node = addNode(
        'Role',
        entry.id,
        {
          slug: slugify(entry.id.slice('role:'.length)),
          title: entry.title,
          level: levelOf(entry.title),
          grade: null,
          track: t.track,
          described: true,
          aliases: [],
          summary: parsed.summary,
        },
        where,
        ['grade'],
      );
      entry.node = node;
      addRel('IN_FAMILY', 'Role', entry.id, 'JobFamily', pr.familyId, where);
      if (pr.departmentId) addRel('IN_DEPARTMENT', 'Role', entry.id, 'Department', pr.departmentId, where);
    }
  }

  const setGrade = (id: string, grade: number, where: Provenance, file: string): void => {
    const node = nodes.get(id);
    if (!node) return;
    const current = node.props['grade'] as number | null;
    if (current === null || current === undefined) {
      node.props['grade'] = grade;
      addNode('Grade', `grade:${grade}`, { value: grade }, where, ['value']);
      addRel('HAS_GRADE', 'Role', id, 'Grade', `grade:${grade}`, where);
    } else if (current !== grade) {
      warn(
        file,
        where.sourceLine,
        'GRADE_CONFLICT',
        `"${titleOf(id)}" is stated as grade ${grade} here but grade ${current} elsewhere; keeping ${current}`,
      );
    }
  };

  const roleSummaries = new Map<string, RoleSummary>();
  const promotions: PromotionSummary[] = [];
  let ladderEdgesFound = 0;
  let ladderEdgesMapped = 0;
  const gradeSourcesByRole = new Map<string, Array<{ file: string; line: number; grade: number }>>();

  for (const pr of pageRoles) {
    const file = pr.page.path;
    for (const { parsed, entry } of pr.roles) {
      const anchor = parsed.anchor;
      for (const g of parsed.grades) {
        setGrade(entry.id, g.grade, prov(file, g.line, anchor), file);
        const list = gradeSourcesByRole.get(entry.id) ?? [];
        list.push({ file, line: g.line, grade: g.grade });
        gradeSourcesByRole.set(entry.id, list);
      }
      for (const ref of parsed.reportsTo) {
        const r = resolveOrPlaceholder(ref, pr, 'reports-to');
        if (r.id === entry.id) {
          warn(
            file,
            ref.line,
            'SELF_REFERENCE',
            `"${entry.title}" reports to itself ("${ref.text}"); ignored`,
          );
          continue;
        }
        addRel('REPORTS_TO', 'Role', entry.id, 'Role', r.id, prov(file, ref.line, anchor), { via: r.via });
      }
      for (const ref of parsed.extends) {
        const r = resolveOrPlaceholder(ref, pr, 'extends');
        if (r.id === entry.id) continue;
        addRel('EXTENDS', 'Role', entry.id, 'Role', r.id, prov(file, ref.line, anchor), { via: r.via });
      }
      parsed.responsibilities.forEach((f, i) =>
        addFact(
          'Responsibility',
          'HAS_RESPONSIBILITY',
          'Role',
          entry.id,
          f.text,
          i,
          prov(file, f.line, anchor),
        ),
      );
      parsed.requirements.forEach((f, i) =>
        addFact('Requirement', 'REQUIRES', 'Role', entry.id, f.text, i, prov(file, f.line, anchor)),
      );
      for (const spec of parsed.specialties) {
        const teamId = `team:${pr.familyId.slice('family:'.length)}/${slugify(spec.name)}`;
        const where = prov(file, spec.line, spec.anchor);
        addNode(
          'Team',
          teamId,
          { slug: slugify(`${pr.familyId.slice('family:'.length)}-${spec.name}`), name: spec.name },
          where,
        );
        addRel('PART_OF', 'Team', teamId, 'JobFamily', pr.familyId, where);
        addRel('IN_TEAM', 'Role', entry.id, 'Team', teamId, where);
      }
    }
    // Family-level facts.
    const page = pr.page;
    page.familyResponsibilities.forEach((f, i) => {
      if (pr.roles.length === 1 && pr.roles[0]!.parsed.responsibilities.includes(f)) return;
      addFact(
        'Responsibility',
        'HAS_RESPONSIBILITY',
        'JobFamily',
        pr.familyId,
        f.text,
        i,
        prov(file, f.line),
      );
    });
    page.familyRequirements.forEach((f, i) => {
      if (pr.roles.length === 1 && pr.roles[0]!.parsed.requirements.includes(f)) return;
      addFact('Requirement', 'REQUIRES', 'JobFamily', pr.familyId, f.text, i, prov(file, f.line));
    });
    for (const spec of page.specialties) {
      const teamId = `team:${pr.familyId.slice('family:'.length)}/${slugify(spec.name)}`;
      const where = prov(file, spec.line, spec.anchor);
      addNode(
        'Team',
        teamId,
        { slug: slugify(`${pr.familyId.slice('family:'.length)}-${spec.name}`), name: spec.name },
        where,
      );
      addRel('PART_OF', 'Team', teamId, 'JobFamily', pr.familyId, where);
    }
    // Grade-table rows that name roles elsewhere.
    for (const row of page.tableGrades) {
      const r = resolveOrPlaceholder(row.ref, pr, 'grade-table row');
      setGrade(r.id, row.grade.grade, prov(file, row.grade.line), file);
      const list = gradeSourcesByRole.get(r.id) ?? [];
      list.push({ file, line: row.grade.line, grade: row.grade.grade });
      gradeSourcesByRole.set(r.id, list);
    }
    // Career ladders.
    for (const edge of page.ladder) {
      ladderEdgesFound++;
      const from = resolveOrPlaceholder(edge.from, pr, 'career-ladder label');
      const to = resolveOrPlaceholder(edge.to, pr, 'career-ladder label');
      if (from.id === to.id) {
        warn(
          file,
          edge.line,
          'SELF_REFERENCE',
          `ladder edge "${edge.from.text}" → "${edge.to.text}" resolves to one role; ignored`,
        );
        continue;
      }
      const fromTitle = titleOf(from.id);
      const toTitle = titleOf(to.id);
      const track = promotionTrack(fromTitle, toTitle);
      addRel('PROMOTES_TO', 'Role', from.id, 'Role', to.id, prov(file, edge.line), {
        track: track.track,
        trackReason: track.reason,
        via: `${from.via}; ${to.via}`,
      });
      ladderEdgesMapped++;
      promotions.push({ from: fromTitle, to: toTitle, track: track.track, source: `${file}:${edge.line}` });
    }
    // Hiring stages.
    for (const stage of page.hiringStages) addStage(pr, stage);
    // Performance indicators.
    for (const kpi of page.indicators) {
      const id = `kpi:${pr.familyId}#${slugify(kpi.name).slice(0, 80)}`;
      const where = prov(file, kpi.line);
      addNode('PerformanceIndicator', id, { name: kpi.name, url: kpi.url, text: kpi.text }, where);
      addRel('MEASURED_BY', 'JobFamily', pr.familyId, 'PerformanceIndicator', id, where);
    }
  }

  function addStage(pr: PageRoles, stage: HiringStageFact): void {
    const id = stage.roleAnchor
      ? `stage:${pr.familyId}#${stage.roleAnchor}-${stage.order}`
      : `stage:${pr.familyId}#${stage.order}`;
    const where = prov(pr.page.path, stage.line, stage.roleAnchor);
    addNode('HiringStage', id, { order: stage.order, text: stage.text }, where, ['order']);
    addRel('HAS_STAGE', 'JobFamily', pr.familyId, 'HiringStage', id, where);
    for (const name of stage.interviewers) {
      // Interviewers are linked only when they resolve; "a Global Recruiter" is not a role reference.
      const r = resolve({ text: name, href: null, line: stage.line }, pr, true);
      if (r) addRel('INTERVIEWED_BY', 'HiringStage', id, 'Role', r.id, where, { via: r.via });
    }
  }

  function addFact(
    label: 'Responsibility' | 'Requirement',
    type: 'HAS_RESPONSIBILITY' | 'REQUIRES',
    ownerLabel: NodeLabel,
    ownerId: string,
    text: string,
    order: number,
    where: Provenance,
  ): void {
    const id = `${label === 'Responsibility' ? 'responsibility' : 'requirement'}:${sha1(normaliseFactText(text))}`;
    // The node is shared by every page stating this text; its text is the canonical form (trailing
    // punctuation dropped, first letter capitalised) so it does not depend on which page was imported last.
    const canonical = clean(text).replace(/[.;,:]+$/, '');
    addNode(label, id, { text: canonical.charAt(0).toUpperCase() + canonical.slice(1) }, where);
    addRel(type, ownerLabel, ownerId, label, id, where, { order }, ['order']);
    if (label === 'Requirement') {
      for (const skill of skillsIn(text)) {
        const skillId = `skill:${skill.slug}`;
        addNode('Skill', skillId, { slug: skill.slug, name: skill.name, kind: skill.kind }, where);
        addRel('NEEDS_SKILL', 'Requirement', id, 'Skill', skillId, where);
        if (ownerLabel === 'Role') addRel('NEEDS_SKILL', 'Role', ownerId, 'Skill', skillId, where);
      }
    }
  }

  // Aliases are final only now (references added some).
  for (const entry of roleEntries.values()) {
    if (entry.node) entry.node.props['aliases'] = [...entry.aliases].filter((a) => a !== entry.title).sort();
  }

  // Role summaries for the report, in source order.
  const reportsFrom = new Map<string, RelFact[]>();
  for (const r of rels.values())
    if (r.type === 'REPORTS_TO') reportsFrom.set(r.from, [...(reportsFrom.get(r.from) ?? []), r]);
  for (const pr of pageRoles) {
    for (const { parsed, entry } of pr.roles) {
      if (roleSummaries.has(entry.id)) continue;
      const reports = [...(reportsFrom.get(entry.id) ?? [])]
        .sort((a, b) => a.prov.sourceLine - b.prov.sourceLine)
        .map((r) => titleOf(r.to));
      const familyNode = nodes.get(pr.familyId);
      roleSummaries.set(entry.id, {
        title: entry.title,
        family: (familyNode?.props['title'] as string) ?? pr.familyId,
        level: (entry.node?.props['level'] as string) ?? null,
        grade: (entry.node?.props['grade'] as number | null) ?? null,
        reportsTo: reports[0] ?? null,
        reportsToAll: reports,
        source: `${pr.page.path}:${parsed.line}`,
      });
    }
  }
  for (const [id, node] of placeholders) {
    roleSummaries.set(id, {
      title: node.props['title'] as string,
      family: null,
      level: node.props['level'] as string,
      grade: (node.props['grade'] as number | null) ?? null,
      reportsTo: null,
      reportsToAll: [],
      source: `${node.definedIn[0]!.sourcePath}:${node.definedIn[0]!.sourceLine}`,
    });
  }

  // Provenance order: first definer by path then line, so the model is the same whatever the input order.
  for (const node of nodes.values()) {
    node.definedIn.sort((a, b) => a.sourcePath.localeCompare(b.sourcePath) || a.sourceLine - b.sourceLine);
  }
  const gradeStatements = [...gradeSourcesByRole].flatMap(([roleId, list]) =>
    list.map((g) => ({ ...g, roleId })),
  );
  return {
    gradeStatements,
    nodes: [...nodes.values()],
    relationships: [...rels.values()],
    roleSummaries: [...roleSummaries.values()],
    promotions,
    unresolved,
    issues,
    ladderEdgesFound,
    ladderEdgesMapped,
  };
}
