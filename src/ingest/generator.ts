/**
 * A deterministic generator of a realistic organisation, for benchmarks and scale tests
 * (`orgraph generate --roles N --people M --seed S`). It produces the same validated GraphModel the handbook
 * importer produces (labels, ids, properties and provenance of docs/graph-model.md), as if it had read one
 * handbook page per job family (`generated/<department path>/<family>.md`), one departments file and one
 * people file per department; line numbers count the facts of each virtual file.
 *
 * Shape: nested departments; job families of 4 to 8 levels split into an IC ladder and a management ladder
 * (PROMOTES_TO with track, the switch from a senior IC to the first manager level on the MANAGEMENT track);
 * some ladders cross into another family of the same department; EXTENDS along each ladder; REPORTS_TO trees
 * (ICs to their family's manager, managers up their ladder, a family's top manager to the department head, a
 * department head to its parent department's head); responsibilities, requirements and skills per level,
 * partly shared between families; hiring stages and indicators per family; people holding roles, with
 * MANAGED_BY following the roles' REPORTS_TO, and MEMBER_OF a team or department.
 *
 * Everything comes from one seeded PRNG consumed in a fixed order, so a seed always gives the same graph.
 */
import type {
  GraphModel,
  NodeFact,
  NodeLabel,
  PropertyValue,
  Provenance,
  RelFact,
  RelType,
} from './model.js';
import { SKILLS } from './skills.js';
import { normaliseFactText, sha1, slugify } from './text.js';

export interface GeneratorOptions {
  roles: number;
  people: number;
  seed: number;
}

/** Root of the virtual source paths; `orgraph generate` owns every SourceFile under it. */
export const GENERATED_ROOT = 'generated/';

/** mulberry32: small, fast, good enough for shaping data, and identical on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOP_DEPARTMENTS = [
  'Engineering',
  'Product',
  'Security',
  'Sales',
  'Marketing',
  'Customer Success',
  'Finance',
  'People',
  'Legal',
  'Operations',
  'Data',
  'Support',
];
const SUB_AREAS = [
  'Platform',
  'Growth',
  'Infrastructure',
  'Enterprise',
  'Core',
  'Applications',
  'Analytics',
  'Field',
  'Commercial',
  'Public Sector',
  'Delivery',
  'Enablement',
  'Strategy',
  'Services',
  'Experience',
  'Reliability',
  'Compliance',
  'Partnerships',
  'Research',
  'Systems',
];
const AREAS = [
  'Backend',
  'Frontend',
  'Infrastructure',
  'Security',
  'Data',
  'Platform',
  'Billing',
  'Growth',
  'Compliance',
  'Payments',
  'Mobile',
  'Search',
  'Identity',
  'Reliability',
  'Network',
  'Storage',
  'Analytics',
  'Content',
  'Brand',
  'Partner',
  'Channel',
  'Enterprise',
  'Field',
  'Revenue',
  'Tax',
  'Treasury',
  'Payroll',
  'Benefits',
  'Talent',
  'Learning',
  'Privacy',
  'Procurement',
  'Facilities',
  'Support',
  'Onboarding',
  'Documentation',
  'Release',
  'Quality',
  'Performance',
  'Observability',
  'Database',
  'Integrations',
  'Ecosystem',
  'Customer',
  'Pricing',
  'Localization',
  'Accessibility',
  'Developer Relations',
  'Incident Response',
  'Threat Intelligence',
];
const QUALIFIERS = [
  '',
  'Cloud',
  'Core',
  'Global',
  'Applied',
  'Strategic',
  'Technical',
  'Digital',
  'Regional',
];
/** [IC title noun, management noun]. */
const PROFESSIONS: Array<[string, string]> = [
  ['Engineer', 'Engineering'],
  ['Analyst', 'Analytics'],
  ['Designer', 'Design'],
  ['Scientist', 'Science'],
  ['Specialist', 'Operations'],
  ['Consultant', 'Consulting'],
  ['Researcher', 'Research'],
  ['Administrator', 'Administration'],
  ['Architect', 'Architecture'],
  ['Writer', 'Writing'],
  ['Recruiter', 'Recruiting'],
  ['Accountant', 'Accounting'],
];
/** IC levels from the bottom, with their grade; the unmarked title is the Intermediate level. */
const IC_LEVELS: Array<[string, number]> = [
  ['Associate', 5],
  ['Intermediate', 6],
  ['Senior', 7],
  ['Staff', 8],
  ['Principal', 9],
  ['Distinguished', 10],
];
const MGMT_LEVELS: Array<[string, number]> = [
  ['Manager', 8],
  ['Senior Manager', 9],
  ['Director', 10],
  ['Senior Director', 11],
  ['Vice President', 12],
];
const VERBS = [
  'Own',
  'Design',
  'Improve',
  'Lead',
  'Maintain',
  'Review',
  'Document',
  'Measure',
  'Plan',
  'Deliver',
  'Support',
  'Automate',
  'Coordinate',
  'Mentor others on',
  'Set the direction of',
  'Report on',
];
const OBJECTS = [
  'the roadmap',
  'quarterly objectives',
  'service reliability',
  'incident follow-ups',
  'customer escalations',
  'cross-team projects',
  'hiring plans',
  'the budget',
  'internal tooling',
  'process changes',
  'technical debt',
  'onboarding material',
  'release planning',
  'stakeholder communication',
  'operational metrics',
  'risk assessments',
  'vendor relationships',
  'code and design reviews',
  'team health',
  'long-term strategy',
];
const COMPETENCIES = SKILLS.filter((s) => s.kind === 'competency');
const TECHNOLOGIES = SKILLS.filter((s) => s.kind === 'technology');
const FIRST_NAMES = [
  'Alex',
  'Sam',
  'Jordan',
  'Taylor',
  'Morgan',
  'Casey',
  'Riley',
  'Jamie',
  'Avery',
  'Quinn',
  'Maria',
  'Wei',
  'Aisha',
  'Lucas',
  'Sofia',
  'Kenji',
  'Priya',
  'Omar',
  'Elena',
  'Noah',
  'Fatima',
  'Mateo',
  'Ingrid',
  'Kwame',
];
const LAST_NAMES = [
  'Smith',
  'Garcia',
  'Chen',
  'Okafor',
  'Müller',
  'Rossi',
  'Tanaka',
  'Kowalski',
  'Silva',
  'Novak',
  'Haddad',
  'Johansson',
  'Patel',
  'Nguyen',
  'Dubois',
  'Kim',
  'Hernández',
  'Murphy',
  'Ivanova',
  'Mensah',
];

interface GenRole {
  id: string;
  title: string;
  grade: number;
  track: 'IC' | 'MANAGEMENT';
  familyIndex: number;
  /** Index of the role it reports to in `roles`, -1 for the top. */
  reportsTo: number;
  /** Holders pick weight: lower levels hold more people. */
  weight: number;
}

interface GenFamily {
  id: string;
  path: string;
  title: string;
  department: number;
  ic: number[];
  mgmt: number[];
}

interface GenDepartment {
  id: string;
  path: string;
  name: string;
  parent: number;
  families: number[];
}

/** Generates the organisation. Pure: the same options always give the same model, in the same order. */
export function generateOrganisation(options: GeneratorOptions): GraphModel {
  const { roles: roleTarget, people: peopleTarget, seed } = options;
  if (!Number.isInteger(roleTarget) || roleTarget < 4)
    throw new RangeError(`roles must be an integer of at least 4 (one family), got ${roleTarget}`);
  if (!Number.isInteger(peopleTarget) || peopleTarget < 0)
    throw new RangeError(`people must be a non-negative integer, got ${peopleTarget}`);
  const random = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  const nodes = new Map<string, NodeFact>();
  const rels: RelFact[] = [];
  const lines = new Map<string, number>();
  const at = (path: string, anchor: string | null = null): Provenance => {
    const line = (lines.get(path) ?? 0) + 1;
    lines.set(path, line);
    return { sourcePath: path, sourceLine: line, sourceAnchor: anchor };
  };
  const node = (
    label: NodeLabel,
    id: string,
    props: Record<string, PropertyValue>,
    where: Provenance,
    intProps?: string[],
  ): void => {
    const existing = nodes.get(id);
    if (existing) existing.definedIn.push(where);
    else nodes.set(id, { label, id, props, definedIn: [where], ...(intProps ? { intProps } : {}) });
  };
  const rel = (
    type: RelType,
    fromLabel: NodeLabel,
    from: string,
    toLabel: NodeLabel,
    to: string,
    where: Provenance,
    props: Record<string, PropertyValue> = {},
  ): void => {
    rels.push({ type, fromLabel, from, toLabel, to, props, prov: where });
  };

  // Departments: top-level ones, then sub-departments nested up to three deep.
  const familyCount = Math.max(1, Math.round(roleTarget / 6));
  const deptTarget = Math.max(2, Math.ceil(familyCount / 6));
  const departments: GenDepartment[] = [];
  const deptFile = `${GENERATED_ROOT}departments.yaml`;
  const addDepartment = (name: string, parent: number): void => {
    const base = slugify(name);
    const parentPath = parent >= 0 ? `${departments[parent]!.path}/` : '';
    let path = `${parentPath}${base}`;
    for (let n = 2; departments.some((d) => d.path === path); n++) path = `${parentPath}${base}-${n}`;
    const dept: GenDepartment = { id: `department:${path}`, path, name, parent, families: [] };
    departments.push(dept);
    node('Department', dept.id, { slug: slugify(path), name }, at(deptFile));
    if (parent >= 0)
      rel('PART_OF', 'Department', dept.id, 'Department', departments[parent]!.id, at(deptFile));
  };
  const tops = Math.min(TOP_DEPARTMENTS.length, Math.max(2, Math.ceil(deptTarget / 8)));
  for (let i = 0; i < tops; i++) addDepartment(TOP_DEPARTMENTS[i]!, -1);
  const depth = (d: number): number => (departments[d]!.parent < 0 ? 0 : 1 + depth(departments[d]!.parent));
  while (departments.length < deptTarget) {
    let parent = int(0, departments.length - 1);
    if (depth(parent) >= 3) parent = departments[parent]!.parent;
    addDepartment(`${departments[parent]!.name.split(' ')[0]} ${pick(SUB_AREAS)}`, parent);
  }

  // Grades and skills are shared vocabulary, defined once.
  const vocabFile = `${GENERATED_ROOT}vocabulary.yaml`;
  for (const [, g] of [...IC_LEVELS, ...MGMT_LEVELS].sort((a, b) => a[1] - b[1]))
    if (!nodes.has(`grade:${g}`)) node('Grade', `grade:${g}`, { value: g }, at(vocabFile), ['value']);
  for (const s of SKILLS)
    node('Skill', `skill:${s.slug}`, { slug: s.slug, name: s.name, kind: s.kind }, at(vocabFile));

  // Families and their roles.
  const families: GenFamily[] = [];
  const roles: GenRole[] = [];
  const usedTitles = new Set<string>();
  let remaining = roleTarget;
  while (remaining > 0) {
    let levels = int(4, 8);
    if (remaining <= 8) levels = remaining;
    else if (remaining - levels < 4) levels = remaining - 4 >= 4 ? remaining - 4 : remaining;
    remaining -= levels;
    const department = int(0, departments.length - 1);
    const [icNoun, mgmtNoun] = pick(PROFESSIONS);
    let area = pick(AREAS);
    let title = `${area} ${icNoun}`;
    for (let q = 0; usedTitles.has(title); q++) {
      const qualifier = q < 8 ? pick(QUALIFIERS) : `${pick(QUALIFIERS)} ${q}`.trim();
      area = `${qualifier} ${pick(AREAS)}`.trim();
      title = `${area} ${icNoun}`;
    }
    usedTitles.add(title);
    const dept = departments[department]!;
    const path = `${dept.path}/${slugify(title)}`;
    const file = `${GENERATED_ROOT}${path}.md`;
    const family: GenFamily = { id: `family:${path}`, path, title, department, ic: [], mgmt: [] };
    const familyIndex = families.length;
    families.push(family);
    dept.families.push(familyIndex);
    node(
      'JobFamily',
      family.id,
      {
        slug: slugify(path),
        title,
        description: `The ${title} job family in ${dept.name}.`,
        url: `https://handbook.example.com/job-families/${path}/`,
      },
      at(file),
    );
    rel('IN_DEPARTMENT', 'JobFamily', family.id, 'Department', dept.id, at(file));

    const icCount = Math.min(IC_LEVELS.length, Math.max(3, Math.ceil(levels * 0.6)));
    const mgmtCount = Math.min(MGMT_LEVELS.length, levels - icCount);
    const icCountFinal = levels - mgmtCount;
    const icStart = icCountFinal >= 5 ? 0 : 1;
    const addRole = (level: string, grade: number, track: 'IC' | 'MANAGEMENT', roleTitle: string): number => {
      const anchor = slugify(roleTitle);
      const where = at(file, anchor);
      const role: GenRole = {
        id: `role:${path}#${anchor}`,
        title: roleTitle,
        grade,
        track,
        familyIndex,
        reportsTo: -1,
        weight: 1,
      };
      const index = roles.length;
      roles.push(role);
      node(
        'Role',
        role.id,
        {
          slug: slugify(`${path}-${anchor}`),
          title: roleTitle,
          level,
          grade,
          track,
          described: true,
          aliases: [],
          summary: `${roleTitle}: ${level} level of the ${title} family.`,
        },
        where,
        ['grade'],
      );
      rel('IN_FAMILY', 'Role', role.id, 'JobFamily', family.id, where);
      rel('IN_DEPARTMENT', 'Role', role.id, 'Department', dept.id, where);
      rel('HAS_GRADE', 'Role', role.id, 'Grade', `grade:${grade}`, where);
      return index;
    };
    for (let i = 0; i < icCountFinal; i++) {
      const [level, grade] = IC_LEVELS[Math.min(IC_LEVELS.length - 1, icStart + i)]!;
      const roleTitle = level === 'Intermediate' ? title : `${level} ${title}`;
      const index = addRole(level, grade, 'IC', roleTitle);
      // Lower levels hold more people, as in a real organisation.
      roles[index]!.weight = Math.max(1, 12 - 3 * i);
      family.ic.push(index);
    }
    for (let i = 0; i < mgmtCount; i++) {
      const [level, grade] = MGMT_LEVELS[i]!;
      family.mgmt.push(addRole(level, grade, 'MANAGEMENT', `${level}, ${area} ${mgmtNoun}`));
    }

    // Ladders: IC and management tracks, the switch from Senior IC to Manager, EXTENDS along each ladder.
    const promote = (from: number, to: number, track: 'IC' | 'MANAGEMENT', reason: string): void => {
      rel('PROMOTES_TO', 'Role', roles[from]!.id, 'Role', roles[to]!.id, at(file), {
        track,
        trackReason: reason,
      });
    };
    const extend = (from: number, to: number): void => {
      rel('EXTENDS', 'Role', roles[from]!.id, 'Role', roles[to]!.id, at(file));
    };
    for (let i = 1; i < family.ic.length; i++) {
      promote(
        family.ic[i - 1]!,
        family.ic[i]!,
        'IC',
        `stays IC: "${roles[family.ic[i]!]!.title}" has no management title word`,
      );
      extend(family.ic[i]!, family.ic[i - 1]!);
    }
    const switchFrom = family.ic[Math.min(family.ic.length - 1, 2 - icStart)]!;
    if (family.mgmt.length > 0) {
      promote(
        switchFrom,
        family.mgmt[0]!,
        'MANAGEMENT',
        `moves from IC to management: "${roles[family.mgmt[0]!]!.title}" is a manager title`,
      );
      extend(family.mgmt[0]!, switchFrom);
    }
    for (let i = 1; i < family.mgmt.length; i++) {
      promote(
        family.mgmt[i - 1]!,
        family.mgmt[i]!,
        'MANAGEMENT',
        `stays in management: "${roles[family.mgmt[i]!]!.title}" is a manager title`,
      );
      extend(family.mgmt[i]!, family.mgmt[i - 1]!);
    }
    // Reports-to within the family: ICs to the first manager, managers up their ladder.
    const manager = family.mgmt[0];
    if (manager !== undefined) for (const i of family.ic) roles[i]!.reportsTo = manager;
    for (let i = 1; i < family.mgmt.length; i++) roles[family.mgmt[i - 1]!]!.reportsTo = family.mgmt[i]!;
    if (manager === undefined)
      for (let i = 0; i + 1 < family.ic.length; i++)
        roles[family.ic[i]!]!.reportsTo = family.ic[family.ic.length - 1]!;

    // Facts: own responsibilities, requirements (some naming a skill) and skills per role.
    const allRoles = [...family.ic, ...family.mgmt];
    for (const index of allRoles) {
      const role = roles[index]!;
      const where = (): Provenance => at(file, slugify(role.title));
      const responsibilities = int(3, 6);
      const seen = new Set<string>();
      for (let k = 0; k < responsibilities; k++) {
        // Mostly family-specific sentences; some generic ones, shared with other families.
        const text =
          random() < 0.7 ? `${pick(VERBS)} ${pick(OBJECTS)} for ${area}` : `${pick(VERBS)} ${pick(OBJECTS)}`;
        const id = `responsibility:${sha1(normaliseFactText(text))}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const w = where();
        node('Responsibility', id, { text }, w);
        rel('HAS_RESPONSIBILITY', 'Role', role.id, 'Responsibility', id, w, { order: seen.size });
      }
      const requirements = int(2, 5);
      const seenReq = new Set<string>();
      for (let k = 0; k < requirements; k++) {
        const tech = random() < 0.6;
        const skill = tech ? pick(TECHNOLOGIES) : pick(COMPETENCIES);
        const years = Math.max(1, role.grade - 4 + int(0, 2));
        const text = tech
          ? `${years}+ years of experience with ${skill.name}`
          : `Demonstrated ${skill.name.toLowerCase()} at the ${role.title.split(',')[0]} level`;
        const id = `requirement:${sha1(normaliseFactText(text))}`;
        if (seenReq.has(id)) continue;
        seenReq.add(id);
        const w = where();
        node('Requirement', id, { text }, w);
        rel('REQUIRES', 'Role', role.id, 'Requirement', id, w, { order: seenReq.size });
        rel('NEEDS_SKILL', 'Requirement', id, 'Skill', `skill:${skill.slug}`, w);
      }
      const skills = new Set<string>();
      const skillCount = int(2, 4);
      for (let k = 0; k < skillCount; k++) skills.add(pick(k % 2 === 0 ? TECHNOLOGIES : COMPETENCIES).slug);
      for (const s of [...skills].sort()) rel('NEEDS_SKILL', 'Role', role.id, 'Skill', `skill:${s}`, where());
    }
    // Hiring stages (interviewed by the family's first manager) and indicators.
    const stages = int(3, 5);
    for (let k = 1; k <= stages; k++) {
      const w = at(file, 'hiring-process');
      const id = `stage:${family.id}#${k}`;
      node(
        'HiringStage',
        id,
        {
          order: k,
          text: `Stage ${k}: ${pick(['screening call', 'technical interview', 'team interview', 'hiring manager interview', 'executive interview'])}`,
        },
        w,
        ['order'],
      );
      rel('HAS_STAGE', 'JobFamily', family.id, 'HiringStage', id, w);
      if (manager !== undefined && k > 1)
        rel('INTERVIEWED_BY', 'HiringStage', id, 'Role', roles[manager]!.id, w);
    }
    const kpis = int(1, 3);
    for (let k = 1; k <= kpis; k++) {
      const w = at(file, 'performance-indicators');
      const name = `${area} ${pick(['throughput', 'quality', 'satisfaction', 'cost efficiency', 'cycle time', 'retention'])} ${k}`;
      const id = `kpi:${family.id}#${slugify(name).slice(0, 80)}`;
      node(
        'PerformanceIndicator',
        id,
        {
          name,
          url: `https://handbook.example.com/kpis/${slugify(name)}`,
          text: `How well ${title}s do on ${name}.`,
        },
        w,
      );
      rel('MEASURED_BY', 'JobFamily', family.id, 'PerformanceIndicator', id, w);
    }
  }

  // Ladders crossing families: in a department with several families, a family's top IC may move on to the
  // Staff-or-above IC level of a sibling family, or its Senior IC to the sibling's first manager level.
  for (const dept of departments) {
    const fams = dept.families;
    if (fams.length < 2) continue;
    for (let i = 0; i < fams.length; i++) {
      if (random() >= 0.35) continue;
      const from = families[fams[i]!]!;
      const to = families[fams[(i + 1 + int(0, fams.length - 2)) % fams.length]!]!;
      if (from === to) continue;
      const top = from.ic[from.ic.length - 1]!;
      const target = to.ic.find((r) => roles[r]!.grade > roles[top]!.grade);
      const file = `${GENERATED_ROOT}${from.path}.md`;
      if (target !== undefined)
        rel('PROMOTES_TO', 'Role', roles[top]!.id, 'Role', roles[target]!.id, at(file, 'career-ladder'), {
          track: 'IC',
          trackReason: `stays IC: "${roles[target]!.title}" has no management title word`,
        });
      else {
        // Never a promotion to a lower grade: the first manager level above the top IC's grade, if any.
        const manager = to.mgmt.find((r) => roles[r]!.grade > roles[top]!.grade);
        if (manager !== undefined)
          rel('PROMOTES_TO', 'Role', roles[top]!.id, 'Role', roles[manager]!.id, at(file, 'career-ladder'), {
            track: 'MANAGEMENT',
            trackReason: `moves from IC to management: "${roles[manager]!.title}" is a manager title`,
          });
      }
    }
  }

  // Department heads: the top role of a department's first family; a family's top reports to the head of its
  // department, a head to the head of the nearest ancestor department, other top-level heads to the first.
  const topOf = (f: GenFamily): number =>
    f.mgmt.length > 0 ? f.mgmt[f.mgmt.length - 1]! : f.ic[f.ic.length - 1]!;
  const ownHead = departments.map((d) => (d.families.length > 0 ? topOf(families[d.families[0]!]!) : -1));
  const headAbove = (d: number): number => {
    for (let p = departments[d]!.parent; p >= 0; p = departments[p]!.parent)
      if (ownHead[p]! >= 0) return ownHead[p]!;
    return -1;
  };
  const ceo = ownHead.find((h) => h >= 0)!;
  departments.forEach((dept, d) => {
    for (const f of dept.families) {
      const top = topOf(families[f]!);
      if (top === ownHead[d]) {
        const above = headAbove(d);
        roles[top]!.reportsTo = above >= 0 ? above : top === ceo ? -1 : ceo;
      } else roles[top]!.reportsTo = ownHead[d]!;
    }
  });
  for (const role of roles) {
    if (role.reportsTo < 0) continue;
    const file = `${GENERATED_ROOT}${families[role.familyIndex]!.path}.md`;
    rel('REPORTS_TO', 'Role', role.id, 'Role', roles[role.reportsTo]!.id, at(file, slugify(role.title)));
  }

  // Teams: some families have specialties; their people are members of a team, others of the department.
  const teamsOf = families.map((f) => {
    const count = random() < 0.4 ? int(1, 3) : 0;
    const ids: string[] = [];
    const file = `${GENERATED_ROOT}${f.path}.md`;
    for (let k = 1; k <= count; k++) {
      const name = `${pick(SUB_AREAS)} ${k}`;
      const id = `team:${slugify(f.path)}/${slugify(name)}`;
      if (ids.includes(id)) continue;
      ids.push(id);
      node(
        'Team',
        id,
        { slug: slugify(`${f.path}-${name}`), name: `${f.title}: ${name}` },
        at(file, 'specialties'),
      );
      rel('PART_OF', 'Team', id, 'JobFamily', f.id, at(file, 'specialties'));
    }
    return ids;
  });

  // People: every role on a reporting path gets a holder first (managers exist before their reports), then
  // the rest are spread by weight. A person's manager holds the role their role reports to.
  const holders: number[][] = roles.map(() => []);
  const holderRole: number[] = [];
  // Top of the reporting tree first, so a role's manager role always has a holder before it does.
  const depthOf = new Map<number, number>();
  const reportDepth = (r: number): number => {
    let d = depthOf.get(r);
    if (d === undefined) {
      d = roles[r]!.reportsTo < 0 ? 0 : 1 + reportDepth(roles[r]!.reportsTo);
      depthOf.set(r, d);
    }
    return d;
  };
  const order = roles
    .map((_, i) => ({ i, depth: reportDepth(i) }))
    .sort((a, b) => a.depth - b.depth || a.i - b.i)
    .map((x) => x.i);
  for (const r of order) if (holderRole.length < peopleTarget) holderRole.push(r);
  const cumulative: number[] = [];
  let total = 0;
  for (const r of roles) cumulative.push((total += r.weight));
  while (holderRole.length < peopleTarget) {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    holderRole.push(lo);
  }
  const personId = (p: number): string => `person:${slugify(personName(p))}-${p + 1}`;
  function personName(p: number): string {
    return `${FIRST_NAMES[(p * 7 + seed) % FIRST_NAMES.length]} ${LAST_NAMES[(p * 13 + (p >> 4)) % LAST_NAMES.length]}`;
  }
  holderRole.forEach((r, p) => {
    const role = roles[r]!;
    const family = families[role.familyIndex]!;
    const dept = departments[family.department]!;
    const file = `${GENERATED_ROOT}people/${dept.path}.yaml`;
    const id = personId(p);
    const name = personName(p);
    const w = at(file);
    node(
      'Person',
      id,
      { slug: id.slice('person:'.length), name, email: `${id.slice('person:'.length)}@example.com` },
      w,
    );
    rel('HOLDS', 'Person', id, 'Role', role.id, w);
    let up = role.reportsTo;
    while (up >= 0 && holders[up]!.length === 0) up = roles[up]!.reportsTo;
    if (up >= 0) {
      const candidates = holders[up]!;
      rel('MANAGED_BY', 'Person', id, 'Person', personId(candidates[p % candidates.length]!), at(file));
    }
    holders[r]!.push(p);
    const teams = teamsOf[role.familyIndex]!;
    if (teams.length > 0) rel('MEMBER_OF', 'Person', id, 'Team', teams[p % teams.length]!, at(file));
    else rel('MEMBER_OF', 'Person', id, 'Department', dept.id, at(file));
  });

  // The graph keeps one relationship per type, ends and source file (the writer MERGEs on that), so the
  // model does too: a requirement stated twice in one family page links to its skill once.
  const seenRel = new Set<string>();
  const relationships = rels.filter((r) => {
    const key = `${r.type}|${r.from}|${r.to}|${r.prov.sourcePath}`;
    if (seenRel.has(key)) return false;
    seenRel.add(key);
    return true;
  });
  return { nodes: [...nodes.values()], relationships };
}
