import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { fetchPage } from '../../graph/pagination.js';
import { FAMILY_BY_SLUG } from '../../graph/queries/org.js';
import { JOB_FAMILY_PAGE } from '../../graph/queries/pages.js';
import { toJobFamily, type JobFamilyRecord } from '../../graph/records.js';
import type { ApiContext } from '../context.js';
import { connection } from '../connection.js';
import { userError } from '../errors.js';
import { loadFamilyRoles } from '../prefetch.js';
import { JobFamiliesArgs } from '../inputs/connection-args.js';
import { withLocation } from '../source.js';
import { JobFamilyConnection } from '../types/connection.js';
import { Department, HiringStage, JobFamily, PerformanceIndicator, Team } from '../types/org.js';
import { Role } from '../types/role.js';
import { Source } from '../types/source.js';

@Resolver(() => JobFamily)
export class JobFamilyResolver {
  @Query(() => JobFamily, { nullable: true, description: 'A job family by id.' })
  jobFamily(@Arg('id', () => ID) id: string, @Ctx() { loaders }: ApiContext) {
    return loaders.family.load(id);
  }

  @Query(() => JobFamily, { nullable: true, description: 'A job family by slug (or id).' })
  async jobFamilyBySlug(
    @Arg('slug') slug: string,
    @Ctx() { db }: ApiContext,
  ): Promise<JobFamilyRecord | null> {
    const [row] = await db.query<{ f: { properties: Record<string, unknown> } }>(FAMILY_BY_SLUG, { slug });
    return row ? toJobFamily(row.f.properties) : null;
  }

  @Query(() => JobFamilyConnection, { description: 'Job families ordered by title, as a Relay connection.' })
  async jobFamilies(@Args() args: JobFamiliesArgs, @Ctx() { db }: ApiContext) {
    return connection(
      await fetchPage(db, JOB_FAMILY_PAGE, { department: args.department ?? null }, args, 20, toJobFamily),
    );
  }

  @FieldResolver(() => Source, { description: 'The handbook page.' })
  source(@Root() family: JobFamilyRecord) {
    return withLocation(family.source);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department of the family.' })
  department(@Root() family: JobFamilyRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.familyDepartment.load(family.id);
  }

  @FieldResolver(() => [Role], {
    description: 'Roles of the family by grade (at most `first`, default all).',
  })
  roles(
    @Root() family: JobFamilyRecord,
    @Ctx() { loaders }: ApiContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many.' }) first?: number,
  ) {
    if (first !== undefined && first !== null && (first < 0 || first > 100))
      throw userError('first', 'must be between 0 and 100');
    return loadFamilyRoles(loaders, family, first, info);
  }

  @FieldResolver(() => [Team], { description: 'Teams and specialties of the family.' })
  teams(@Root() family: JobFamilyRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.familyTeams.load(family.id);
  }

  @FieldResolver(() => [HiringStage], { description: 'Hiring process stages, in order.' })
  hiringStages(@Root() family: JobFamilyRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.familyStages.load(family.id);
  }

  @FieldResolver(() => [PerformanceIndicator], { description: 'Performance indicators of the family.' })
  performanceIndicators(@Root() family: JobFamilyRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.familyIndicators.load(family.id);
  }
}
