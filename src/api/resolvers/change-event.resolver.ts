import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { changes } from '../../graph/mutations.js';
import type { ApiContext } from '../context.js';
import { ChangesArgs } from '../inputs/path-args.js';
import { ChangeEvent } from '../types/changes.js';

@Resolver(() => ChangeEvent)
export class ChangeEventResolver {
  @Authorized('viewer')
  @Query(() => [ChangeEvent], { description: 'Audit records of changes made through the API, newest first.' })
  changes(@Args() args: ChangesArgs, @Ctx() { db }: ApiContext) {
    return changes(db, {
      since: args.since ? args.since.toISOString() : null,
      entity: args.entity ?? null,
      first: args.first,
    });
  }
}
