/**
 * The skills vocabulary: technologies and competencies tagged on requirements (and through them on roles).
 * A skill is found in a requirement's text when one of its patterns matches; patterns are whole-word and
 * case-insensitive unless written otherwise. To extend the vocabulary add an entry here (slug = stable id,
 * name = display name, kind, patterns); ids are `skill:<slug>`, so never rename a slug that is in use.
 */

export interface SkillDefinition {
  slug: string;
  name: string;
  kind: 'technology' | 'competency';
  patterns: RegExp[];
}

const w = (word: string, flags = 'i'): RegExp => new RegExp(`(?<![\\w-])${word}(?![\\w-])`, flags);

export const SKILLS: readonly SkillDefinition[] = [
  { slug: 'gcp', name: 'GCP', kind: 'technology', patterns: [w('GCP'), w('Google Cloud(?: Platform)?')] },
  { slug: 'aws', name: 'AWS', kind: 'technology', patterns: [w('AWS'), w('Amazon Web Services')] },
  { slug: 'azure', name: 'Azure', kind: 'technology', patterns: [w('Azure')] },
  { slug: 'kubernetes', name: 'Kubernetes', kind: 'technology', patterns: [w('Kubernetes'), w('k8s')] },
  { slug: 'docker', name: 'Docker', kind: 'technology', patterns: [w('Docker')] },
  { slug: 'terraform', name: 'Terraform', kind: 'technology', patterns: [w('Terraform')] },
  { slug: 'ansible', name: 'Ansible', kind: 'technology', patterns: [w('Ansible')] },
  { slug: 'chef', name: 'Chef', kind: 'technology', patterns: [w('Chef', '')] },
  { slug: 'puppet', name: 'Puppet', kind: 'technology', patterns: [w('Puppet', '')] },
  { slug: 'linux', name: 'Linux', kind: 'technology', patterns: [w('Linux')] },
  { slug: 'python', name: 'Python', kind: 'technology', patterns: [w('Python')] },
  { slug: 'ruby', name: 'Ruby', kind: 'technology', patterns: [w('Ruby')] },
  {
    slug: 'ruby-on-rails',
    name: 'Ruby on Rails',
    kind: 'technology',
    patterns: [w('Ruby on Rails'), w('Rails', '')],
  },
  {
    slug: 'go',
    name: 'Go',
    kind: 'technology',
    patterns: [w('Golang'), /(?<![\w-])Go(?![\w-])(?! to| through| beyond| above)/],
  },
  { slug: 'javascript', name: 'JavaScript', kind: 'technology', patterns: [w('JavaScript'), w('JS', '')] },
  { slug: 'typescript', name: 'TypeScript', kind: 'technology', patterns: [w('TypeScript')] },
  { slug: 'vue', name: 'Vue.js', kind: 'technology', patterns: [w('Vue(?:\\.js|JS)?')] },
  { slug: 'sql', name: 'SQL', kind: 'technology', patterns: [w('SQL', '')] },
  { slug: 'postgresql', name: 'PostgreSQL', kind: 'technology', patterns: [w('PostgreSQL'), w('Postgres')] },
  { slug: 'bigquery', name: 'BigQuery', kind: 'technology', patterns: [w('BigQuery')] },
  { slug: 'snowflake', name: 'Snowflake', kind: 'technology', patterns: [w('Snowflake')] },
  { slug: 'dbt', name: 'dbt', kind: 'technology', patterns: [w('dbt')] },
  { slug: 'splunk', name: 'Splunk', kind: 'technology', patterns: [w('Splunk')] },
  { slug: 'elk', name: 'ELK', kind: 'technology', patterns: [w('ELK', ''), w('Elasticsearch')] },
  { slug: 'salesforce', name: 'Salesforce', kind: 'technology', patterns: [w('Salesforce'), w('SFDC')] },
  { slug: 'git', name: 'Git', kind: 'technology', patterns: [w('Git', '')] },
  { slug: 'gitlab', name: 'GitLab', kind: 'technology', patterns: [w('GitLab')] },
  { slug: 'ci-cd', name: 'CI/CD', kind: 'technology', patterns: [w('CI/CD'), w('continuous integration')] },
  {
    slug: 'infrastructure-as-code',
    name: 'Infrastructure as code',
    kind: 'technology',
    patterns: [w('infrastructure[- ]as[- ]code'), w('IaC', '')],
  },
  {
    slug: 'incident-response',
    name: 'Incident response',
    kind: 'competency',
    patterns: [w('incident response'), w('incident management')],
  },
  { slug: 'cloud-security', name: 'Cloud security', kind: 'competency', patterns: [w('cloud security')] },
  {
    slug: 'application-security',
    name: 'Application security',
    kind: 'competency',
    patterns: [w('application security'), w('AppSec')],
  },
  {
    slug: 'vulnerability-management',
    name: 'Vulnerability management',
    kind: 'competency',
    patterns: [w('vulnerability management')],
  },
  {
    slug: 'threat-modeling',
    name: 'Threat modelling',
    kind: 'competency',
    patterns: [w('threat model(?:l?ing)?')],
  },
  {
    slug: 'site-reliability-engineering',
    name: 'Site reliability engineering',
    kind: 'competency',
    patterns: [w('site[- ]reliability'), w('SRE', '')],
  },
  {
    slug: 'data-analysis',
    name: 'Data analysis',
    kind: 'competency',
    patterns: [w('data analysis'), w('analytics')],
  },
  {
    slug: 'machine-learning',
    name: 'Machine learning',
    kind: 'competency',
    patterns: [w('machine learning'), w('ML', '')],
  },
  {
    slug: 'people-management',
    name: 'People management',
    kind: 'competency',
    patterns: [
      w('people manage(?:ment|rs?)'),
      w('managing (?:a )?teams?'),
      w('leading (?:people )?managers'),
    ],
  },
  { slug: 'hiring', name: 'Hiring', kind: 'competency', patterns: [w('hiring'), w('recruit(?:ing|ment)?')] },
  {
    slug: 'communication',
    name: 'Communication',
    kind: 'competency',
    patterns: [w('communication skills'), w('(?:written|verbal) communication')],
  },
  {
    slug: 'project-management',
    name: 'Project management',
    kind: 'competency',
    patterns: [w('project management'), w('program management')],
  },
  {
    slug: 'stakeholder-management',
    name: 'Stakeholder management',
    kind: 'competency',
    patterns: [w('stakeholders?')],
  },
  {
    slug: 'sales',
    name: 'Sales',
    kind: 'competency',
    patterns: [w('quota'), w('sales cycles?'), w('closing deals')],
  },
  {
    slug: 'marketing',
    name: 'Marketing',
    kind: 'competency',
    patterns: [w('marketing campaigns?'), w('demand generation')],
  },
  {
    slug: 'ux-research',
    name: 'UX research',
    kind: 'competency',
    patterns: [w('UX research'), w('user research')],
  },
  {
    slug: 'technical-writing',
    name: 'Technical writing',
    kind: 'competency',
    patterns: [w('technical writing'), w('documentation')],
  },
  { slug: 'open-source', name: 'Open source', kind: 'competency', patterns: [w('open[- ]source')] },
  {
    slug: 'remote-work',
    name: 'Remote work',
    kind: 'competency',
    patterns: [w('remote (?:work|team|organization|environment)'), w('all-remote')],
  },
];

/** The skills a piece of text mentions, in vocabulary order (so ids and order are deterministic). */
export function skillsIn(text: string): SkillDefinition[] {
  return SKILLS.filter((s) => s.patterns.some((p) => p.test(text)));
}
