import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Department } from './org.js';
import { Role } from './role.js';

@ObjectType({
  simpleResolvers: true,
  description: 'An audit record: one change made through the API, written in the same transaction.',
})
export class ChangeEvent {
  @Field(() => ID, { description: 'Event id.' })
  id!: string;

  @Field({ description: 'When the change was committed (ISO 8601).' })
  at!: string;

  @Field({ description: 'Who made it: the API key name or the JWT subject.' })
  actor!: string;

  @Field({ description: 'The mutation, e.g. createRole, linkPromotion, deleteRole.' })
  operation!: string;

  @Field({ description: 'Id of the entity changed (for edges: "from->to").' })
  entityId!: string;

  @Field(() => String, { nullable: true, description: 'State before, as JSON; null when created.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'State after, as JSON; null when deleted.' })
  after!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Result of upsertRole.' })
export class RolePayload {
  @Field(() => Role, { description: 'The role as stored.' })
  role!: Role;

  @Field(() => ChangeEvent, { description: 'The audit record of this change.' })
  change!: ChangeEvent;
}

@ObjectType({ simpleResolvers: true, description: 'Result of upsertDepartment.' })
export class DepartmentPayload {
  @Field(() => Department, { description: 'The department as stored.' })
  department!: Department;

  @Field(() => ChangeEvent, { description: 'The audit record of this change.' })
  change!: ChangeEvent;
}

@ObjectType({ simpleResolvers: true, description: 'Result of linkPromotion and unlinkPromotion.' })
export class PromotionPayload {
  @Field({ description: 'Id of the role promoted from.' })
  fromId!: string;

  @Field({ description: 'Id of the role promoted to.' })
  toId!: string;

  @Field({ description: 'True when the edge exists after the mutation.' })
  linked!: boolean;

  @Field(() => ChangeEvent, { description: 'The audit record of this change.' })
  change!: ChangeEvent;
}

@ObjectType({ simpleResolvers: true, description: 'Result of deleteRole.' })
export class DeleteRolePayload {
  @Field({ description: 'Whether the role was deleted.' })
  deleted!: boolean;

  @Field(() => Int, { description: 'Relationships removed with it.' })
  removedRelationships!: number;

  @Field(() => ChangeEvent, { description: 'The audit record of this change.' })
  change!: ChangeEvent;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A role as an import report lists it (references are role titles).',
})
export class ImportedRole {
  @Field({ description: 'Title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Family title.' })
  family!: string | null;

  @Field(() => String, { nullable: true, description: 'Level name.' })
  level!: string | null;

  @Field(() => Int, { nullable: true, description: 'Grade.' })
  grade!: number | null;

  @Field(() => String, { nullable: true, description: 'Title of the role it reports to.' })
  reportsTo!: string | null;

  @Field({ description: '"path:line" of its definition.' })
  source!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A promotion as an import report lists it.' })
export class ImportedPromotion {
  @Field({ description: 'Title of the role promoted from.' })
  from!: string;

  @Field({ description: 'Title of the role promoted to.' })
  to!: string;

  @Field({ description: 'IC or MANAGEMENT.' })
  track!: string;

  @Field({ description: '"path:line" of the ladder edge.' })
  source!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A warning or error of an import, naming the file and line.',
})
export class ImportIssue {
  @Field({ description: 'File path.' })
  file!: string;

  @Field(() => Int, { description: '1-based line; 0 for the whole file.' })
  line!: number;

  @Field({ description: 'Machine-readable code.' })
  code!: string;

  @Field({ description: 'What is wrong.' })
  message!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The report of an import: the same shape as `orgraph import --json`.',
})
export class ImportReport {
  @Field(() => Int, { description: 'Files read.' })
  files!: number;

  @Field(() => Int, { description: 'Files imported.' })
  imported!: number;

  @Field(() => Int, { description: 'Files that failed.' })
  failed!: number;

  @Field({ description: 'True when nothing was written.' })
  dryRun!: boolean;

  @Field({ description: 'True when the graph changed.' })
  changed!: boolean;

  @Field(() => String, { nullable: true, description: 'The import run id, when something changed.' })
  importRun!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Counts of nodes by kind and of relationships by type.' })
  counts!: Record<string, unknown>;

  @Field(() => [ImportedRole], { description: 'Roles found.' })
  roles!: ImportedRole[];

  @Field(() => [ImportedPromotion], { description: 'Promotions found.' })
  promotions!: ImportedPromotion[];

  @Field(() => [ImportIssue], { description: 'Warnings (the files still imported).' })
  warnings!: ImportIssue[];

  @Field(() => [ImportIssue], { description: 'Errors (those files failed).' })
  errors!: ImportIssue[];
}
