import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { PerformanceIndicatorRecord } from '../../graph/records.js';
import { withLocation } from '../source.js';
import { PerformanceIndicator } from '../types/org.js';
import { Source } from '../types/source.js';

@Resolver(() => PerformanceIndicator)
export class PerformanceIndicatorResolver {
  @FieldResolver(() => Source, { description: 'Where it is listed.' })
  source(@Root() indicator: PerformanceIndicatorRecord) {
    return withLocation(indicator.source);
  }
}
