/**
 * Fetching ahead: a resolver reads what the request selects below it (lookahead.ts) and asks its query to
 * bring that along, with only the properties selected (projection.ts). What came along travels on the
 * records (RoleRecord.fetched, JobFamilyRecord.fetchedRoles), so the next level resolves at once, without
 * another round-trip or a loader call.
 */
import type { GraphQLResolveInfo } from 'graphql';
import {
  toFetchedRole,
  type JobFamilyRecord,
  type RoleFactRecord,
  type RoleRecord,
} from '../graph/records.js';
import type { ApiContext } from './context.js';
import {
  ALL,
  signature,
  type FamilyListOptions,
  type Loaders,
  type RoleFactOptions,
  type RoleListOptions,
} from './loaders.js';
import { Lookahead } from './lookahead.js';
import { familyProperties, roleProperties } from './projection.js';

/** Which of a role's own fact lists the selection below a role (or role list) asks for. */
export function roleFactsSelected(lookahead: Lookahead): RoleFactOptions {
  const responsibilities = lookahead.field('Role', 'responsibilities');
  const requirements = lookahead.field('Role', 'requirements');
  const sourceOf = (facts: { lookahead: Lookahead } | null) =>
    facts?.lookahead.fields().has('source') ?? false;
  return {
    withResponsibilities: responsibilities !== null,
    withRequirements: requirements !== null,
    // Both lists share the flag; one asking for sources fetches them for both.
    factSources: sourceOf(responsibilities) || sourceOf(requirements),
  };
}

/** Options of a role list (JobFamily.roles) from its `first` argument and its selection. */
export function roleListOptions(first: number | null | undefined, lookahead: Lookahead): RoleListOptions {
  return {
    rolesFirst: first ?? ALL,
    roleProps: roleProperties(lookahead.fields()),
    ...roleFactsSelected(lookahead),
  };
}

const NO_ROLES: RoleListOptions = {
  rolesFirst: 0,
  roleProps: [],
  withResponsibilities: false,
  withRequirements: false,
  factSources: false,
};

/** Options of a family list (Department.families): its roles come along when the selection has them. */
export function familyListOptions(
  first: number | null | undefined,
  info: GraphQLResolveInfo,
): FamilyListOptions {
  const lookahead = Lookahead.of(info);
  const roles = lookahead.field('JobFamily', 'roles');
  return {
    first: first ?? ALL,
    familyProps: familyProperties(lookahead.fields()),
    withRoles: roles !== null,
    ...(roles ? roleListOptions(roles.args.first as number | null | undefined, roles.lookahead) : NO_ROLES),
  };
}

/** One single-role query (ROLE_BY_ID, ROLE_BY_SLUG, ROLES_BY_TITLE) with the facts the selection needs. */
export async function lookUpRole(
  { db, loaders }: ApiContext,
  info: GraphQLResolveInfo,
  cypher: string,
  params: Record<string, unknown>,
): Promise<RoleRecord | null> {
  const facts = roleFactsSelected(Lookahead.of(info));
  const [row] = await db.query<{ item: unknown }>(cypher, { ...params, ...facts });
  if (!row) return null;
  const role = toFetchedRole(row.item, facts);
  loaders.role.prime(role.id, role);
  return role;
}

/** A department's families (Department.families); their roles come along when the request selects them. */
export function loadDepartmentFamilies(
  loaders: Loaders,
  departmentId: string,
  first: number | null | undefined,
  info: GraphQLResolveInfo,
): Promise<JobFamilyRecord[]> {
  return loaders.departmentFamilies.load({ id: departmentId, options: familyListOptions(first, info) });
}

/** A family's roles (JobFamily.roles): the ones fetched with the family when they match the selection. */
export function loadFamilyRoles(
  loaders: Loaders,
  family: JobFamilyRecord,
  first: number | null | undefined,
  info: GraphQLResolveInfo,
): RoleRecord[] | Promise<RoleRecord[]> {
  const lookahead = Lookahead.of(info);
  const { options, key } = lookahead.memo(`roles:${first ?? ''}`, () => {
    const computed = roleListOptions(first, lookahead);
    return { options: computed, key: signature(computed) };
  });
  if (family.fetchedRoles?.options === key) return family.fetchedRoles.roles;
  return loaders.familyRoles.load({ id: family.id, options });
}

/** A role's own responsibilities or requirements: the ones fetched with the role when they will do. */
export function loadOwnFacts(
  loaders: Loaders,
  role: RoleRecord,
  kind: 'responsibilities' | 'requirements',
  info: GraphQLResolveInfo,
): RoleFactRecord[] | Promise<RoleFactRecord[]> {
  const factSources = Lookahead.of(info).fields().has('source');
  const fetched = role.fetched?.[kind];
  if (fetched && (role.fetched!.withSources || !factSources)) return fetched;
  const loader = kind === 'responsibilities' ? loaders.ownResponsibilities : loaders.ownRequirements;
  return loader.load({ id: role.id, options: { factSources } });
}
