import { Field, Float, ID, ObjectType } from 'type-graphql';
import { SearchHitKind } from './enums.js';
import { Role } from './role.js';

@ObjectType({ simpleResolvers: true, description: 'One full-text search hit, best first.' })
export class SearchHit {
  @Field(() => ID, { description: 'Id of the matching node.' })
  id!: string;

  @Field(() => SearchHitKind, { description: 'What matched.' })
  kind!: SearchHitKind;

  @Field(() => Float, { description: 'Relevance (higher is better); titles weigh more than sentences.' })
  score!: number;

  @Field({ description: 'Title of the hit (for sentences: the title of the role that states it).' })
  title!: string;

  @Field({ description: 'The matching text, cut around the first matching word.' })
  snippet!: string;

  @Field(() => Role, {
    nullable: true,
    description: 'The role hit, or the role stating the matching sentence.',
  })
  role!: Role | null;
}
