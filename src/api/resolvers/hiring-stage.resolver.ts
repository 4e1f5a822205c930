import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HiringStageRecord } from '../../graph/records.js';
import type { ApiContext } from '../context.js';
import { withLocation } from '../source.js';
import { HiringStage } from '../types/org.js';
import { Role } from '../types/role.js';
import { Source } from '../types/source.js';

@Resolver(() => HiringStage)
export class HiringStageResolver {
  @FieldResolver(() => Source, { description: 'Where the stage is described.' })
  source(@Root() stage: HiringStageRecord) {
    return withLocation(stage.source);
  }

  @FieldResolver(() => [Role], {
    description: 'Roles that interview in this stage, where the text names them.',
  })
  interviewers(@Root() stage: HiringStageRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.stageInterviewers.load(stage.id);
  }
}
