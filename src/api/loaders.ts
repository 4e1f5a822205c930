import DataLoader from 'dataloader';
import type { GraphDatabase } from '../graph/database.js';
import { loadBatch } from '../graph/batch.js';
import * as org from '../graph/queries/org.js';
import { EFFECTIVE_FACTS } from '../graph/queries/paths.js';
import type { RoleFacts } from '../graph/paths.js';
import * as roles from '../graph/queries/roles.js';
import {
  sourceOf,
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
  type RoleFactRecord,
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

function facts(row: Record<string, unknown>): RoleFactRecord[] {
  return (
    row.items as {
      id: string;
      text: string;
      order: number;
      rel: Record<string, unknown>;
      from: string | null;
    }[]
  ).map((item) => ({
    id: item.id,
    text: item.text,
    order: item.order,
    source: sourceOf(item.rel),
    inheritedFromId: item.from,
  }));
}

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
  return {
    role: one(db, roles.ROLES_BY_ID, toRole),
    ownResponsibilities: loader(db, roles.OWN_RESPONSIBILITIES, facts, []),
    ownRequirements: loader(db, roles.OWN_REQUIREMENTS, facts, []),
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
    departmentFamilies: many(db, org.DEPARTMENT_FAMILIES, toJobFamily),
    departmentTeams: many(db, org.DEPARTMENT_TEAMS, toTeam),
    family: one(db, org.FAMILIES_BY_ID, toJobFamily),
    familyDepartment: one(db, org.FAMILY_DEPARTMENT, toDepartment),
    familyRoles: many(db, org.FAMILY_ROLES, toRole),
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
}

export type Loaders = ReturnType<typeof createLoaders>;
