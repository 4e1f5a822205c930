import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { fetchPage } from '../../graph/pagination.js';
import {
  ROLE_BY_ID,
  ROLE_BY_SLUG,
  ROLE_ORDER_KEYS,
  ROLES_BY_TITLE,
  rolePageQuery,
} from '../../graph/queries/roles.js';
import { toRole, type RoleRecord } from '../../graph/records.js';
import type { ApiContext } from '../context.js';
import { RolesArgs } from '../inputs/connection-args.js';
import { connection } from '../connection.js';
import { RoleConnection } from '../types/connection.js';
import {
  Department,
  JobFamily,
  Person,
  Promotion,
  Requirement,
  Responsibility,
  Skill,
  Team,
} from '../types/org.js';
import { Role } from '../types/role.js';
import { Source } from '../types/source.js';
import { withLocation } from '../source.js';
import { Lookahead } from '../lookahead.js';
import { loadOwnFacts, lookUpRole, roleFactsSelected } from '../prefetch.js';

@Resolver(() => Role)
export class RoleResolver {
  @Query(() => Role, { nullable: true, description: 'A role by id.' })
  async role(
    @Arg('id', () => ID) id: string,
    @Ctx() context: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RoleRecord | null> {
    const facts = roleFactsSelected(Lookahead.of(info));
    if (!facts.withResponsibilities && !facts.withRequirements) return context.loaders.role.load(id);
    return lookUpRole(context, info, ROLE_BY_ID, { id });
  }

  @Query(() => Role, { nullable: true, description: 'A role by slug.' })
  roleBySlug(
    @Arg('slug') slug: string,
    @Ctx() context: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RoleRecord | null> {
    return lookUpRole(context, info, ROLE_BY_SLUG, { slug });
  }

  @Query(() => Role, {
    nullable: true,
    description: 'A role by exact title (case-insensitive), or by one of its aliases; described roles first.',
  })
  roleByTitle(
    @Arg('title') title: string,
    @Ctx() context: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RoleRecord | null> {
    return lookUpRole(context, info, ROLES_BY_TITLE, { title });
  }

  @Query(() => RoleConnection, { description: 'Roles, filtered and ordered, as a Relay connection.' })
  async roles(@Args() args: RolesArgs, @Ctx() { db }: ApiContext) {
    const filter = args.filter ?? {};
    const page = await fetchPage(
      db,
      rolePageQuery(ROLE_ORDER_KEYS[args.orderBy]),
      {
        described: filter.described ?? null,
        gradeMin: filter.gradeMin ?? null,
        gradeMax: filter.gradeMax ?? null,
        family: filter.family ?? null,
        department: filter.department ?? null,
        track: filter.track ?? null,
        skill: filter.skill ?? null,
      },
      args,
      20,
      toRole,
    );
    return connection(page);
  }

  @FieldResolver(() => Source, { description: 'Where the role is defined.' })
  source(@Root() role: RoleRecord): Source {
    return withLocation(role.source);
  }

  @FieldResolver(() => JobFamily, { nullable: true, description: 'The job family the role belongs to.' })
  family(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.roleFamily.load(role.id);
  }

  @FieldResolver(() => Department, {
    nullable: true,
    description: 'The department of the role (directly or via its family).',
  })
  department(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.roleDepartment.load(role.id);
  }

  @FieldResolver(() => [Team], { description: 'Teams or specialties the role belongs to.' })
  teams(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.roleTeams.load(role.id);
  }

  @FieldResolver(() => [Responsibility], { description: 'Responsibilities the role states itself.' })
  responsibilities(
    @Root() role: RoleRecord,
    @Ctx() { loaders }: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return loadOwnFacts(loaders, role, 'responsibilities', info);
  }

  @FieldResolver(() => [Responsibility], {
    description:
      'Responsibilities inherited from the levels this role extends (not repeated in responsibilities).',
  })
  inheritedResponsibilities(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.inheritedResponsibilities.load(role.id);
  }

  @FieldResolver(() => [Requirement], { description: 'Requirements the role states itself.' })
  requirements(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext, @Info() info: GraphQLResolveInfo) {
    return loadOwnFacts(loaders, role, 'requirements', info);
  }

  @FieldResolver(() => [Requirement], {
    description: 'Requirements inherited from the levels this role extends (not repeated in requirements).',
  })
  inheritedRequirements(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.inheritedRequirements.load(role.id);
  }

  @FieldResolver(() => [Skill], { description: 'Skills the role needs, own and inherited.' })
  skills(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.roleSkills.load(role.id);
  }

  @FieldResolver(() => Role, { nullable: true, description: 'The role this one reports to.' })
  async reportsTo(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    return (await loaders.reportsTo.load(role.id))?.role ?? null;
  }

  @FieldResolver(() => Source, {
    nullable: true,
    description: 'The sentence that states whom the role reports to.',
  })
  async reportsToSource(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    const line = await loaders.reportsTo.load(role.id);
    return line ? withLocation(line.source) : null;
  }

  @FieldResolver(() => [Role], { description: 'Roles that report to this one.' })
  directReports(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.directReports.load(role.id);
  }

  @FieldResolver(() => [Promotion], { description: 'Promotions out of this role.' })
  promotesTo(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.promotesTo.load(role.id);
  }

  @FieldResolver(() => [Promotion], { description: 'Promotions into this role.' })
  promotedFrom(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.promotedFrom.load(role.id);
  }

  @FieldResolver(() => Role, { nullable: true, description: 'The level this role extends (inherits from).' })
  extends(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.extends.load(role.id);
  }

  @FieldResolver(() => [Role], { description: 'Levels that extend this role.' })
  extendedBy(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.extendedBy.load(role.id);
  }

  @FieldResolver(() => [Person], { description: 'People holding this role (when people are imported).' })
  holders(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.roleHolders.load(role.id);
  }

  @FieldResolver(() => Int, { description: 'How many people hold this role.' })
  async holderCount(@Root() role: RoleRecord, @Ctx() { loaders }: ApiContext) {
    return (await loaders.roleHolders.load(role.id)).length;
  }
}
