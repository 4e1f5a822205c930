import { IsInt, IsOptional, Max, Min, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { RoleOrder, Track } from '../types/enums.js';

/** Largest page a connection serves (ORGRAPH_MAX_PAGE_SIZE may lower it; see server limits). */
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size going forward (at most ${MAX_PAGE_SIZE}).` })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  @IsOptional()
  @MaxLength(512)
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page size going backward (at most ${MAX_PAGE_SIZE}).` })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to end before.' })
  @IsOptional()
  @MaxLength(512)
  before?: string | null;
}

@InputType({ description: 'Filters of the roles connection; all optional and combined with AND.' })
export class RoleFilter {
  @Field(() => String, { nullable: true, description: 'Department id or slug (sub-departments included).' })
  @IsOptional()
  @MaxLength(300)
  department?: string | null;

  @Field(() => String, { nullable: true, description: 'Job family id or slug.' })
  @IsOptional()
  @MaxLength(300)
  family?: string | null;

  @Field(() => Int, { nullable: true, description: 'Lowest grade (inclusive).' })
  @IsOptional()
  @IsInt()
  gradeMin?: number | null;

  @Field(() => Int, { nullable: true, description: 'Highest grade (inclusive).' })
  @IsOptional()
  @IsInt()
  gradeMax?: number | null;

  @Field(() => Track, {
    nullable: true,
    description: 'Roles on this track (their own, or of a promotion touching them).',
  })
  @IsOptional()
  track?: Track | null;

  @Field(() => String, { nullable: true, description: 'Skill id, slug or name.' })
  @IsOptional()
  @MaxLength(200)
  skill?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: described roles only; false: placeholders only.',
  })
  @IsOptional()
  described?: boolean | null;
}

@ArgsType()
export class RolesArgs extends ConnectionArgs {
  @Field(() => RoleFilter, { nullable: true, description: 'Filters.' })
  @IsOptional()
  @ValidateNested()
  filter?: RoleFilter | null;

  @Field(() => RoleOrder, { defaultValue: RoleOrder.TITLE, description: 'Ordering (ties broken by id).' })
  orderBy: RoleOrder = RoleOrder.TITLE;
}

@ArgsType()
export class DepartmentsArgs extends ConnectionArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Only direct sub-departments of this department (id or slug).',
  })
  @IsOptional()
  @MaxLength(300)
  parent?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only top-level departments.' })
  @IsOptional()
  topLevel?: boolean | null;
}

@ArgsType()
export class JobFamiliesArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Department id or slug (sub-departments included).' })
  @IsOptional()
  @MaxLength(300)
  department?: string | null;
}
