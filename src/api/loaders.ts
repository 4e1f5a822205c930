import DataLoader from 'dataloader';
import type { GraphDatabase } from '../graph/database.js';
import { loadBatch } from '../graph/batch.js';
import * as org from '../graph/queries/org.js';
import { EFFECTIVE_FACTS } from '../graph/queries/paths.js';
import type { RoleFacts } from '../graph/paths.js';
import * as roles from '../graph/queries/roles.js';
import {
  sourceOf,
  fromValues,
  toRoleFacts,
  toFetchedRole,
  toDepartment,
  toHiringStage,
  toJobFamily,
  toPerformanceIndicator,
  toPerson,
  toRole,
  toSkill,
  toTeam,
  type GradeRecord,
  type PromotionRecord,
  type JobFamilyRecord,
  type RoleFactRecord,
  type RoleRecord,
} from '../graph/records.js';

type NodeValue = { properties: Record<string, unknown> };

function loader<V>(db: GraphDatabase, cypher: string, map: (row: Record<string, unknown>) => V, empty: V) {
  return new DataLoader<string, V>((keys) => loadBatch(db, cypher, keys, map, empty));
}

function many<V>(db: GraphDatabase, cypher: string, map: (node: Record<string, unknown>) => V) {
  return loader<V[]>(db, cypher, (row) => (row.items as NodeValue[]).map((n) => map(n.properties)), []);
}

function one<V>(db: GraphDatabase, cypher: string, map: (node: Record<string, unknown>) => V) {
  return loader<V | null>(
    db,
    cypher,
    (row) => (row.item ? map((row.item as NodeValue).properties) : null),
    null,
  );
}

/** Beyond any real list; LIMIT needs a number, and "all" is no limit. */
export const ALL = 1_000_000;

/** Which of a role's own fact lists to fetch along, and whether with their provenance. */
export type RoleFactOptions = {
  withResponsibilities: boolean;
  withRequirements: boolean;
  factSources: boolean;
};

/** What a role list fetches: at most `rolesFirst` roles, the properties `roleProps`, and facts when selected. */
export type RoleListOptions = RoleFactOptions & {
  rolesFirst: number;
  roleProps: string[];
};

/** What a family list fetches: at most `first` families with `familyProps`, and their roles when selected. */
export type FamilyListOptions = RoleListOptions & {
  first: number;
  familyProps: string[];
  withRoles: boolean;
};

/** Options in key order, so equal options written in another order compare equal. */
export function signature(options: Record<string, unknown>): string {
  return JSON.stringify(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)));
}

/** A key with the options its query takes as parameters; keys with equal options share one batch. */
export interface Keyed<O> {
  id: string;
  options: O;
}

/**
 * A loader whose query depends on per-request options (limits, properties, what to fetch along): they are
 * part of the cache key, and keys are batched per distinct options, one round-trip each.
 */
function optionsLoader<O extends Record<string, unknown>, V>(
  db: GraphDatabase,
  cypher: string,
  map: (row: Record<string, unknown>, options: O) => V,
  empty: V,
  fixed: Record<string, unknown> = {},
) {
  const cacheKey = (key: Keyed<O>) => `${key.id}|${signature(key.options)}`;
  return new DataLoader<Keyed<O>, V, string>(
    async (keys) => {
      const groups = new Map<string, { options: O; ids: string[] }>();
      for (const key of keys) {
        const group = groups.get(signature(key.options)) ?? { options: key.options, ids: [] };
        group.ids.push(key.id);
        groups.set(signature(key.options), group);
      }
      const results = new Map<string, V>();
      await Promise.all(
        [...groups.values()].map(async ({ options, ids }) => {
          const values = await loadBatch(db, cypher, ids, (row) => map(row, options), empty, {
            ...fixed,
            ...options,
          });
          ids.forEach((id, i) => results.set(cacheKey({ id, options }), values[i]!));
        }),
      );
      return keys.map((key) => results.get(cacheKey(key)) ?? empty);
    },
    { cacheKeyFn: cacheKey },
  );
}

/** Own facts of roles; keyed with whether their provenance was fetched. */
function factsLoader(db: GraphDatabase, cypher: string) {
  return optionsLoader<{ factSources: boolean }, RoleFactRecord[]>(
    db,
    cypher,
    (row) => toRoleFacts(row.items),
    [],
    { withResponsibilities: true, withRequirements: true },
  );
}

function facts(row: Record<string, unknown>): RoleFactRecord[] {
  return toRoleFacts(row.items);
}

const fetchedRoles = (items: unknown, options: RoleListOptions) =>
  (items as unknown[]).map((item) => toFetchedRole(item, options, options.roleProps));

function promotions(row: Record<string, unknown>): PromotionRecord[] {
  return (row.items as { from: string; to: string; rel: Record<string, unknown> }[]).map((item) => ({
    fromId: item.from,
    toId: item.to,
    track: item.rel.track === 'MANAGEMENT' ? 'MANAGEMENT' : 'IC',
    trackReason: typeof item.rel.trackReason === 'string' ? item.rel.trackReason : null,
    source: sourceOf(item.rel),
  }));
}

/**
 * The DataLoaders of one request. Each batches every key asked for in one tick into one named Cypher query,
 * so a nested selection costs one round-trip per level, not one per row.
 */
export function createLoaders(db: GraphDatabase) {
  const loaders = {
    role: one(db, roles.ROLES_BY_ID, toRole),
    ownResponsibilities: factsLoader(db, roles.OWN_RESPONSIBILITIES),
    ownRequirements: factsLoader(db, roles.OWN_REQUIREMENTS),
    inheritedResponsibilities: loader(db, roles.INHERITED_RESPONSIBILITIES, facts, []),
    inheritedRequirements: loader(db, roles.INHERITED_REQUIREMENTS, facts, []),
    roleSkills: many(db, roles.ROLE_SKILLS, toSkill),
    /** Own and inherited requirements, responsibilities and skills, for gaps between roles. */
    effectiveFacts: loader<RoleFacts>(db, EFFECTIVE_FACTS, (row) => row.facts as RoleFacts, {
      requirements: [],
      responsibilities: [],
      skills: [],
    }),
    reportsTo: loader(
      db,
      roles.REPORTS_TO,
      (row) => {
        const item = row.item as { role: NodeValue; rel: Record<string, unknown> } | null;
        return item ? { role: toRole(item.role.properties), source: sourceOf(item.rel) } : null;
      },
      null,
    ),
    directReports: many(db, roles.DIRECT_REPORTS, toRole),
    promotesTo: loader(db, roles.PROMOTES_TO, promotions, []),
    promotedFrom: loader(db, roles.PROMOTED_FROM, promotions, []),
    extends: one(db, roles.EXTENDS, toRole),
    extendedBy: many(db, roles.EXTENDED_BY, toRole),
    roleFamily: one(db, roles.ROLE_FAMILY, toJobFamily),
    roleDepartment: one(db, roles.ROLE_DEPARTMENT, toDepartment),
    roleTeams: many(db, roles.ROLE_TEAMS, toTeam),
    roleHolders: many(db, roles.ROLE_HOLDERS, toPerson),
    department: one(db, org.DEPARTMENTS_BY_ID, toDepartment),
    departmentParent: one(db, org.DEPARTMENT_PARENT, toDepartment),
    subDepartments: many(db, org.SUB_DEPARTMENTS, toDepartment),
    /** Families of departments, with their roles (and those roles' facts) when the request selects them. */
    departmentFamilies: optionsLoader<FamilyListOptions, JobFamilyRecord[]>(
      db,
      org.DEPARTMENT_FAMILIES,
      (row, { first: _first, familyProps, withRoles, ...roleOptions }) =>
        (row.items as { family: unknown[]; roles: unknown[] }[]).map((item) => ({
          ...toJobFamily(fromValues(familyProps, item.family)),
          fetchedRoles: withRoles
            ? { options: signature(roleOptions), roles: fetchedRoles(item.roles, roleOptions) }
            : undefined,
        })),
      [],
    ),
    departmentTeams: many(db, org.DEPARTMENT_TEAMS, toTeam),
    family: one(db, org.FAMILIES_BY_ID, toJobFamily),
    familyDepartment: one(db, org.FAMILY_DEPARTMENT, toDepartment),
    familyRoles: optionsLoader<RoleListOptions, RoleRecord[]>(
      db,
      org.FAMILY_ROLES,
      (row, options) => fetchedRoles(row.items, options),
      [],
      { withRoles: true },
    ),
    familyTeams: many(db, org.FAMILY_TEAMS, toTeam),
    familyStages: many(db, org.FAMILY_STAGES, toHiringStage),
    familyIndicators: many(db, org.FAMILY_INDICATORS, toPerformanceIndicator),
    stageInterviewers: many(db, org.STAGE_INTERVIEWERS, toRole),
    teamRoles: many(db, org.TEAM_ROLES, toRole),
    teamParent: loader(
      db,
      org.TEAM_PARENT,
      (row) => row.item as { kind: 'Department' | 'JobFamily'; id: string } | null,
      null,
    ),
    team: one(db, org.TEAMS_BY_ID, toTeam),
    skill: one(db, org.SKILLS_BY_ID, toSkill),
    grade: loader(db, org.GRADES_BY_ID, (row) => (row.item as GradeRecord | null) ?? null, null),
    skillRoles: many(db, org.SKILL_ROLES, toRole),
    gradeRoles: many(db, org.GRADE_ROLES, toRole),
    person: one(db, org.PEOPLE_BY_ID, toPerson),
    personRoles: many(db, org.PERSON_ROLES, toRole),
    personManager: one(db, org.PERSON_MANAGER, toPerson),
    personReports: many(db, org.PERSON_REPORTS, toPerson),
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;
