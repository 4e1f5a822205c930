import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { importDocuments } from '../../ingest/import.js';
import type { ApiContext } from '../context.js';
import { ImportDocumentsInput } from '../inputs/mutation-inputs.js';
import { ImportReport } from '../types/changes.js';

@Resolver(() => ImportReport)
export class ImportResolver {
  @Authorized('editor')
  @Mutation(() => ImportReport, {
    description:
      'Import Markdown handbook pages: the same pipeline and report as `orgraph import --json`, in one transaction.',
  })
  async importDocuments(@Arg('input') input: ImportDocumentsInput, @Ctx() { db }: ApiContext) {
    const report = await importDocuments(
      db,
      input.documents.map((d) => ({ path: d.path, text: d.text })),
      { dryRun: input.dryRun, strict: input.strict },
    );
    return { ...report, counts: report.counts as unknown as Record<string, unknown> };
  }
}
