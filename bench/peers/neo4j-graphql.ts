/**
 * @neo4j/graphql 7 on Apollo Server 5 over the same Neo4j: an SDL equivalent to orgraph's model for the
 * benchmarked operations; its path operations (careerPath, reportingChain, search, upsertRole) are @cypher
 * fields running orgraph's own Cypher (src/graph/queries/paths.ts, src/graph/search.ts).
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';

import { REPORTING_CHAIN_PATH } from '../../src/graph/queries/paths.js';
import { CAREER_ROUTE } from '../operations.js';
import { SEARCH } from '../../src/graph/search.js';
import { announce, benchDriver, countRoundTrips } from './common.js';

const careerPath = `${CAREER_ROUTE}\nUNWIND nodes(p) AS role RETURN role`.replace(/\$track/g, "'ANY'");
const reportingChain = `${REPORTING_CHAIN_PATH}\nUNWIND nodes(p) AS role RETURN role`;
const search =
  `${SEARCH.replace('$candidates', '50').replace('$limit', '10').replace('$roleProps', "['id', 'title']")}`.replace(
    /RETURN ([\s\S]*)$/,
    (_m, cols: string) => `WITH ${cols} RETURN {id: id, kind: kind, score: score, title: text} AS hit`,
  );

export const typeDefs = /* GraphQL */ `
  type Department @node {
    id: ID!
    slug: String!
    name: String!
    parent: [Department!]! @relationship(type: "PART_OF", direction: OUT)
    families: [JobFamily!]! @relationship(type: "IN_DEPARTMENT", direction: IN)
  }
  type JobFamily @node {
    id: ID!
    slug: String!
    title: String!
    description: String
    url: String
    departments: [Department!]! @relationship(type: "IN_DEPARTMENT", direction: OUT)
    roles: [Role!]! @relationship(type: "IN_FAMILY", direction: IN)
  }
  type Role @node {
    id: ID!
    slug: String!
    title: String!
    level: String
    grade: Int
    track: String
    described: Boolean
    summary: String
    families: [JobFamily!]! @relationship(type: "IN_FAMILY", direction: OUT)
    responsibilities: [Responsibility!]! @relationship(type: "HAS_RESPONSIBILITY", direction: OUT)
    requirements: [Requirement!]! @relationship(type: "REQUIRES", direction: OUT)
    reportsTo: [Role!]! @relationship(type: "REPORTS_TO", direction: OUT)
    promotesTo: [Role!]! @relationship(type: "PROMOTES_TO", direction: OUT)
  }
  type Responsibility @node {
    id: ID!
    text: String!
  }
  type Requirement @node {
    id: ID!
    text: String!
  }
  type SearchHit {
    id: ID!
    kind: String!
    score: Float!
    title: String!
  }
  type Query {
    careerPath(from: ID!, to: ID!): [Role!]! @cypher(statement: """${careerPath}""", columnName: "role")
    reportingChain(role: ID!): [Role!]! @cypher(statement: """${reportingChain}""", columnName: "role")
    search(query: String!): [SearchHit!]! @cypher(statement: """${search}""", columnName: "hit")
  }
  type Mutation {
    upsertRole(id: ID!, slug: String!, title: String!, grade: Int!, familyId: ID!): Role
      @cypher(
        statement: """
        MERGE (r:Role {id: $id})
        ON CREATE SET r.aliases = [], r.sourcePath = null
        WITH r, properties(r) AS before
        SET r.slug = $slug, r.title = $title, r.grade = $grade, r.described = true
        WITH r, before
        MATCH (f:JobFamily {id: $familyId})
        MERGE (r)-[:IN_FAMILY]->(f)
        CREATE (e:ChangeEvent {id: randomUUID(), at: datetime(), actor: 'bench', operation: 'updateRole',
                               entityId: r.id, before: toString(before.title), after: r.title})
        RETURN r
        """
        columnName: "r"
      )
  }
`;

const driver = benchDriver();
const counter = countRoundTrips(driver);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema, introspection: false });
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
announce(url.replace(/\/$/, ''), counter.count);
