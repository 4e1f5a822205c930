import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { GRADES } from '../../graph/queries/org.js';
import type { GradeRecord } from '../../graph/records.js';
import type { ApiContext } from '../context.js';
import { Grade } from '../types/org.js';
import { Role } from '../types/role.js';

@Resolver(() => Grade)
export class GradeResolver {
  @Query(() => [Grade], { description: 'All job grades in use, lowest first.' })
  grades(@Ctx() { db }: ApiContext): Promise<GradeRecord[]> {
    return db.query<{ id: string; value: number }>(GRADES);
  }

  @FieldResolver(() => [Role], { description: 'Roles at this grade.' })
  roles(@Root() grade: GradeRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.gradeRoles.load(grade.id);
  }
}
