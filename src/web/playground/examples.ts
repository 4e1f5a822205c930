/**
 * The operations the playground opens with, one tab each. Each starts with a comment saying what it shows;
 * role ids in the variables are looked up by title when the page loads (see main.tsx), so the examples follow
 * the data instead of hard-coding it.
 */
export interface Example {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Roles the examples start from, found through the API by title (the second one through an alias). */
export const EXAMPLE_ROLES_QUERY = `query PlaygroundExampleRoles {
  from: roleByTitle(title: "Infrastructure Security Engineer (Intermediate)") { id }
  to: roleByTitle(title: "Director of Product Security") { id }
}`;

export interface ExampleRoles {
  from: string;
  to: string;
}

export function examples(roles: ExampleRoles): Example[] {
  return [
    {
      name: 'CareerPath',
      query: `# Career path: the shortest route along the handbook's
# promotion ladders from Infrastructure Security Engineer
# to Director of Product Security (an alias of "Director,
# Security"); each step with its grade change and what it
# adds. Press the run button (or Ctrl-Enter).
query CareerPath($from: ID!, $to: ID!) {
  careerPath(from: $from, to: $to) {
    found
    message
    route {
      roles { title grade }
      steps {
        gradeDelta
        kind
        track
        adds { skills { name } requirements { text } }
        source { location }
      }
    }
  }
}
`,
      variables: { from: roles.from, to: roles.to },
    },
    {
      name: 'NextRoles',
      query: `# Next roles: promotions (and lateral moves) from a
# role, with what each requires beyond it.
query NextRoles($role: ID!) {
  nextRoles(role: $role) {
    kind
    track
    role { title grade family { title } }
    gap { requirements { text } skills { name } }
  }
}
`,
      variables: { role: roles.from },
    },
    {
      name: 'RoleGap',
      query: `# Role gap: requirements, responsibilities and skills
# of "to" that "from" lacks (inheritance counted).
query RoleGap($from: ID!, $to: ID!) {
  roleGap(from: $from, to: $to) {
    from { title }
    to { title }
    skills { name }
    requirements { text }
    responsibilities { text }
  }
}
`,
      variables: { from: roles.from, to: roles.to },
    },
    {
      name: 'ReportingChain',
      query: `# Reporting chain: the role, its manager, and so on
# up, each reporting line with its source.
query ReportingChain($role: ID!) {
  reportingChain(role: $role) {
    cycle
    roles { title grade }
    sources { location }
  }
}
`,
      variables: { role: roles.from },
    },
    {
      name: 'OrgChart',
      query: `# Org chart: a department's sub-departments, families,
# teams and roles as a flat list with parent ids and
# counts (the dashboard draws it at /dashboard).
query OrgChart($department: String!, $depth: Int!) {
  orgChart(department: $department, depth: $depth) {
    nodes { id parentId kind name roleCount vacancies }
  }
}
`,
      variables: { department: 'department:security', depth: 2 },
    },
    {
      name: 'Search',
      query: `# Search: full text over titles, responsibilities and
# requirements, ranked.
query Search($text: String!) {
  search(text: $text, first: 10) {
    kind
    title
    score
    snippet
    role { id title }
  }
}
`,
      variables: { text: 'Infrastructure Security' },
    },
    {
      name: 'UpsertRole',
      query: `# A mutation with a token: create or update a role.
# Writes need the editor role: put an API key from
# ORGRAPH_API_KEYS (or a JWT) in the Authorization
# header (Headers tab below). Every change is audited
# (see the "changes" query).
mutation UpsertRole($input: RoleInput!) {
  upsertRole(input: $input) {
    role { id title grade track }
    change { id actor operation at }
  }
}
`,
      variables: { input: { title: 'Playground Example Engineer', grade: 6, track: 'IC' } },
      headers: { Authorization: 'Bearer <an editor API key or JWT>' },
    },
  ];
}
