/**
 * The validated in-memory model an import produces before anything touches Neo4j. Plain typed objects whose
 * labels, ids, properties and relationship types are exactly those of docs/graph-model.md.
 */

export interface Provenance {
  /** Path relative to the import root, e.g. `security/infrastructure-security.md`. */
  sourcePath: string;
  /** 1-based line. */
  sourceLine: number;
  sourceAnchor: string | null;
}

export type Severity = 'error' | 'warning';

/** A problem found while reading, parsing or resolving a file. `line` is 1-based, 0 when it is the whole file. */
export interface ImportIssue {
  file: string;
  line: number;
  code: string;
  message: string;
}

export type NodeLabel =
  | 'Department'
  | 'Team'
  | 'JobFamily'
  | 'Role'
  | 'Grade'
  | 'Responsibility'
  | 'Requirement'
  | 'Skill'
  | 'HiringStage'
  | 'PerformanceIndicator'
  | 'Person';

export const NODE_LABELS: readonly NodeLabel[] = [
  'Department',
  'Team',
  'JobFamily',
  'Role',
  'Grade',
  'Responsibility',
  'Requirement',
  'Skill',
  'HiringStage',
  'PerformanceIndicator',
  'Person',
];

export type RelType =
  | 'PART_OF'
  | 'IN_DEPARTMENT'
  | 'IN_FAMILY'
  | 'IN_TEAM'
  | 'HAS_GRADE'
  | 'REPORTS_TO'
  | 'PROMOTES_TO'
  | 'EXTENDS'
  | 'HAS_RESPONSIBILITY'
  | 'REQUIRES'
  | 'NEEDS_SKILL'
  | 'HAS_STAGE'
  | 'INTERVIEWED_BY'
  | 'MEASURED_BY'
  | 'HOLDS'
  | 'MEMBER_OF'
  | 'MANAGED_BY';

export type PropertyValue = string | number | boolean | null | string[];

/** A node: its label, its id and its properties (without provenance, which is carried separately). */
export interface NodeFact {
  label: NodeLabel;
  id: string;
  props: Record<string, PropertyValue>;
  /** Every place that defines or mentions this node; the first (by path, then line) is its provenance. */
  definedIn: Provenance[];
  /** Properties holding integers (sent with neo4j.int so they are stored as integers). */
  intProps?: string[];
}

export interface RelFact {
  type: RelType;
  fromLabel: NodeLabel;
  from: string;
  toLabel: NodeLabel;
  to: string;
  props: Record<string, PropertyValue>;
  intProps?: string[];
  prov: Provenance;
}

export interface GraphModel {
  nodes: NodeFact[];
  relationships: RelFact[];
}

export interface RoleSummary {
  title: string;
  family: string | null;
  level: string | null;
  grade: number | null;
  /** Title of the role it reports to (the first stated), null when none is stated. */
  reportsTo: string | null;
  /** Every role it reports to, when the page names more than one. */
  reportsToAll: string[];
  source: string;
}

export interface PromotionSummary {
  from: string;
  to: string;
  track: 'IC' | 'MANAGEMENT';
  source: string;
}

export interface ImportCounts {
  departments: number;
  teams: number;
  families: number;
  roles: number;
  grades: number;
  responsibilities: number;
  requirements: number;
  skills: number;
  hiringStages: number;
  performanceIndicators: number;
  people: number;
  placeholders: number;
  relationships: Record<string, number>;
}

/** The JSON shape of `orgraph import --json` and of the `importDocuments` mutation. */
export interface ImportReport {
  files: number;
  imported: number;
  failed: number;
  dryRun: boolean;
  /** The ImportRun id when something changed in Neo4j; null for a dry run or an import that changed nothing. */
  importRun: string | null;
  changed: boolean;
  contentHash: string | null;
  counts: ImportCounts;
  roles: RoleSummary[];
  promotions: PromotionSummary[];
  unresolved: Array<{ reference: string; file: string; line: number; placeholder: string }>;
  warnings: ImportIssue[];
  errors: ImportIssue[];
}
