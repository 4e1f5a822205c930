import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { TEAM_BY_SLUG } from '../../graph/queries/org.js';
import { toTeam, type TeamRecord } from '../../graph/records.js';
import type { ApiContext } from '../context.js';
import { withLocation } from '../source.js';
import { Department, JobFamily, Team } from '../types/org.js';
import { Role } from '../types/role.js';
import { Source } from '../types/source.js';

@Resolver(() => Team)
export class TeamResolver {
  @Query(() => Team, { nullable: true, description: 'A team by slug or id.' })
  async team(@Arg('slug') slug: string, @Ctx() { db }: ApiContext): Promise<TeamRecord | null> {
    const [row] = await db.query<{ t: { properties: Record<string, unknown> } }>(TEAM_BY_SLUG, { slug });
    return row ? toTeam(row.t.properties) : null;
  }

  @FieldResolver(() => Source, { description: 'Where the team is described.' })
  source(@Root() team: TeamRecord) {
    return withLocation(team.source);
  }

  @FieldResolver(() => [Role], { description: 'Roles in this team or specialty.' })
  roles(@Root() team: TeamRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.teamRoles.load(team.id);
  }

  @FieldResolver(() => JobFamily, {
    nullable: true,
    description: 'The job family this specialty belongs to.',
  })
  async family(@Root() team: TeamRecord, @Ctx() { loaders }: ApiContext) {
    const parent = await loaders.teamParent.load(team.id);
    return parent?.kind === 'JobFamily' ? loaders.family.load(parent.id) : null;
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department this team belongs to.' })
  async department(@Root() team: TeamRecord, @Ctx() { loaders }: ApiContext) {
    const parent = await loaders.teamParent.load(team.id);
    return parent?.kind === 'Department' ? loaders.department.load(parent.id) : null;
  }
}
