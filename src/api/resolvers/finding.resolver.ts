import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { lintGraph, type LintFinding } from '../../graph/lint.js';
import type { ApiContext } from '../context.js';
import { withLocation } from '../source.js';
import { Finding } from '../types/finding.js';
import { Role } from '../types/role.js';

type FindingRecord = Omit<Finding, 'severity' | 'source'> & {
  severity: string;
  source: ReturnType<typeof withLocation>;
};

function toFinding(finding: LintFinding): FindingRecord {
  return {
    code: finding.code,
    severity: finding.severity.toUpperCase(),
    message: finding.message,
    roleId: finding.roleId,
    line: finding.sourceLine,
    source: withLocation({
      path: finding.sourcePath,
      line: finding.sourceLine,
      anchor: null,
      importRun: null,
    }),
  };
}

@Resolver(() => Finding)
export class FindingResolver {
  @Query(() => [Finding], {
    description:
      'Lint findings over the stored graph: broken links, reports-to cycles, promotions to a lower grade, roles with ' +
      'no route to leadership, duplicate titles, levels without a grade, placeholder roles.',
  })
  async orgLint(
    @Ctx() { db }: ApiContext,
    @Arg('code', () => String, { nullable: true, description: 'Only findings with this code.' })
    code?: string | null,
  ) {
    return (await lintGraph(db, code ? [code] : undefined)).map(toFinding);
  }

  @FieldResolver(() => Role, { nullable: true, description: 'The role the finding is about.' })
  role(@Root() finding: FindingRecord, @Ctx() { loaders }: ApiContext) {
    return finding.roleId ? loaders.role.load(finding.roleId) : null;
  }
}
