import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description: 'Where a fact came from: the handbook file and line, or a mutation (path null).',
})
export class Source {
  @Field(() => String, {
    nullable: true,
    description: 'File path relative to the import root, e.g. security/infrastructure-security.md.',
  })
  path!: string | null;

  @Field(() => Int, { nullable: true, description: '1-based line in that file.' })
  line!: number | null;

  @Field(() => String, { nullable: true, description: 'URL anchor of the section, when there is one.' })
  anchor!: string | null;

  @Field(() => String, { nullable: true, description: 'The import run that last changed this fact.' })
  importRun!: string | null;

  @Field(() => String, { nullable: true, description: '"path:line", the form the CLI reports.' })
  location?: string | null;
}
