import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { search } from '../../graph/search.js';
import type { ApiContext } from '../context.js';
import { Lookahead } from '../lookahead.js';
import { roleProperties } from '../projection.js';
import { SearchArgs } from '../inputs/path-args.js';
import { SearchHit } from '../types/search.js';

@Resolver(() => SearchHit)
export class SearchResolver {
  @Query(() => [SearchHit], {
    description:
      'Full-text search over role, family and department titles, responsibilities and requirements, ranked.',
  })
  search(@Args() args: SearchArgs, @Ctx() { db }: ApiContext, @Info() info: GraphQLResolveInfo) {
    const role = Lookahead.of(info).field('SearchHit', 'role');
    return search(db, args.text, args.first, role ? roleProperties(role.lookahead.fields()) : []);
  }
}
