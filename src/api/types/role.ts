import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Track } from './enums.js';
import { Source } from './source.js';

@ObjectType({
  simpleResolvers: true,
  description: 'A role: one level inside a job family, e.g. "Senior Infrastructure Security Engineer".',
})
@Directive('@key(fields: "id")')
export class Role {
  @Field(() => ID, {
    description:
      'Stable id derived from the source, e.g. role:security/infrastructure-security#senior-infrastructure-security-engineer.',
  })
  id!: string;

  @Field({ description: 'URL-friendly name, unique among roles.' })
  slug!: string;

  @Field({ description: 'Title as the handbook heading gives it.' })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Level name within the family (Intermediate, Senior, Staff, Manager...).',
  })
  level!: string | null;

  @Field(() => Int, { nullable: true, description: 'Job grade, when the handbook states one.' })
  grade!: number | null;

  @Field(() => Track, { nullable: true, description: 'Track of the role, when known.' })
  track!: Track | null;

  @Field({ description: 'False for placeholder roles created for references that resolved to nothing.' })
  described!: boolean;

  @Field(() => [String], { description: 'Other names the same role goes by (mermaid labels, link texts).' })
  aliases!: string[];

  @Field(() => String, { nullable: true, description: 'Short description of the level.' })
  summary!: string | null;

  @Field(() => Source, { description: 'Where the role is defined.' })
  source!: Source;
}
