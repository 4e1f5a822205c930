import { registerEnumType } from 'type-graphql';

export enum Track {
  IC = 'IC',
  MANAGEMENT = 'MANAGEMENT',
}
registerEnumType(Track, {
  name: 'Track',
  description: 'Career track: individual contributor or management.',
});

export enum TrackFilter {
  IC = 'IC',
  MANAGEMENT = 'MANAGEMENT',
  ANY = 'ANY',
}
registerEnumType(TrackFilter, { name: 'TrackFilter', description: 'Which promotions a route may use.' });

export enum StepKind {
  PROMOTION = 'PROMOTION',
  LATERAL = 'LATERAL',
}
registerEnumType(StepKind, {
  name: 'StepKind',
  description:
    'A promotion drawn in the handbook, or a lateral move (same grade, another family, shared skills).',
});

export enum RoleOrder {
  TITLE = 'TITLE',
  GRADE = 'GRADE',
  FAMILY = 'FAMILY',
}
registerEnumType(RoleOrder, {
  name: 'RoleOrder',
  description: 'Orderings of the roles connection (ties broken by id).',
});

export enum OrgChartNodeKind {
  DEPARTMENT = 'DEPARTMENT',
  JOB_FAMILY = 'JOB_FAMILY',
  TEAM = 'TEAM',
  ROLE = 'ROLE',
}
registerEnumType(OrgChartNodeKind, {
  name: 'OrgChartNodeKind',
  description: 'What an org chart node stands for.',
});

export enum SearchHitKind {
  ROLE = 'ROLE',
  JOB_FAMILY = 'JOB_FAMILY',
  DEPARTMENT = 'DEPARTMENT',
  RESPONSIBILITY = 'RESPONSIBILITY',
  REQUIREMENT = 'REQUIREMENT',
}
registerEnumType(SearchHitKind, { name: 'SearchHitKind', description: 'What a search hit matched.' });

export enum Severity {
  ERROR = 'ERROR',
  WARNING = 'WARNING',
  INFO = 'INFO',
}
registerEnumType(Severity, { name: 'Severity', description: 'How serious a lint finding is.' });
