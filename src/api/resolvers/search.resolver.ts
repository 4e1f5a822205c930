import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { search } from '../../graph/search.js';
import type { ApiContext } from '../context.js';
import { SearchArgs } from '../inputs/path-args.js';
import { SearchHit } from '../types/search.js';

@Resolver(() => SearchHit)
export class SearchResolver {
  @Query(() => [SearchHit], {
    description:
      'Full-text search over role, family and department titles, responsibilities and requirements, ranked.',
  })
  search(@Args() args: SearchArgs, @Ctx() { db }: ApiContext) {
    return search(db, args.text, args.first);
  }
}
