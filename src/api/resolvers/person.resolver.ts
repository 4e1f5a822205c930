import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { PersonRecord } from '../../graph/records.js';
import type { ApiContext } from '../context.js';
import { withLocation } from '../source.js';
import { Person } from '../types/org.js';
import { Role } from '../types/role.js';
import { Source } from '../types/source.js';

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'A person by id (when people are imported).' })
  person(@Arg('id', () => ID) id: string, @Ctx() { loaders }: ApiContext) {
    return loaders.person.load(id);
  }

  @FieldResolver(() => Source, { description: 'Where the person was imported from.' })
  source(@Root() person: PersonRecord) {
    return withLocation(person.source);
  }

  @Authorized('viewer')
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Work email. Personal data: needs at least the viewer role.',
  })
  email(@Root() person: PersonRecord): string | null {
    return person.email;
  }

  @FieldResolver(() => [Role], { description: 'Roles the person holds.' })
  roles(@Root() person: PersonRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.personRoles.load(person.id);
  }

  @FieldResolver(() => Person, { nullable: true, description: "The person's manager." })
  manager(@Root() person: PersonRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.personManager.load(person.id);
  }

  @FieldResolver(() => [Person], { description: 'People this person manages.' })
  reports(@Root() person: PersonRecord, @Ctx() { loaders }: ApiContext) {
    return loaders.personReports.load(person.id);
  }
}
