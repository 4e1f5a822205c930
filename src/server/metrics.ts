import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { MAX_CONNECTION_POOL_SIZE, type GraphDatabase } from '../graph/database.js';
import type { Logger } from '../logging/logger.js';

/** Seconds; from a fast cached lookup to a slow path search or import. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Client-chosen operation names become label values, so only this many distinct ones are kept. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * The Prometheus metrics of one API process, in a registry of its own (several test servers can share a
 * process). Request counts and latency by operation and outcome, the Neo4j session pool, import runs,
 * rate-limited requests, and Node's process metrics (RSS, heap, event loop lag).
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  readonly httpDuration: Histogram<'route' | 'method' | 'status'>;
  readonly operations: Counter<'operation' | 'type' | 'outcome'>;
  readonly operationDuration: Histogram<'operation' | 'type' | 'outcome'>;
  readonly importRuns: Counter<'outcome'>;
  readonly rateLimited: Counter<'client'>;
  private readonly operationNames = new Set<string>();

  constructor(db: GraphDatabase) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'orgraph_' });
    this.httpRequests = new Counter({
      name: 'orgraph_http_requests_total',
      help: 'HTTP requests answered, by route, method and status code',
      labelNames: ['route', 'method', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'orgraph_http_request_duration_seconds',
      help: 'HTTP request latency, by route, method and status code',
      labelNames: ['route', 'method', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.operations = new Counter({
      name: 'orgraph_graphql_operations_total',
      help: 'GraphQL operations, by operation name (or first root field), type and outcome (ok or error code)',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    });
    this.operationDuration = new Histogram({
      name: 'orgraph_graphql_operation_duration_seconds',
      help: 'GraphQL operation latency from parsing to response, by operation, type and outcome',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.importRuns = new Counter({
      name: 'orgraph_import_runs_total',
      help: 'Imports through the API (importDocuments), by outcome: changed, unchanged, failed, dry_run, error',
      labelNames: ['outcome'],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'orgraph_rate_limited_requests_total',
      help: 'Requests answered 429, by kind of client key (principal or address)',
      labelNames: ['client'],
      registers,
    });
    new Gauge({
      name: 'orgraph_neo4j_sessions_active',
      help: 'Neo4j sessions open right now (each holds at most one pooled connection)',
      registers,
      collect() {
        this.set(db.activeSessions);
      },
    });
    new Gauge({
      name: 'orgraph_neo4j_pool_max_connections',
      help: 'Size limit of the Neo4j connection pool',
      registers,
      collect() {
        this.set(MAX_CONNECTION_POOL_SIZE);
      },
    });
    new Gauge({
      name: 'orgraph_neo4j_available',
      help: '1 while Neo4j answers, 0 from the first unreachable-database error until a probe succeeds',
      registers,
      collect() {
        this.set(db.available ? 1 : 0);
      },
    });
  }

  /** A bounded label value for an operation: its name if sane and not too many, else its first root field. */
  operationLabel(name: string | null | undefined, operation: OperationDefinitionNode | undefined): string {
    if (name && OPERATION_NAME.test(name)) {
      if (this.operationNames.has(name)) return name;
      if (this.operationNames.size < MAX_OPERATION_NAMES) {
        this.operationNames.add(name);
        return name;
      }
      return 'other';
    }
    const first = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
    return first && first.kind === Kind.FIELD ? `anonymous:${first.name.value}` : 'invalid';
  }
}

interface ImportReportShape {
  dryRun?: boolean;
  changed?: boolean;
  failed?: number;
}

function importOutcome(report: ImportReportShape | null | undefined, errored: boolean): string {
  if (errored || !report) return 'error';
  if (report.dryRun) return 'dry_run';
  if ((report.failed ?? 0) > 0) return 'failed';
  return report.changed ? 'changed' : 'unchanged';
}

/**
 * Per-operation timing: one log line and one histogram observation per GraphQL operation, labelled with
 * the operation and its outcome ("ok" or the first error's code). Variables are never logged.
 */
export function operationTimingPlugin<T extends object>(
  metrics: ServerMetrics,
  logger: Logger,
): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let operation: OperationDefinitionNode | undefined;
      return {
        async didResolveOperation(context) {
          operation = context.operation;
        },
        async willSendResponse({ request, response }) {
          const seconds = (performance.now() - started) / 1000;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const firstError = body?.errors?.[0];
          const outcome = firstError ? String(firstError.extensions?.code ?? 'INTERNAL_SERVER_ERROR') : 'ok';
          const type = operation?.operation ?? 'unknown';
          const name = metrics.operationLabel(request.operationName ?? operation?.name?.value, operation);
          metrics.operations.inc({ operation: name, type, outcome });
          metrics.operationDuration.observe({ operation: name, type, outcome }, seconds);
          for (const selection of operation?.selectionSet.selections ?? []) {
            if (selection.kind !== Kind.FIELD || selection.name.value !== 'importDocuments') continue;
            const data = body?.data as Record<string, ImportReportShape | null> | null | undefined;
            const report = data?.[selection.alias?.value ?? selection.name.value];
            metrics.importRuns.inc({ outcome: importOutcome(report, firstError !== undefined) });
          }
          logger.info(
            { operation: name, type, outcome, durationMs: Math.round(seconds * 10_000) / 10 },
            'graphql operation',
          );
        },
      };
    },
  };
}
