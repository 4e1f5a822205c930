import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { SKILLS } from '../../graph/queries/org.js';
import { toSkill, type SkillRecord } from '../../graph/records.js';
import type { ApiContext } from '../context.js';
import { Skill } from '../types/org.js';
import { Role } from '../types/role.js';

@Resolver(() => Skill)
export class SkillResolver {
  @Query(() => [Skill], { description: 'Every skill of the vocabulary that some role needs, by name.' })
  async skills(@Ctx() { db }: ApiContext): Promise<SkillRecord[]> {
    const rows = await db.query<{ s: { properties: Record<string, unknown> } }>(SKILLS);
    return rows.map((row) => toSkill(row.s.properties));
  }

  @FieldResolver(() => [Role], { description: 'Roles needing this skill.' })
  roles(@Root() skill: SkillRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.skillRoles.load(skill.id);
  }
}
