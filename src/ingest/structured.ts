/**
 * The structured org-file importer, for organisations that do not write handbook pages: a YAML or JSON file
 * of departments, teams, roles and (optionally) people; see data/examples/org.yaml for the format. The file is
 * validated with class-validator; every error names the path of the bad field (`roles[2].grade`) and its line.
 */
import 'reflect-metadata';
import {
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { isMap, LineCounter, parseDocument } from 'yaml';

import type {
  GraphModel,
  ImportIssue,
  NodeFact,
  NodeLabel,
  PropertyValue,
  Provenance,
  RelFact,
  RelType,
  RoleSummary,
} from './model.js';
import { levelOf, promotionTrack, trackOf } from './roles.js';
import { slugify } from './text.js';

const ID = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;
const ID_MESSAGE = '$property must be a kebab-case id (a-z, 0-9, "-"; "/" for nesting)';

export class DepartmentInput {
  @IsString() @Matches(ID, { message: ID_MESSAGE }) id!: string;
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @IsOptional() @IsString() @Matches(ID, { message: ID_MESSAGE }) parent?: string;
}

export class TeamInput {
  @IsString() @Matches(ID, { message: ID_MESSAGE }) id!: string;
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @IsString() @Matches(ID, { message: ID_MESSAGE }) department!: string;
}

export class RoleInput {
  @IsString() @Matches(ID, { message: ID_MESSAGE }) id!: string;
  @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @IsOptional() @IsString() level?: string;
  @IsOptional() @IsInt() @Min(1) @Max(20) grade?: number;
  @IsOptional() @IsIn(['IC', 'MANAGEMENT']) track?: 'IC' | 'MANAGEMENT';
  @IsOptional() @IsString() @Matches(ID, { message: ID_MESSAGE }) department?: string;
  @IsOptional() @IsString() @Matches(ID, { message: ID_MESSAGE }) team?: string;
  @IsOptional() @IsString() @Matches(ID, { message: ID_MESSAGE }) reportsTo?: string;
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(ID, { each: true, message: ID_MESSAGE })
  promotesTo?: string[];
}

export class PersonInput {
  @IsString() @Matches(ID, { message: ID_MESSAGE }) id!: string;
  @IsString() @MinLength(1) name!: string;
  @IsOptional() @IsEmail() email?: string;
  @IsString() @Matches(ID, { message: ID_MESSAGE }) role!: string;
  @IsOptional() @IsString() @Matches(ID, { message: ID_MESSAGE }) manager?: string;
  @IsOptional() @IsString() @Matches(ID, { message: ID_MESSAGE }) team?: string;
}

export class OrgFileInput {
  @IsOptional() @IsString() organisation?: string;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) departments?: DepartmentInput[];
  @IsOptional() @IsArray() @ValidateNested({ each: true }) teams?: TeamInput[];
  @IsArray() @ValidateNested({ each: true }) roles!: RoleInput[];
  @IsOptional() @IsArray() @ValidateNested({ each: true }) people?: PersonInput[];
}

// Plain data → class instances so the decorators apply (what class-transformer would do, for four classes).
function instantiate(raw: Record<string, unknown>): OrgFileInput {
  const make = <T extends object>(cls: new () => T, value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.assign(new cls(), value) : value;
  const list = <T extends object>(cls: new () => T, value: unknown): unknown =>
    Array.isArray(value) ? value.map((v) => make(cls, v)) : value;
  const org = Object.assign(new OrgFileInput(), raw);
  org.departments = list(DepartmentInput, raw['departments']) as DepartmentInput[] | undefined;
  org.teams = list(TeamInput, raw['teams']) as TeamInput[] | undefined;
  org.roles = list(RoleInput, raw['roles']) as RoleInput[];
  org.people = list(PersonInput, raw['people']) as PersonInput[] | undefined;
  return org;
}

function flatten(
  errors: ValidationError[],
  prefix: Array<string | number> = [],
): Array<{ path: Array<string | number>; message: string }> {
  const out: Array<{ path: Array<string | number>; message: string }> = [];
  for (const e of errors) {
    const key = /^\d+$/.test(e.property) ? Number(e.property) : e.property;
    const path = [...prefix, key];
    for (const message of Object.values(e.constraints ?? {})) out.push({ path, message });
    if (e.children?.length) out.push(...flatten(e.children, path));
  }
  return out;
}

export function formatPath(path: Array<string | number>): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

export interface StructuredResult {
  model: GraphModel;
  roles: RoleSummary[];
  issues: ImportIssue[];
  fatal: boolean;
}

export function parseOrgFile(path: string, text: string): StructuredResult {
  const issues: ImportIssue[] = [];
  const nodes = new Map<string, NodeFact>();
  const rels: RelFact[] = [];
  const result: StructuredResult = {
    model: { nodes: [], relationships: rels },
    roles: [],
    issues,
    fatal: false,
  };
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const lineAt = (p: Array<string | number>): number => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
    }
    return 1;
  };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      issues.push({
        file: path,
        line: counter.linePos(e.pos[0]).line,
        code: 'BAD_ORG_FILE',
        message: e.message.split('\n')[0]!,
      });
    }
    result.fatal = true;
    return result;
  }
  if (!isMap(doc.contents)) {
    issues.push({
      file: path,
      line: 1,
      code: 'BAD_ORG_FILE',
      message: 'an org file must be a mapping with a "roles" list',
    });
    result.fatal = true;
    return result;
  }
  const raw = doc.toJS() as Record<string, unknown>;
  const org = instantiate(raw);
  const errors = flatten(
    validateSync(org, { forbidUnknownValues: false, whitelist: true, forbidNonWhitelisted: true }),
  );
  for (const e of errors) {
    issues.push({
      file: path,
      line: lineAt(e.path),
      code: 'INVALID_FIELD',
      message: `${formatPath(e.path)}: ${e.message}`,
    });
  }
  if (errors.length > 0) {
    result.fatal = true;
    return result;
  }

  const stem = path.replace(/\.(ya?ml|json)$/i, '');
  const prov = (p: Array<string | number>): Provenance => ({
    sourcePath: path,
    sourceLine: lineAt(p),
    sourceAnchor: null,
  });
  const node = (
    label: NodeLabel,
    id: string,
    props: Record<string, PropertyValue>,
    where: Provenance,
    intProps?: string[],
  ): void => {
    if (!nodes.has(id))
      nodes.set(id, { label, id, props, definedIn: [where], ...(intProps ? { intProps } : {}) });
  };
  const rel = (
    type: RelType,
    fromLabel: NodeLabel,
    from: string,
    toLabel: NodeLabel,
    to: string,
    where: Provenance,
    props: Record<string, PropertyValue> = {},
  ): void => {
    rels.push({ type, fromLabel, from, toLabel, to, props, prov: where });
  };
  const refError = (p: Array<string | number>, what: string, id: string): void => {
    issues.push({
      file: path,
      line: lineAt(p),
      code: 'UNKNOWN_REFERENCE',
      message: `${formatPath(p)}: no ${what} with id "${id}" in this file`,
    });
  };

  const deptIds = new Set((org.departments ?? []).map((d) => d.id));
  const teamIds = new Map((org.teams ?? []).map((t) => [t.id, t]));
  const roleIds = new Map(org.roles.map((r) => [r.id, r]));
  const personIds = new Set((org.people ?? []).map((p) => p.id));
  const familyId = `family:${stem}`;
  node(
    'JobFamily',
    familyId,
    { slug: slugify(stem), title: org.organisation ?? stem, description: null, url: null },
    prov([]),
  );

  (org.departments ?? []).forEach((d, i) => {
    node('Department', `department:${d.id}`, { slug: slugify(d.id), name: d.name }, prov(['departments', i]));
    if (d.parent) {
      if (!deptIds.has(d.parent)) refError(['departments', i, 'parent'], 'department', d.parent);
      else
        rel(
          'PART_OF',
          'Department',
          `department:${d.id}`,
          'Department',
          `department:${d.parent}`,
          prov(['departments', i, 'parent']),
        );
    }
  });
  (org.teams ?? []).forEach((t, i) => {
    const id = `team:${t.department}/${t.id}`;
    node('Team', id, { slug: slugify(`${t.department}-${t.id}`), name: t.name }, prov(['teams', i]));
    if (!deptIds.has(t.department)) refError(['teams', i, 'department'], 'department', t.department);
    else
      rel(
        'PART_OF',
        'Team',
        id,
        'Department',
        `department:${t.department}`,
        prov(['teams', i, 'department']),
      );
  });
  const roleId = (id: string): string => `role:${stem}#${id}`;
  const teamNodeId = (id: string): string => `team:${teamIds.get(id)!.department}/${id}`;
  org.roles.forEach((r, i) => {
    const where = prov(['roles', i]);
    const t = r.track ? { track: r.track } : trackOf(r.title);
    node(
      'Role',
      roleId(r.id),
      {
        slug: slugify(`${stem}-${r.id}`),
        title: r.title,
        level: r.level ?? levelOf(r.title),
        grade: r.grade ?? null,
        track: t.track,
        described: true,
        aliases: [],
        summary: null,
      },
      where,
      ['grade'],
    );
    rel('IN_FAMILY', 'Role', roleId(r.id), 'JobFamily', familyId, where);
    if (r.grade !== undefined) {
      node('Grade', `grade:${r.grade}`, { value: r.grade }, prov(['roles', i, 'grade']), ['value']);
      rel('HAS_GRADE', 'Role', roleId(r.id), 'Grade', `grade:${r.grade}`, prov(['roles', i, 'grade']));
    }
    if (r.department) {
      if (!deptIds.has(r.department)) refError(['roles', i, 'department'], 'department', r.department);
      else
        rel(
          'IN_DEPARTMENT',
          'Role',
          roleId(r.id),
          'Department',
          `department:${r.department}`,
          prov(['roles', i, 'department']),
        );
    }
    if (r.team) {
      if (!teamIds.has(r.team)) refError(['roles', i, 'team'], 'team', r.team);
      else rel('IN_TEAM', 'Role', roleId(r.id), 'Team', teamNodeId(r.team), prov(['roles', i, 'team']));
    }
    if (r.reportsTo) {
      if (!roleIds.has(r.reportsTo)) refError(['roles', i, 'reportsTo'], 'role', r.reportsTo);
      else
        rel('REPORTS_TO', 'Role', roleId(r.id), 'Role', roleId(r.reportsTo), prov(['roles', i, 'reportsTo']));
    }
    (r.promotesTo ?? []).forEach((to, j) => {
      const target = roleIds.get(to);
      if (!target) return refError(['roles', i, 'promotesTo', j], 'role', to);
      const track = promotionTrack(r.title, target.title);
      rel('PROMOTES_TO', 'Role', roleId(r.id), 'Role', roleId(to), prov(['roles', i, 'promotesTo', j]), {
        track: track.track,
        trackReason: track.reason,
      });
    });
    result.roles.push({
      title: r.title,
      family: org.organisation ?? stem,
      level: r.level ?? levelOf(r.title),
      grade: r.grade ?? null,
      reportsTo: r.reportsTo && roleIds.has(r.reportsTo) ? roleIds.get(r.reportsTo)!.title : null,
      reportsToAll: r.reportsTo && roleIds.has(r.reportsTo) ? [roleIds.get(r.reportsTo)!.title] : [],
      source: `${path}:${where.sourceLine}`,
    });
  });
  (org.people ?? []).forEach((p, i) => {
    const id = `person:${p.id}`;
    node('Person', id, { slug: slugify(p.id), name: p.name, email: p.email ?? null }, prov(['people', i]));
    if (!roleIds.has(p.role)) refError(['people', i, 'role'], 'role', p.role);
    else rel('HOLDS', 'Person', id, 'Role', roleId(p.role), prov(['people', i, 'role']));
    if (p.manager) {
      if (!personIds.has(p.manager)) refError(['people', i, 'manager'], 'person', p.manager);
      else rel('MANAGED_BY', 'Person', id, 'Person', `person:${p.manager}`, prov(['people', i, 'manager']));
    }
    if (p.team) {
      if (!teamIds.has(p.team)) refError(['people', i, 'team'], 'team', p.team);
      else rel('MEMBER_OF', 'Person', id, 'Team', teamNodeId(p.team), prov(['people', i, 'team']));
    }
  });
  if (issues.length > 0) result.fatal = true;
  result.model.nodes = [...nodes.values()];
  return result;
}
