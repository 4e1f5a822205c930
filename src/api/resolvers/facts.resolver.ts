import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PromotionRecord, RoleFactRecord } from '../../graph/records.js';
import type { ApiContext } from '../context.js';
import { withLocation } from '../source.js';
import { Promotion, Requirement, Responsibility } from '../types/org.js';
import { Role } from '../types/role.js';
import { Source } from '../types/source.js';

/** Responsibilities and requirements resolve alike; one resolver class each, built from one definition. */
function roleFactResolver(type: typeof Responsibility | typeof Requirement) {
  @Resolver(() => type)
  class RoleFactResolver {
    @FieldResolver(() => Source, { description: 'Where the role states it.' })
    source(@Root() fact: RoleFactRecord) {
      return withLocation(fact.source);
    }

    @FieldResolver(() => Role, {
      nullable: true,
      description: 'The level it is inherited from; null when the role states it.',
    })
    inheritedFrom(@Root() fact: RoleFactRecord, @Ctx() { loaders }: ApiContext) {
      return fact.inheritedFromId ? loaders.role.load(fact.inheritedFromId) : null;
    }
  }
  return RoleFactResolver;
}

export const ResponsibilityResolver = roleFactResolver(Responsibility);
export const RequirementResolver = roleFactResolver(Requirement);

@Resolver(() => Promotion)
export class PromotionResolver {
  @FieldResolver(() => Source, { description: 'The ladder line or mutation that set this edge.' })
  source(@Root() promotion: PromotionRecord) {
    return withLocation(promotion.source);
  }

  @FieldResolver(() => Role, { description: 'The role promoted from.' })
  from(@Root() promotion: PromotionRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.role.load(promotion.fromId);
  }

  @FieldResolver(() => Role, { description: 'The role promoted to.' })
  to(@Root() promotion: PromotionRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.role.load(promotion.toId);
  }
}
