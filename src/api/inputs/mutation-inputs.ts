import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Track } from '../types/enums.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID_MAX = 300;

@InputType({
  description: 'A department to create or update (matched by id, or by the id derived from slug/name).',
})
export class DepartmentInput {
  @Field(() => ID, { nullable: true, description: 'Existing id; omitted: department:<slug>.' })
  @IsOptional()
  @MaxLength(ID_MAX)
  id?: string | null;

  @Field({ description: 'Display name.' })
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Slug (kebab-case); omitted: derived from the name.' })
  @IsOptional()
  @Matches(SLUG, { message: 'slug must be kebab-case: lowercase letters and digits joined by single dashes' })
  @MaxLength(200)
  slug?: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the parent department; null for a top-level one.' })
  @IsOptional()
  @MaxLength(ID_MAX)
  parent?: string | null;
}

@InputType({ description: 'A role to create or update.' })
export class RoleInput {
  @Field(() => ID, { nullable: true, description: 'Existing id; omitted: role:custom/<slug>.' })
  @IsOptional()
  @MaxLength(ID_MAX)
  id?: string | null;

  @Field({ description: 'Title, e.g. "Senior Platform Engineer".' })
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Slug (kebab-case); omitted: derived from the title.' })
  @IsOptional()
  @Matches(SLUG, { message: 'slug must be kebab-case: lowercase letters and digits joined by single dashes' })
  @MaxLength(200)
  slug?: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of its job family.' })
  @IsOptional()
  @MaxLength(ID_MAX)
  family?: string | null;

  @Field(() => String, { nullable: true, description: 'Level name within the family.' })
  @IsOptional()
  @MaxLength(100)
  level?: string | null;

  @Field(() => Int, { nullable: true, description: 'Job grade (1 to 30).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  grade?: number | null;

  @Field(() => Track, { nullable: true, description: 'Track.' })
  @IsOptional()
  track?: Track | null;

  @Field(() => String, { nullable: true, description: 'Short description.' })
  @IsOptional()
  @MaxLength(5000)
  summary?: string | null;
}

@InputType({ description: 'A promotion edge to add or update.' })
export class PromotionInput {
  @Field(() => ID, { description: 'Id of the role promoted from.' })
  @MinLength(1)
  @MaxLength(ID_MAX)
  from!: string;

  @Field(() => ID, { description: 'Id of the role promoted to.' })
  @MinLength(1)
  @MaxLength(ID_MAX)
  to!: string;

  @Field(() => Track, { description: 'Track of the promotion.' })
  track!: Track;

  @Field(() => String, { nullable: true, description: 'Why (kept as the track reason).' })
  @IsOptional()
  @MaxLength(1000)
  reason?: string | null;
}

@InputType({ description: 'A Markdown handbook page to import.' })
export class DocumentInput {
  @Field({ description: 'Path relative to the handbook root, e.g. security/infrastructure-security.md.' })
  @MinLength(1)
  @MaxLength(500)
  @Matches(/^[^\0]*$/, { message: 'path must not contain NUL characters' })
  path!: string;

  @Field({ description: 'The Markdown text (at most 2 MB).' })
  @MaxLength(2_000_000)
  text!: string;
}

@InputType({ description: 'Documents to import.' })
export class ImportDocumentsInput {
  @Field(() => [DocumentInput], { description: 'The pages (1 to 500).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  documents!: DocumentInput[];

  @Field({ defaultValue: false, description: 'Parse, validate and resolve only.' })
  dryRun: boolean = false;

  @Field({ defaultValue: false, description: 'Write nothing when any document fails.' })
  strict: boolean = false;
}
