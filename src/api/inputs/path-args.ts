import { IsBoolean, IsInt, IsOptional, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { TrackFilter } from '../types/enums.js';

/** Ids of roles are at most this long; anything longer is not an id this API issued. */
const ID_MAX = 300;

@ArgsType()
export class CareerPathArgs {
  @Field(() => ID, { description: 'Id of the starting role.' })
  @MinLength(1)
  @MaxLength(ID_MAX)
  from!: string;

  @Field(() => ID, { description: 'Id of the target role.' })
  @MinLength(1)
  @MaxLength(ID_MAX)
  to!: string;

  @Field(() => TrackFilter, {
    defaultValue: TrackFilter.ANY,
    description: 'Which promotions the route may use.',
  })
  track: TrackFilter = TrackFilter.ANY;

  @Field(() => Int, { defaultValue: 10, description: 'Longest route considered (1 to 20 steps).' })
  @IsInt()
  @Min(1)
  @Max(20)
  maxSteps = 10;
}

@ArgsType()
export class CareerPathsArgs extends CareerPathArgs {
  @Field(() => Int, { defaultValue: 3, description: 'How many alternative routes (1 to 10).' })
  @IsInt()
  @Min(1)
  @Max(10)
  k = 3;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Allow lateral moves between families: same grade and at least two shared skills.',
  })
  @IsBoolean()
  allowLateral = false;
}

@ArgsType()
export class RoleGapArgs {
  @Field(() => ID, { description: 'Id of the role one has.' })
  @MinLength(1)
  @MaxLength(ID_MAX)
  from!: string;

  @Field(() => ID, { description: 'Id of the role one wants.' })
  @MinLength(1)
  @MaxLength(ID_MAX)
  to!: string;
}

@ArgsType()
export class OrgChartArgs {
  @Field({ description: 'Department id or slug.' })
  @MinLength(1)
  @MaxLength(ID_MAX)
  department!: string;

  @Field(() => Int, { defaultValue: 3, description: 'Levels below the department (1 to 12).' })
  @IsInt()
  @Min(1)
  @Max(12)
  depth = 3;
}

@ArgsType()
export class SearchArgs {
  @Field({ description: 'Words to look for in titles, responsibilities and requirements.' })
  @MinLength(1)
  @MaxLength(200)
  text!: string;

  @Field(() => Int, { defaultValue: 10, description: 'How many hits (1 to 50).' })
  @IsInt()
  @Min(1)
  @Max(50)
  first = 10;
}

@ArgsType()
export class ChangesArgs {
  @Field(() => Date, { nullable: true, description: 'Only changes at or after this time.' })
  @IsOptional()
  since?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Only changes of this entity id.' })
  @IsOptional()
  @MaxLength(ID_MAX)
  entity?: string | null;

  @Field(() => Int, { defaultValue: 50, description: 'At most this many, newest first (1 to 500).' })
  @IsInt()
  @Min(1)
  @Max(500)
  first = 50;
}
