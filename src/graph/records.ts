import type { Node, Relationship } from 'neo4j-driver';

/** Where a node or relationship came from: the handbook file and line, or a mutation (path null). */
export interface SourceRecord {
  path: string | null;
  line: number | null;
  anchor: string | null;
  importRun: string | null;
}

export interface RoleRecord {
  id: string;
  slug: string;
  title: string;
  level: string | null;
  grade: number | null;
  track: 'IC' | 'MANAGEMENT' | null;
  described: boolean;
  aliases: string[];
  summary: string | null;
  source: SourceRecord;
  /** Own facts the query that read the role brought along (see roleItem in queries/roles.ts). */
  fetched?: FetchedFacts;
}

/** Own facts fetched with a role: a list is null when it was not fetched. */
export interface FetchedFacts {
  responsibilities: RoleFactRecord[] | null;
  requirements: RoleFactRecord[] | null;
  /** Whether the facts carry their provenance (sources). */
  withSources: boolean;
}

export interface DepartmentRecord {
  id: string;
  slug: string;
  name: string;
  source: SourceRecord;
}

export interface TeamRecord {
  id: string;
  slug: string;
  name: string;
  source: SourceRecord;
}

export interface JobFamilyRecord {
  id: string;
  slug: string;
  title: string;
  description: string | null;
  url: string | null;
  source: SourceRecord;
  /** Roles the query that read the family brought along, and the options they were read with. */
  fetchedRoles?: { options: string; roles: RoleRecord[] };
}

/** A responsibility or requirement as it applies to one role: own, or inherited through EXTENDS. */
export interface RoleFactRecord {
  id: string;
  text: string;
  order: number;
  source: SourceRecord;
  /** The role that states it, when inherited. */
  inheritedFromId: string | null;
}

export interface SkillRecord {
  id: string;
  slug: string;
  name: string;
  kind: string;
}

export interface GradeRecord {
  id: string;
  value: number;
}

export interface HiringStageRecord {
  id: string;
  order: number;
  text: string;
  source: SourceRecord;
}

export interface PerformanceIndicatorRecord {
  id: string;
  name: string;
  url: string | null;
  text: string | null;
  source: SourceRecord;
}

export interface PersonRecord {
  id: string;
  slug: string;
  name: string;
  email: string | null;
  source: SourceRecord;
}

export interface PromotionRecord {
  fromId: string;
  toId: string;
  track: 'IC' | 'MANAGEMENT';
  trackReason: string | null;
  source: SourceRecord;
}

type Properties = Record<string, unknown>;

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function int(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** The source of something whose provenance was not read (shared: records are never mutated). */
const NO_SOURCE: SourceRecord = Object.freeze({ path: null, line: null, anchor: null, importRun: null });

/** Provenance stored on a node or relationship (see docs/graph-model.md). */
export function sourceOf(entity: Node | Relationship | Properties | null | undefined): SourceRecord {
  const p = (entity && 'properties' in entity ? entity.properties : entity) as Properties | undefined;
  // Lists of thousands of facts often come without provenance: one shared empty source, not thousands.
  if (!p || [p.sourcePath, p.sourceLine, p.sourceAnchor, p.importRun].every((v) => v === undefined))
    return NO_SOURCE;
  return {
    path: str(p?.sourcePath),
    line: int(p?.sourceLine),
    anchor: str(p?.sourceAnchor),
    importRun: str(p?.importRun),
  };
}

function props(node: Node | Properties): Properties {
  return ('properties' in node ? node.properties : node) as Properties;
}

/** Every property toRole reads, for queries that project roles (see queries/roles.ts). */
export const ROLE_PROPERTIES = [
  'id',
  'slug',
  'title',
  'level',
  'grade',
  'track',
  'described',
  'aliases',
  'summary',
  'sourcePath',
  'sourceLine',
  'sourceAnchor',
  'importRun',
] as const;

export function toRole(node: Node | Properties): RoleRecord {
  const p = props(node);
  const track = str(p.track);
  return {
    id: p.id as string,
    slug: (p.slug as string) ?? '',
    title: (p.title as string) ?? '',
    level: str(p.level),
    grade: int(p.grade),
    track: track === 'IC' || track === 'MANAGEMENT' ? track : null,
    described: p.described !== false,
    aliases: Array.isArray(p.aliases) ? (p.aliases as string[]) : [],
    summary: str(p.summary),
    source: sourceOf(p),
  };
}

export function toDepartment(node: Node | Properties): DepartmentRecord {
  const p = props(node);
  return {
    id: p.id as string,
    slug: (p.slug as string) ?? '',
    name: (p.name as string) ?? '',
    source: sourceOf(p),
  };
}

export function toTeam(node: Node | Properties): TeamRecord {
  const p = props(node);
  return {
    id: p.id as string,
    slug: (p.slug as string) ?? '',
    name: (p.name as string) ?? '',
    source: sourceOf(p),
  };
}

export function toJobFamily(node: Node | Properties): JobFamilyRecord {
  const p = props(node);
  return {
    id: p.id as string,
    slug: (p.slug as string) ?? '',
    title: (p.title as string) ?? '',
    description: str(p.description),
    url: str(p.url),
    source: sourceOf(p),
  };
}

export function toSkill(node: Node | Properties): SkillRecord {
  const p = props(node);
  return {
    id: p.id as string,
    slug: (p.slug as string) ?? '',
    name: (p.name as string) ?? '',
    kind: str(p.kind) ?? 'competency',
  };
}

export function toHiringStage(node: Node | Properties): HiringStageRecord {
  const p = props(node);
  return {
    id: p.id as string,
    order: int(p.order) ?? 0,
    text: (p.text as string) ?? '',
    source: sourceOf(p),
  };
}

export function toPerformanceIndicator(node: Node | Properties): PerformanceIndicatorRecord {
  const p = props(node);
  return {
    id: p.id as string,
    name: (p.name as string) ?? '',
    url: str(p.url),
    text: str(p.text),
    source: sourceOf(p),
  };
}

export function toPerson(node: Node | Properties): PersonRecord {
  const p = props(node);
  return {
    id: p.id as string,
    slug: (p.slug as string) ?? '',
    name: (p.name as string) ?? '',
    email: str(p.email),
    source: sourceOf(p),
  };
}

/**
 * Facts as the fact queries return them (see ownFactsOf in queries/roles.ts): tuples of id, text, order,
 * the id of the role it is inherited from, and the stating relationship's properties (null: not fetched).
 */
export function toRoleFacts(items: unknown): RoleFactRecord[] {
  return (items as [string, string, number, string | null, Properties | null][]).map(
    ([id, text, order, from, rel]) => ({
      id,
      text,
      order,
      source: sourceOf(rel),
      inheritedFromId: from,
    }),
  );
}

/** Properties sent as values in the order of `keys` (projected queries), back to a property map. */
export function fromValues(keys: readonly string[], values: unknown): Properties {
  const list = values as unknown[];
  const properties: Properties = {};
  keys.forEach((key, i) => {
    properties[key] = list[i];
  });
  return properties;
}

/**
 * A role item as a query returns it (roleItem in queries/roles.ts); `roleProps` are the keys of a projected
 * role, and `facts` says which fact lists were fetched (an unfetched one comes back empty).
 */
export function toFetchedRole(
  item: unknown,
  facts: { withResponsibilities: boolean; withRequirements: boolean; factSources: boolean },
  roleProps?: readonly string[],
): RoleRecord {
  const { role, responsibilities, requirements } = item as {
    role: Properties | unknown[];
    responsibilities: unknown[];
    requirements: unknown[];
  };
  const record = toRole(roleProps ? fromValues(roleProps, role) : (role as Properties));
  record.fetched = {
    responsibilities: facts.withResponsibilities ? toRoleFacts(responsibilities) : null,
    requirements: facts.withRequirements ? toRoleFacts(requirements) : null,
    withSources: facts.factSources,
  };
  return record;
}
