import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Info,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { upsertDepartment } from '../../graph/mutations.js';
import { slugify } from '../../ingest/text.js';
import { actorOf } from '../actor.js';
import { DepartmentInput } from '../inputs/mutation-inputs.js';
import { DepartmentPayload } from '../types/changes.js';
import { fetchPage } from '../../graph/pagination.js';
import { DEPARTMENT_BY_SLUG } from '../../graph/queries/org.js';
import { DEPARTMENT_PAGE } from '../../graph/queries/pages.js';
import { toDepartment, type DepartmentRecord } from '../../graph/records.js';
import { orgChart } from '../../graph/paths.js';
import type { ApiContext } from '../context.js';
import { connection } from '../connection.js';
import { DepartmentsArgs } from '../inputs/connection-args.js';
import { OrgChartArgs } from '../inputs/path-args.js';
import { withLocation } from '../source.js';
import { DepartmentConnection } from '../types/connection.js';
import { Department, JobFamily, Team } from '../types/org.js';
import { OrgChart } from '../types/paths.js';
import { Source } from '../types/source.js';
import { userError } from '../errors.js';
import { loadDepartmentFamilies } from '../prefetch.js';

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => Department, { nullable: true, description: 'A department by id.' })
  department(@Arg('id', () => ID) id: string, @Ctx() { loaders }: ApiContext) {
    return loaders.department.load(id);
  }

  @Query(() => Department, { nullable: true, description: 'A department by slug (or id).' })
  async departmentBySlug(
    @Arg('slug') slug: string,
    @Ctx() { db }: ApiContext,
  ): Promise<DepartmentRecord | null> {
    const [row] = await db.query<{ d: { properties: Record<string, unknown> } }>(DEPARTMENT_BY_SLUG, {
      slug,
    });
    return row ? toDepartment(row.d.properties) : null;
  }

  @Query(() => DepartmentConnection, { description: 'Departments ordered by name, as a Relay connection.' })
  async departments(@Args() args: DepartmentsArgs, @Ctx() { db }: ApiContext) {
    const page = await fetchPage(
      db,
      DEPARTMENT_PAGE,
      { parent: args.parent ?? null, topLevel: args.topLevel ?? null },
      args,
      20,
      toDepartment,
    );
    return connection(page);
  }

  @Query(() => OrgChart, {
    nullable: true,
    description:
      'The org chart under a department: sub-departments, job families, teams and roles, `depth` levels deep, ' +
      'as a flat list of nodes with parent ids and counts. Null when the department does not exist.',
  })
  async orgChart(@Args() args: OrgChartArgs, @Ctx() { db }: ApiContext) {
    const nodes = await orgChart(db, args.department, args.depth);
    if (!nodes) return null;
    return { root: nodes[0], nodes };
  }

  @Authorized('editor')
  @Mutation(() => DepartmentPayload, { description: 'Create a department, or update the one with this id.' })
  async upsertDepartment(@Arg('input') input: DepartmentInput, @Ctx() context: ApiContext) {
    const slug = input.slug ?? slugify(input.name);
    if (!slug) throw userError('name', 'must contain letters or digits');
    const { department, event } = await upsertDepartment(context.db, actorOf(context), {
      id: input.id ?? `department:${slug}`,
      slug,
      name: input.name,
      parentId: input.parent ?? null,
    });
    return { department, change: event };
  }

  @FieldResolver(() => Source, { description: 'Where the department was first defined.' })
  source(@Root() department: DepartmentRecord) {
    return withLocation(department.source);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department this one is part of.' })
  parent(@Root() department: DepartmentRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.departmentParent.load(department.id);
  }

  @FieldResolver(() => [Department], { description: 'Departments directly part of this one.' })
  subDepartments(@Root() department: DepartmentRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.subDepartments.load(department.id);
  }

  @FieldResolver(() => [JobFamily], {
    description: 'Job families directly in this department (at most `first`, default all).',
  })
  families(
    @Root() department: DepartmentRecord,
    @Ctx() { loaders }: ApiContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many.' }) first?: number,
  ) {
    if (first !== undefined && first !== null && (first < 0 || first > 100))
      throw userError('first', 'must be between 0 and 100');
    return loadDepartmentFamilies(loaders, department.id, first, info);
  }

  @FieldResolver(() => [Team], { description: 'Teams directly in this department.' })
  teams(@Root() department: DepartmentRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.departmentTeams.load(department.id);
  }
}
