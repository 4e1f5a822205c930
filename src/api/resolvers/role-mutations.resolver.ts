import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import {
  deleteRole,
  linkPromotion,
  setReportsTo,
  unlinkPromotion,
  upsertRole,
} from '../../graph/mutations.js';
import { slugify } from '../../ingest/text.js';
import type { ApiContext } from '../context.js';
import { actorOf } from '../actor.js';
import { PromotionInput, RoleInput } from '../inputs/mutation-inputs.js';
import { DeleteRolePayload, PromotionPayload, RolePayload } from '../types/changes.js';
import { Role } from '../types/role.js';
import { userError } from '../errors.js';

/** Writes on roles and their edges. Every one needs the editor role and leaves a ChangeEvent. */
@Resolver(() => Role)
export class RoleMutationResolver {
  @Authorized('editor')
  @Mutation(() => RolePayload, { description: 'Create a role, or update the one with this id.' })
  async upsertRole(@Arg('input') input: RoleInput, @Ctx() context: ApiContext) {
    const slug = input.slug ?? slugify(input.title);
    if (!slug) throw userError('title', 'must contain letters or digits');
    const { role, event } = await upsertRole(context.db, actorOf(context), {
      id: input.id ?? `role:custom/${slug}`,
      slug,
      title: input.title,
      level: input.level ?? null,
      grade: input.grade ?? null,
      track: input.track ?? null,
      summary: input.summary ?? null,
      familyId: input.family ?? null,
    });
    return { role, change: event };
  }

  @Authorized('editor')
  @Mutation(() => PromotionPayload, { description: 'Add (or re-track) a promotion edge between two roles.' })
  async linkPromotion(@Arg('input') input: PromotionInput, @Ctx() context: ApiContext) {
    const result = await linkPromotion(context.db, actorOf(context), {
      fromId: input.from,
      toId: input.to,
      track: input.track,
      reason: input.reason ?? null,
    });
    return { fromId: result.fromId, toId: result.toId, linked: true, change: result.event };
  }

  @Authorized('editor')
  @Mutation(() => PromotionPayload, { description: 'Remove a promotion edge.' })
  async unlinkPromotion(
    @Arg('from', () => ID, { description: 'Id of the role promoted from.' }) from: string,
    @Arg('to', () => ID, { description: 'Id of the role promoted to.' }) to: string,
    @Ctx() context: ApiContext,
  ) {
    const result = await unlinkPromotion(context.db, actorOf(context), { fromId: from, toId: to });
    return { fromId: from, toId: to, linked: false, change: result.event };
  }

  @Authorized('editor')
  @Mutation(() => RolePayload, { description: 'Set whom a role reports to (null: nobody). Refuses cycles.' })
  async setReportsTo(
    @Arg('role', () => ID, { description: 'Role id.' }) role: string,
    @Arg('manager', () => ID, { nullable: true, description: 'Id of the role it reports to, or null.' })
    manager: string | null,
    @Ctx() context: ApiContext,
  ) {
    const result = await setReportsTo(context.db, actorOf(context), {
      roleId: role,
      managerId: manager ?? null,
    });
    return { role: result.role, change: result.event };
  }

  @Authorized('editor')
  @Mutation(() => DeleteRolePayload, {
    description:
      'Delete a role. Refuses while reports, promotions, extensions or holders depend on it, unless cascade.',
  })
  async deleteRole(
    @Arg('id', () => ID, { description: 'Role id.' }) id: string,
    @Arg('cascade', { defaultValue: false, description: 'Also remove the relationships that depend on it.' })
    cascade: boolean,
    @Ctx() context: ApiContext,
  ) {
    const result = await deleteRole(context.db, actorOf(context), { id, cascade });
    return {
      deleted: result.deleted,
      removedRelationships: result.removedRelationships,
      change: result.event,
    };
  }
}
