import { Directive, Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { Source } from './source.js';

@ObjectType({
  simpleResolvers: true,
  description: 'A department; departments nest through parent and subDepartments.',
})
@Directive('@key(fields: "id")')
export class Department {
  @Field(() => ID, { description: 'Stable id, e.g. department:security.' })
  id!: string;

  @Field({ description: 'URL-friendly name.' })
  slug!: string;

  @Field({ description: 'Display name.' })
  name!: string;

  @Field(() => Source, { description: 'Where the department was first defined.' })
  source!: Source;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A team or specialty (e.g. Distribution in Backend Engineering).',
})
@Directive('@key(fields: "id")')
export class Team {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field({ description: 'URL-friendly name.' })
  slug!: string;

  @Field({ description: 'Display name.' })
  name!: string;

  @Field(() => Source, { description: 'Where the team is described.' })
  source!: Source;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A job family: one handbook page (or section) describing a ladder of roles.',
})
@Directive('@key(fields: "id")')
export class JobFamily {
  @Field(() => ID, { description: 'Stable id, e.g. family:security/infrastructure-security.' })
  id!: string;

  @Field({ description: 'URL-friendly name.' })
  slug!: string;

  @Field({ description: 'Title of the family.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Introductory text of the family page.' })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'Handbook URL of the page.' })
  url!: string | null;

  @Field(() => Source, { description: 'The handbook page.' })
  source!: Source;
}

@ObjectType({ simpleResolvers: true, description: 'A job grade.' })
@Directive('@key(fields: "id")')
export class Grade {
  @Field(() => ID, { description: 'Stable id, e.g. grade:8.' })
  id!: string;

  @Field(() => Int, { description: 'The grade number.' })
  value!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A skill or technology tagged from requirement text through the documented vocabulary.',
})
@Directive('@key(fields: "id")')
export class Skill {
  @Field(() => ID, { description: 'Stable id, e.g. skill:kubernetes.' })
  id!: string;

  @Field({ description: 'URL-friendly name.' })
  slug!: string;

  @Field({ description: 'Display name.' })
  name!: string;

  @Field({ description: 'technology or competency.' })
  kind!: string;
}

@InterfaceType({ description: 'A text fact a role states: a responsibility or a requirement.' })
export abstract class RoleFact {
  @Field(() => ID, { description: 'Stable id (hash of the normalised text); the same text is one node.' })
  id!: string;

  @Field({ description: 'The text.' })
  text!: string;

  @Field(() => Int, { description: 'Position in the list on the page.' })
  order!: number;

  @Field(() => Source, { description: 'Where the role states it.' })
  source!: Source;

  inheritedFromId!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A responsibility of a role, own or inherited from the level it extends.',
  implements: RoleFact,
})
export class Responsibility extends RoleFact {}

@ObjectType({
  simpleResolvers: true,
  description: 'A requirement of a role, own or inherited from the level it extends.',
  implements: RoleFact,
})
export class Requirement extends RoleFact {}

@ObjectType({ simpleResolvers: true, description: 'A stage of a job family hiring process.' })
export class HiringStage {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => Int, { description: 'Order in the process, from 1.' })
  order!: number;

  @Field({ description: 'What happens in this stage.' })
  text!: string;

  @Field(() => Source, { description: 'Where the stage is described.' })
  source!: Source;
}

@ObjectType({ simpleResolvers: true, description: 'A performance indicator of a job family.' })
export class PerformanceIndicator {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field({ description: 'Name of the indicator.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Link to its definition.' })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'Text around it on the page.' })
  text!: string | null;

  @Field(() => Source, { description: 'Where it is listed.' })
  source!: Source;
}

@ObjectType({ simpleResolvers: true, description: 'A person holding a role (when people are imported).' })
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field({ description: 'URL-friendly name.' })
  slug!: string;

  @Field({ description: 'Full name.' })
  name!: string;

  email!: string | null;

  @Field(() => Source, { description: 'Where the person was imported from.' })
  source!: Source;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A promotion edge between two roles, as the handbook ladder draws it.',
})
export class Promotion {
  fromId!: string;
  toId!: string;

  @Field(() => String, { description: 'IC or MANAGEMENT.' })
  track!: string;

  @Field(() => String, { nullable: true, description: 'Why the track was inferred as it was.' })
  trackReason!: string | null;

  @Field(() => Source, { description: 'The ladder line or mutation that set this edge.' })
  source!: Source;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A reporting line: whom a role reports to, and where the handbook says so.',
})
export class ReportingLine {
  managerId!: string;

  @Field(() => Source, { description: 'The sentence that states the reporting line.' })
  source!: Source;
}
