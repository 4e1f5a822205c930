import { Field, Int, ObjectType } from 'type-graphql';
import { Department, JobFamily } from './org.js';
import { Role } from './role.js';

@ObjectType({ simpleResolvers: true, description: 'Relay page information.' })
export class PageInfo {
  @Field({ description: 'More items follow the last edge.' })
  hasNextPage!: boolean;

  @Field({ description: 'More items precede the first edge.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge.' })
  endCursor!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A role in a connection.' })
export class RoleEdge {
  @Field({ description: 'Opaque, stable cursor.' })
  cursor!: string;

  @Field(() => Role, { description: 'The role.' })
  node!: Role;
}

@ObjectType({ simpleResolvers: true, description: 'A page of roles.' })
export class RoleConnection {
  @Field(() => [RoleEdge], { description: 'The edges of this page.' })
  edges!: RoleEdge[];

  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'All roles matching the filter.' })
  totalCount!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A department in a connection.' })
export class DepartmentEdge {
  @Field({ description: 'Opaque, stable cursor.' })
  cursor!: string;

  @Field(() => Department, { description: 'The department.' })
  node!: Department;
}

@ObjectType({ simpleResolvers: true, description: 'A page of departments.' })
export class DepartmentConnection {
  @Field(() => [DepartmentEdge], { description: 'The edges of this page.' })
  edges!: DepartmentEdge[];

  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'All departments matching the filter.' })
  totalCount!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A job family in a connection.' })
export class JobFamilyEdge {
  @Field({ description: 'Opaque, stable cursor.' })
  cursor!: string;

  @Field(() => JobFamily, { description: 'The job family.' })
  node!: JobFamily;
}

@ObjectType({ simpleResolvers: true, description: 'A page of job families.' })
export class JobFamilyConnection {
  @Field(() => [JobFamilyEdge], { description: 'The edges of this page.' })
  edges!: JobFamilyEdge[];

  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'All job families matching the filter.' })
  totalCount!: number;
}
