import { Field, Int, ObjectType } from 'type-graphql';
import { Severity } from './enums.js';
import { Source } from './source.js';

@ObjectType({
  simpleResolvers: true,
  description: 'A lint finding over the stored graph (the same checks as `orgraph lint`).',
})
export class Finding {
  @Field({ description: 'Check code, e.g. BROKEN_LINK, REPORTS_TO_CYCLE, PROMOTION_TO_LOWER_GRADE.' })
  code!: string;

  @Field(() => Severity, { description: 'How serious it is.' })
  severity!: Severity;

  @Field({ description: 'What is wrong, in words.' })
  message!: string;

  roleId!: string | null;

  @Field(() => Source, { description: 'Where the offending fact comes from.' })
  source!: Source;

  @Field(() => Int, { nullable: true, description: 'Line of the source, for convenience.' })
  line!: number | null;
}
