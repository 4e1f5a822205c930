import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import {
  careerPath,
  careerPaths,
  commonManager,
  gapBetween,
  nextRoles,
  reportingChain,
  roleGap,
  type GapRecord,
  type RouteRecord,
  type RouteResult,
  type StepRecord,
} from '../../graph/paths.js';
import type { ApiContext } from '../context.js';
import { Lookahead } from '../lookahead.js';
import { roleProperties } from '../projection.js';
import { CareerPathArgs, CareerPathsArgs, RoleGapArgs } from '../inputs/path-args.js';
import { withLocation } from '../source.js';
import {
  CareerPathResult,
  CareerRoute,
  CareerStep,
  NextRole,
  ReportingChain,
  RoleGap,
} from '../types/paths.js';
import { Role } from '../types/role.js';
import { Source } from '../types/source.js';

function result(route: RouteResult) {
  return { ...route, route: route.routes[0] ?? null };
}

@Resolver(() => CareerPathResult)
export class CareerPathResolver {
  @Query(() => CareerPathResult, {
    description:
      'The shortest route along promotions from one role to another, each step with its grade change, what it ' +
      'adds and the ladder line it comes from. When there is none, says so and lists the closest reachable roles.',
  })
  async careerPath(@Args() args: CareerPathArgs, @Ctx() { db, loaders }: ApiContext) {
    const route = await careerPath(db, args.from, args.to, args.track, args.maxSteps);
    for (const role of route.roles ?? []) loaders.role.prime(role.id, role);
    return result(route);
  }

  @Query(() => CareerPathResult, {
    description:
      'Up to k alternative routes, ranked by steps, then fewer lateral moves, then more shared skills. With ' +
      'allowLateral, a step may also move to a role of another family at the same grade sharing at least two skills.',
  })
  async careerPaths(@Args() args: CareerPathsArgs, @Ctx() { db }: ApiContext) {
    return result(
      await careerPaths(db, args.from, args.to, {
        k: args.k,
        track: args.track,
        maxSteps: args.maxSteps,
        allowLateral: args.allowLateral,
      }),
    );
  }

  @Query(() => [NextRole], {
    description: 'Promotions and lateral options from a role, with what each requires beyond it.',
  })
  nextRoles(@Arg('role', () => ID, { description: 'Role id.' }) role: string, @Ctx() { db }: ApiContext) {
    return nextRoles(db, role);
  }

  @Query(() => RoleGap, {
    description:
      'Requirements, responsibilities and skills of `to` that `from` lacks, inheritance taken into account.',
  })
  roleGap(@Args() args: RoleGapArgs, @Ctx() { db }: ApiContext): Promise<GapRecord> {
    return roleGap(db, args.from, args.to);
  }

  @Query(() => ReportingChain, {
    nullable: true,
    description: 'The role and the roles it reports to, up to the top.',
  })
  async reportingChain(
    @Arg('role', () => ID, { description: 'Role id.' }) role: string,
    @Ctx() { db }: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const selection = Lookahead.of(info);
    const roles = selection.field('ReportingChain', 'roles');
    const chain = await reportingChain(db, role, {
      roleProps: roleProperties(roles?.lookahead.fields() ?? new Set()),
      withSources: selection.fields().has('sources'),
    });
    return chain ? { ...chain, sources: chain.sources.map(withLocation) } : null;
  }

  @Query(() => Role, {
    nullable: true,
    description:
      'The lowest role both roles report to, directly or indirectly (one of them when it manages the other).',
  })
  commonManager(
    @Arg('a', () => ID, { description: 'Role id.' }) a: string,
    @Arg('b', () => ID, { description: 'Role id.' }) b: string,
    @Ctx() { db }: ApiContext,
  ) {
    return commonManager(db, a, b);
  }
}

@Resolver(() => CareerRoute)
export class CareerRouteResolver {
  @FieldResolver(() => [Role], { description: 'The roles along the route, start and target included.' })
  roles(@Root() route: RouteRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.role.loadMany(route.roleIds);
  }
}

@Resolver(() => CareerStep)
export class CareerStepResolver {
  @FieldResolver(() => Role, { description: 'The role the step starts from.' })
  from(@Root() step: StepRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.role.load(step.fromId);
  }

  @FieldResolver(() => Role, { description: 'The role the step leads to.' })
  to(@Root() step: StepRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.role.load(step.toId);
  }

  @FieldResolver(() => Source, {
    description: 'The ladder line the edge comes from (empty for lateral moves).',
  })
  source(@Root() step: StepRecord) {
    return withLocation(step.source);
  }

  @FieldResolver(() => RoleGap, {
    description: 'Requirements, responsibilities and skills this step adds (computed only when asked for).',
  })
  async adds(@Root() step: StepRecord, @Ctx() { loaders }: ApiContext): Promise<GapRecord> {
    const [from, to] = await Promise.all([
      loaders.effectiveFacts.load(step.fromId),
      loaders.effectiveFacts.load(step.toId),
    ]);
    return gapBetween(step.fromId, step.toId, from, to);
  }
}

@Resolver(() => RoleGap)
export class RoleGapResolver {
  @FieldResolver(() => Role, { nullable: true, description: 'The role one has.' })
  from(@Root() gap: GapRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.role.load(gap.fromId);
  }

  @FieldResolver(() => Role, { nullable: true, description: 'The role one wants.' })
  to(@Root() gap: GapRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.role.load(gap.toId);
  }
}

@Resolver(() => NextRole)
export class NextRoleResolver {
  @FieldResolver(() => Source, { description: 'Where the promotion is drawn.' })
  source(@Root() next: { source: Parameters<typeof withLocation>[0] }) {
    return withLocation(next.source);
  }
}
