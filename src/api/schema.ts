import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth-checker.js';
import {
  CareerPathResolver,
  CareerRouteResolver,
  CareerStepResolver,
  NextRoleResolver,
  RoleGapResolver,
} from './resolvers/career.resolver.js';
import { ChangeEventResolver } from './resolvers/change-event.resolver.js';
import { DepartmentResolver } from './resolvers/department.resolver.js';
import {
  PromotionResolver,
  RequirementResolver,
  ResponsibilityResolver,
} from './resolvers/facts.resolver.js';
import { FindingResolver } from './resolvers/finding.resolver.js';
import { GradeResolver } from './resolvers/grade.resolver.js';
import { HiringStageResolver } from './resolvers/hiring-stage.resolver.js';
import { ImportResolver } from './resolvers/import.resolver.js';
import { JobFamilyResolver } from './resolvers/job-family.resolver.js';
import { PerformanceIndicatorResolver } from './resolvers/performance-indicator.resolver.js';
import { PersonResolver } from './resolvers/person.resolver.js';
import { RoleMutationResolver } from './resolvers/role-mutations.resolver.js';
import { RoleResolver } from './resolvers/role.resolver.js';
import { SearchResolver } from './resolvers/search.resolver.js';
import { ServiceInfoResolver } from './resolvers/service-info.resolver.js';
import { SkillResolver } from './resolvers/skill.resolver.js';
import { TeamResolver } from './resolvers/team.resolver.js';

export const resolvers = [
  ServiceInfoResolver,
  RoleResolver,
  RoleMutationResolver,
  DepartmentResolver,
  JobFamilyResolver,
  TeamResolver,
  SkillResolver,
  GradeResolver,
  HiringStageResolver,
  PerformanceIndicatorResolver,
  PersonResolver,
  ResponsibilityResolver,
  RequirementResolver,
  PromotionResolver,
  CareerPathResolver,
  CareerRouteResolver,
  CareerStepResolver,
  RoleGapResolver,
  NextRoleResolver,
  SearchResolver,
  ChangeEventResolver,
  ImportResolver,
  FindingResolver,
] as const;

/** Builds the executable schema from the type-graphql classes; class-validator validation of inputs is on. */
export async function buildOrgraphSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    validate: { forbidUnknownValues: false },
  });
}
