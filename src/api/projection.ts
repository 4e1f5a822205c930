/**
 * Which node properties a selection needs: lists of roles and families fetch only those (see
 * PROJECTED_ROLE_ITEM), so a wide org query does not read and ship every property of every node.
 */

/** Provenance properties, behind every `source` field. */
const SOURCE_PROPS = ['sourcePath', 'sourceLine', 'sourceAnchor', 'importRun'] as const;

/** Fields of Role served from the property of the same name; the other fields resolve from the id. */
const ROLE_FIELDS = new Set(['slug', 'title', 'level', 'grade', 'track', 'described', 'aliases', 'summary']);
/** The same for JobFamily. */
const FAMILY_FIELDS = new Set(['slug', 'title', 'description', 'url']);

function propertiesFor(selected: ReadonlySet<string>, plain: ReadonlySet<string>): string[] {
  const properties = ['id'];
  for (const field of [...selected].sort()) {
    if (plain.has(field)) properties.push(field);
    else if (field === 'source') properties.push(...SOURCE_PROPS);
  }
  return properties;
}

export const roleProperties = (selected: ReadonlySet<string>) => propertiesFor(selected, ROLE_FIELDS);
export const familyProperties = (selected: ReadonlySet<string>) => propertiesFor(selected, FAMILY_FIELDS);
