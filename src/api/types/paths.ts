import { Field, Int, ObjectType } from 'type-graphql';
import { OrgChartNodeKind, StepKind, Track } from './enums.js';
import { Requirement, Responsibility, Skill } from './org.js';
import { Role } from './role.js';
import { Source } from './source.js';

@ObjectType({
  simpleResolvers: true,
  description: 'A text fact (requirement or responsibility) without a role context.',
})
export class TextFact {
  @Field({ description: 'Stable id of the fact.' })
  id!: string;

  @Field({ description: 'The text.' })
  text!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'What one role has that another has not, inheritance taken into account.',
})
export class RoleGap {
  fromId!: string;
  toId!: string;

  @Field(() => [TextFact], { description: 'Requirements of the target not met by the starting role.' })
  requirements!: TextFact[];

  @Field(() => [TextFact], { description: 'Responsibilities the target adds.' })
  responsibilities!: TextFact[];

  @Field(() => [Skill], { description: 'Skills the target needs that the starting role does not.' })
  skills!: Skill[];
}

@ObjectType({ simpleResolvers: true, description: 'One step of a career route.' })
export class CareerStep {
  fromId!: string;
  toId!: string;

  @Field(() => StepKind, { description: 'A handbook promotion, or a lateral move.' })
  kind!: StepKind;

  @Field(() => Track, { nullable: true, description: 'Track of the promotion edge.' })
  track!: Track | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Grade of the target minus grade of the source, when both are known.',
  })
  gradeDelta!: number | null;

  @Field(() => Source, { description: 'The ladder line the edge comes from (empty for lateral moves).' })
  source!: Source;

  @Field(() => Int, { nullable: true, description: 'For lateral moves: skills the two roles share.' })
  sharedSkills!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A route from one role to another.' })
export class CareerRoute {
  roleIds!: string[];

  @Field(() => [CareerStep], { description: 'The steps, in order.' })
  steps!: CareerStep[];

  @Field(() => Int, { description: 'Number of lateral moves in the route.' })
  lateralMoves!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A reachable role and how many promotions away it is.' })
export class ReachableRole {
  @Field(() => Role, { description: 'The role.' })
  role!: Role;

  @Field(() => Int, { description: 'Promotions needed to reach it.' })
  steps!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The answer to a route question: the route(s), or why there is none and what is reachable.',
})
export class CareerPathResult {
  @Field({ description: 'Whether a route exists within the limits.' })
  found!: boolean;

  @Field({ description: 'A short explanation.' })
  message!: string;

  @Field(() => CareerRoute, { nullable: true, description: 'The best route (the first of routes).' })
  route!: CareerRoute | null;

  @Field(() => [CareerRoute], { description: 'All routes found, best first.' })
  routes!: CareerRoute[];

  @Field(() => [ReachableRole], {
    description: 'When no route exists: roles reachable from the start, closest first.',
  })
  closest!: ReachableRole[];
}

@ObjectType({ simpleResolvers: true, description: 'A role one can move to next.' })
export class NextRole {
  @Field(() => Role, { description: 'The role.' })
  role!: Role;

  @Field(() => StepKind, { description: 'Promotion or lateral move.' })
  kind!: StepKind;

  @Field(() => Track, { nullable: true, description: 'Track of the promotion.' })
  track!: Track | null;

  @Field(() => Int, { nullable: true, description: 'For lateral moves: shared skills.' })
  sharedSkills!: number | null;

  @Field(() => RoleGap, { description: 'What the role requires beyond the current one.' })
  gap!: RoleGap;

  @Field(() => Source, { description: 'Where the promotion is drawn.' })
  source!: Source;
}

@ObjectType({ simpleResolvers: true, description: 'The chain of roles a role reports to, up to the top.' })
export class ReportingChain {
  @Field(() => [Role], { description: 'The role itself first, then its manager, and so on up.' })
  roles!: Role[];

  @Field(() => [Source], { description: 'The source of each reporting line (one fewer than roles).' })
  sources!: Source[];

  @Field({ description: 'True when the chain runs into a reporting cycle instead of reaching a top role.' })
  cycle!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A node of an org chart, flat with a parent id so any tree layout can use it.',
})
export class OrgChartNode {
  @Field({ description: 'Node id, unique within the chart.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Parent node id; null for the root.' })
  parentId!: string | null;

  @Field(() => OrgChartNodeKind, { description: 'What the node stands for.' })
  kind!: OrgChartNodeKind;

  @Field({ description: 'Id of the department, family, team or role it stands for.' })
  entityId!: string;

  @Field({ description: 'Display name.' })
  name!: string;

  @Field(() => Int, { description: 'Levels below the root.' })
  depth!: number;

  @Field(() => Int, { description: 'Roles at or below this node.' })
  roleCount!: number;

  @Field(() => Int, { description: 'People holding roles at or below this node.' })
  peopleCount!: number;

  @Field(() => Int, { description: 'Roles at or below this node that nobody holds.' })
  vacancies!: number;

  @Field(() => Int, { nullable: true, description: 'Grade, for role nodes.' })
  grade!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'An org chart under a department.' })
export class OrgChart {
  @Field(() => OrgChartNode, { description: 'The department at the root.' })
  root!: OrgChartNode;

  @Field(() => [OrgChartNode], { description: 'All nodes, parents before children.' })
  nodes!: OrgChartNode[];
}

export { Requirement, Responsibility };
