import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import neo4j from 'neo4j-driver';
import type { GraphDatabase, ManagedTransaction } from './database.js';
import { toDepartment, toRole, type RoleRecord } from './records.js';

/**
 * Writes made through the API. Each runs in one explicit write transaction together with the ChangeEvent
 * that records it (who, when, operation, before, after), so no change is stored without its audit trail.
 */

export interface Actor {
  subject: string;
}

export interface ChangeEventRecord {
  id: string;
  at: string;
  actor: string;
  operation: string;
  entityId: string;
  before: string | null;
  after: string | null;
}

const RECORD_CHANGE = `
CREATE (e:ChangeEvent {id: $id, at: datetime(), actor: $actor, operation: $operation, entityId: $entityId,
                       before: $before, after: $after})
RETURN e {.*, at: toString(e.at)} AS event`;

async function recordChange(
  tx: ManagedTransaction,
  actor: Actor,
  operation: string,
  entityId: string,
  before: unknown,
  after: unknown,
): Promise<ChangeEventRecord> {
  const result = await tx.run(RECORD_CHANGE, {
    id: randomUUID(),
    actor: actor.subject,
    operation,
    entityId,
    before: before === null || before === undefined ? null : JSON.stringify(before),
    after: after === null || after === undefined ? null : JSON.stringify(after),
  });
  return result.records[0].get('event') as ChangeEventRecord;
}

export class MutationError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' = 'BAD_USER_INPUT',
  ) {
    super(message);
    this.name = 'MutationError';
  }
}

export interface DepartmentWrite {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
}

const UPSERT_DEPARTMENT = `
MERGE (d:Department {id: $id})
SET d.slug = $slug, d.name = $name
WITH d
OPTIONAL MATCH (d)-[old:PART_OF]->(:Department)
DELETE old
WITH d
OPTIONAL MATCH (parent:Department {id: $parentId})
FOREACH (_ IN CASE WHEN parent IS NULL THEN [] ELSE [1] END | MERGE (d)-[:PART_OF]->(parent))
RETURN properties(d) AS d`;

export async function upsertDepartment(db: GraphDatabase, actor: Actor, input: DepartmentWrite) {
  return db.write(async (tx) => {
    const before = await tx.run('MATCH (d:Department {id: $id}) RETURN properties(d) AS d', { id: input.id });
    if (input.parentId !== null) {
      if (input.parentId === input.id)
        throw new MutationError('a department cannot be part of itself', 'parent');
      const parent = await tx.run(
        `MATCH (p:Department {id: $parentId})
         RETURN EXISTS { (p)-[:PART_OF]->{1,20}(:Department {id: $id}) } AS cycle`,
        { parentId: input.parentId, id: input.id },
      );
      if (parent.records.length === 0)
        throw new MutationError(
          `no department with id ${JSON.stringify(input.parentId)}`,
          'parent',
          'NOT_FOUND',
        );
      if (parent.records[0].get('cycle'))
        throw new MutationError('that parent is part of this department: a cycle', 'parent');
    }
    const result = await tx.run(UPSERT_DEPARTMENT, input);
    const after = result.records[0].get('d') as Record<string, unknown>;
    const event = await recordChange(
      tx,
      actor,
      before.records.length > 0 ? 'updateDepartment' : 'createDepartment',
      input.id,
      before.records[0]?.get('d') ?? null,
      { ...after, parentId: input.parentId },
    );
    return { department: toDepartment(after), event };
  });
}

export interface RoleWrite {
  id: string;
  slug: string;
  title: string;
  level: string | null;
  grade: number | null;
  track: 'IC' | 'MANAGEMENT' | null;
  summary: string | null;
  familyId: string | null;
}

/**
 * The write of upsertRole and its ChangeEvent, for a role bound to `r`, write-locked and found as the caller
 * read it ($before), so the audit's before is the state actually replaced.
 */
const WRITE_LOCKED_ROLE = `
SET r.slug = $slug, r.title = $title, r.level = $level, r.grade = $grade, r.track = $track,
    r.summary = $summary, r.described = true
WITH r
// Grade and family links are replaced only when they change: relinking locks the Grade and JobFamily nodes,
// which every concurrent write to a role of that grade or family would then wait for.
CALL (r) {
  MATCH (r)-[old:HAS_GRADE]->(g:Grade)
  WHERE r.grade IS NULL OR g.id <> 'grade:' + toString(r.grade)
  DELETE old
}
CALL (r) {
  WITH r WHERE r.grade IS NOT NULL AND NOT EXISTS { (r)-[:HAS_GRADE]->(:Grade {id: 'grade:' + toString(r.grade)}) }
  MERGE (g:Grade {id: 'grade:' + toString(r.grade)}) ON CREATE SET g.value = r.grade
  MERGE (r)-[:HAS_GRADE]->(g)
}
CALL (r) {
  WITH r WHERE $familyId IS NOT NULL AND NOT EXISTS { (r)-[:IN_FAMILY]->(:JobFamily {id: $familyId}) }
  MATCH (f:JobFamily {id: $familyId})
  OPTIONAL MATCH (r)-[old:IN_FAMILY]->(:JobFamily)
  DELETE old
  MERGE (r)-[:IN_FAMILY]->(f)
}
CREATE (e:ChangeEvent {id: $eventId, at: datetime(), actor: $actor, operation: $operation, entityId: r.id,
                       before: $beforeJson, after: $afterJson})
RETURN properties(r) AS r, e {.*, at: toString(e.at)} AS event`;

// Writing takes the role's write lock before the guard reads it: read first, and a writer committing in
// between would be overwritten unseen (a lost update).
const LOCK_AND_GUARD = `
SET r.lockedBy = $eventId
REMOVE r.lockedBy
WITH r
WHERE properties(r) = coalesce($before, {id: $id, aliases: []})`;

/**
 * upsertRole after its checks (ROLE_UPSERT_CHECKS): a role created here starts as {id, aliases: []}. No row
 * back means someone changed the role in between.
 */
const UPSERT_ROLE = `
MERGE (r:Role {id: $id})
ON CREATE SET r.aliases = []
${LOCK_AND_GUARD}
${WRITE_LOCKED_ROLE}`;

/**
 * upsertRole in one statement, checks included, when the role's current state is known ($before, from this
 * process's last write of it): no row back when a check fails or the role is not as expected (then the
 * caller takes the read-then-write way, which reports exactly what is wrong).
 */
const UPDATE_KNOWN_ROLE = `
OPTIONAL MATCH (f:JobFamily {id: $familyId})
WITH count(f) > 0 AS familyExists
OPTIONAL MATCH (taken:Role {slug: $slug}) WHERE taken.id <> $id
WITH familyExists, count(taken) = 0 AS slugFree
WHERE slugFree AND ($familyId IS NULL OR familyExists)
MATCH (r:Role {id: $id})
${LOCK_AND_GUARD}
${WRITE_LOCKED_ROLE}`;

/**
 * Roles as this process last wrote them: a repeated upsert of a role (editors saving again, a sync job)
 * starts from that state and needs no read first. A stale entry only costs the fallback read.
 */
const knownRoles = new Map<string, Properties>();
const KNOWN_ROLES_LIMIT = 1_000;

function rememberRole(properties: Properties): void {
  const id = properties.id as string;
  knownRoles.delete(id);
  knownRoles.set(id, properties);
  if (knownRoles.size > KNOWN_ROLES_LIMIT) knownRoles.delete(knownRoles.keys().next().value!);
}

/** Everything upsertRole checks before writing, and the role as it is, in one read. */
const ROLE_UPSERT_CHECKS = `
OPTIONAL MATCH (f:JobFamily {id: $familyId})
OPTIONAL MATCH (taken:Role {slug: $slug}) WHERE taken.id <> $id
OPTIONAL MATCH (r:Role {id: $id})
RETURN f IS NOT NULL AS familyExists, head(collect(taken.id)) AS takenBy, properties(r) AS before
LIMIT 1`;

/** How long upsertRole keeps re-reading and trying again while the role changes between its read and write. */
const UPSERT_RETRY_MS = 5_000;

type Properties = Record<string, unknown>;

/** The role's properties after UPSERT_ROLE (a null input removes the property, as SET does). */
export function roleAfterUpsert(before: Properties | null, input: RoleWrite): Properties {
  const after: Properties = { ...(before ?? { id: input.id, aliases: [] }) };
  const written: Properties = {
    slug: input.slug,
    title: input.title,
    level: input.level,
    grade: input.grade,
    track: input.track,
    summary: input.summary,
    described: true,
  };
  for (const [key, value] of Object.entries(written)) {
    if (value === null) delete after[key];
    else after[key] = value;
  }
  return after;
}

/** JSON with keys in order, so equal property maps give equal text whatever order Neo4j returns them in. */
function stableJson(properties: Properties): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(properties).sort(([a], [b]) => a.localeCompare(b))),
  );
}

/**
 * Creates or updates a role with its ChangeEvent. Optimistic: one read (checks and the current state), then
 * one guarded statement, committed on its own, that writes the role and the event together: the role stays
 * locked only while Neo4j runs that statement, not across round-trips. When this process wrote the role
 * last, the read is skipped (UPDATE_KNOWN_ROLE). The event's after is what the guarded SETs make of the
 * state replaced (roleAfterUpsert; a test holds the two together).
 */
export async function upsertRole(db: GraphDatabase, actor: Actor, input: RoleWrite) {
  const write = async (cypher: string, before: Properties | null) => {
    const expected = roleAfterUpsert(before, input);
    const [written] = await db.writeOnce<{ r: Properties; event: ChangeEventRecord }>(cypher, {
      ...input,
      grade: input.grade === null ? null : neo4j.int(input.grade),
      before,
      eventId: randomUUID(),
      actor: actor.subject,
      operation: before ? 'updateRole' : 'createRole',
      beforeJson: before ? stableJson(before) : null,
      afterJson: stableJson(expected),
    });
    if (!written) return null;
    rememberRole(expected);
    return { role: toRole(written.r), event: written.event };
  };
  const known = knownRoles.get(input.id);
  if (known) {
    const written = await write(UPDATE_KNOWN_ROLE, known);
    if (written) return written;
    knownRoles.delete(input.id);
  }
  const started = Date.now();
  for (let attempt = 1; attempt === 1 || Date.now() - started < UPSERT_RETRY_MS; attempt++) {
    // Someone else wrote the role first; a short random wait spreads out writers that lost together.
    if (attempt > 1) await sleep(Math.random() * Math.min(50, 2 ** attempt));
    const [checks] = await db.query<{
      familyExists: boolean;
      takenBy: string | null;
      before: Properties | null;
    }>(ROLE_UPSERT_CHECKS, { ...input });
    if (input.familyId !== null && !checks!.familyExists) {
      throw new MutationError(
        `no job family with id ${JSON.stringify(input.familyId)}`,
        'family',
        'NOT_FOUND',
      );
    }
    if (checks!.takenBy) {
      throw new MutationError(
        `slug ${JSON.stringify(input.slug)} is taken by ${checks!.takenBy}`,
        'slug',
        'CONFLICT',
      );
    }
    const written = await write(UPSERT_ROLE, checks!.before);
    if (written) return written;
  }
  throw new MutationError(
    `role ${JSON.stringify(input.id)} kept changing while it was being written; try again`,
    'id',
    'CONFLICT',
  );
}

async function requireRole(tx: ManagedTransaction, id: string, field: string): Promise<RoleRecord> {
  const result = await tx.run('MATCH (r:Role {id: $id}) RETURN properties(r) AS r', { id });
  if (result.records.length === 0)
    throw new MutationError(`no role with id ${JSON.stringify(id)}`, field, 'NOT_FOUND');
  return toRole(result.records[0].get('r') as Record<string, unknown>);
}

export async function linkPromotion(
  db: GraphDatabase,
  actor: Actor,
  input: { fromId: string; toId: string; track: 'IC' | 'MANAGEMENT'; reason: string | null },
) {
  return db.write(async (tx) => {
    if (input.fromId === input.toId) throw new MutationError('a role cannot be promoted to itself', 'to');
    await requireRole(tx, input.fromId, 'from');
    await requireRole(tx, input.toId, 'to');
    const before = await tx.run(
      'MATCH (:Role {id: $fromId})-[p:PROMOTES_TO]->(:Role {id: $toId}) RETURN properties(p) AS p',
      input,
    );
    const result = await tx.run(
      `MATCH (a:Role {id: $fromId}), (b:Role {id: $toId})
       MERGE (a)-[p:PROMOTES_TO]->(b)
       SET p.track = $track, p.trackReason = coalesce($reason, 'set through the API'), p.sourcePath = null,
           p.sourceLine = null
       RETURN properties(p) AS p`,
      input,
    );
    const event = await recordChange(
      tx,
      actor,
      'linkPromotion',
      `${input.fromId}->${input.toId}`,
      before.records[0]?.get('p') ?? null,
      result.records[0].get('p'),
    );
    return { fromId: input.fromId, toId: input.toId, track: input.track, event };
  });
}

export async function unlinkPromotion(
  db: GraphDatabase,
  actor: Actor,
  input: { fromId: string; toId: string },
) {
  return db.write(async (tx) => {
    const result = await tx.run(
      `MATCH (:Role {id: $fromId})-[p:PROMOTES_TO]->(:Role {id: $toId})
       WITH p, properties(p) AS before DELETE p RETURN before`,
      input,
    );
    if (result.records.length === 0) {
      throw new MutationError(
        `no promotion from ${JSON.stringify(input.fromId)} to ${JSON.stringify(input.toId)}`,
        'to',
        'NOT_FOUND',
      );
    }
    const event = await recordChange(
      tx,
      actor,
      'unlinkPromotion',
      `${input.fromId}->${input.toId}`,
      result.records[0].get('before'),
      null,
    );
    return { removed: true, event };
  });
}

export async function setReportsTo(
  db: GraphDatabase,
  actor: Actor,
  input: { roleId: string; managerId: string | null },
) {
  return db.write(async (tx) => {
    const role = await requireRole(tx, input.roleId, 'role');
    if (input.managerId !== null) {
      if (input.managerId === input.roleId)
        throw new MutationError('a role cannot report to itself', 'manager');
      await requireRole(tx, input.managerId, 'manager');
      const cycle = await tx.run(
        'RETURN EXISTS { (:Role {id: $managerId})-[:REPORTS_TO]->{1,30}(:Role {id: $roleId}) } AS cycle',
        input,
      );
      if (cycle.records[0].get('cycle'))
        throw new MutationError('that manager reports to this role: a cycle', 'manager');
    }
    const before = await tx.run(
      `MATCH (:Role {id: $roleId})-[old:REPORTS_TO]->(m:Role)
       WITH old, m.id AS managerId DELETE old RETURN managerId`,
      input,
    );
    if (input.managerId !== null) {
      await tx.run(
        `MATCH (r:Role {id: $roleId}), (m:Role {id: $managerId})
         MERGE (r)-[rel:REPORTS_TO]->(m) SET rel.sourcePath = null, rel.sourceLine = null`,
        input,
      );
    }
    const event = await recordChange(
      tx,
      actor,
      'setReportsTo',
      input.roleId,
      { reportsTo: before.records[0]?.get('managerId') ?? null },
      { reportsTo: input.managerId },
    );
    return { role, event };
  });
}

/** What other facts hang on a role: a delete without cascade refuses while any is non-zero. */
const ROLE_DEPENDENTS = `
MATCH (r:Role {id: $id})
RETURN COUNT { (r)<-[:REPORTS_TO]-() } AS directReports,
       COUNT { (r)-[:PROMOTES_TO]-() } AS promotions,
       COUNT { (r)<-[:EXTENDS]-() } AS extendedBy,
       COUNT { (r)<-[:HOLDS]-() } AS holders,
       COUNT { (r)<-[:INTERVIEWED_BY]-() } AS interviews,
       properties(r) AS r`;

export async function deleteRole(db: GraphDatabase, actor: Actor, input: { id: string; cascade: boolean }) {
  return db.write(async (tx) => {
    const result = await tx.run(ROLE_DEPENDENTS, input);
    if (result.records.length === 0)
      throw new MutationError(`no role with id ${JSON.stringify(input.id)}`, 'id', 'NOT_FOUND');
    const record = result.records[0];
    const dependents = Object.fromEntries(
      ['directReports', 'promotions', 'extendedBy', 'holders', 'interviews'].map((k) => [
        k,
        record.get(k) as number,
      ]),
    );
    const blocking = Object.entries(dependents).filter(([, n]) => n > 0);
    if (blocking.length > 0 && !input.cascade) {
      throw new MutationError(
        `role ${input.id} still has ${blocking.map(([k, n]) => `${n} ${k}`).join(', ')}; pass cascade: true to remove them too`,
        'cascade',
        'CONFLICT',
      );
    }
    const removed = await tx.run(
      `MATCH (r:Role {id: $id})
       WITH r, COUNT { (r)--() } AS relationships
       DETACH DELETE r
       RETURN relationships`,
      input,
    );
    const event = await recordChange(
      tx,
      actor,
      'deleteRole',
      input.id,
      { role: record.get('r'), dependents },
      null,
    );
    return { deleted: true, removedRelationships: removed.records[0].get('relationships') as number, event };
  });
}

export const CHANGES = `
MATCH (e:ChangeEvent)
WHERE ($since IS NULL OR e.at >= datetime($since)) AND ($entity IS NULL OR e.entityId = $entity)
RETURN e {.*, at: toString(e.at)} AS event
ORDER BY e.at DESC, e.id LIMIT $first`;

export async function changes(
  db: GraphDatabase,
  filter: { since: string | null; entity: string | null; first: number },
): Promise<ChangeEventRecord[]> {
  const rows = await db.query<{ event: ChangeEventRecord }>(CHANGES, {
    ...filter,
    first: neo4j.int(filter.first),
  });
  return rows.map((row) => row.event);
}
