import { request } from '../shared/graphql.js';
import type { ComboOption } from './combobox.js';

interface RoleHit {
  id: string;
  title: string;
  grade: number | null;
  described: boolean;
  family: { title: string } | null;
}

const ROLE_SUGGESTIONS = `query RoleSuggestions($text: String!) {
  exact: roleByTitle(title: $text) { id title grade described family { title } }
  search(text: $text, first: 20) { kind role { id title grade described family { title } } }
}`;

const ROLE_LABEL = `query RoleLabel($id: ID!) { role(id: $id) { id title grade described family { title } } }`;

function toOption(role: RoleHit): ComboOption {
  const family = role.family?.title ?? (role.described ? 'no family' : 'placeholder, not described');
  return {
    id: role.id,
    label: role.title,
    detail: `${family}${role.grade === null ? '' : ` · grade ${role.grade}`}`,
  };
}

/** Role suggestions: an exact title or alias match first, then full-text hits that are (or name) roles. */
export async function suggestRoles(text: string, signal: AbortSignal): Promise<ComboOption[]> {
  const data = await request<{ exact: RoleHit | null; search: { role: RoleHit | null }[] }>(
    ROLE_SUGGESTIONS,
    { text },
    signal,
  );
  const seen = new Set<string>();
  const roles: RoleHit[] = [];
  for (const role of [data.exact, ...data.search.map((hit) => hit.role)]) {
    if (role && !seen.has(role.id)) {
      seen.add(role.id);
      roles.push(role);
    }
  }
  return roles.slice(0, 12).map(toOption);
}

/** The combobox label of a role id from a deep link. */
export async function roleOption(id: string): Promise<ComboOption | null> {
  const data = await request<{ role: RoleHit | null }>(ROLE_LABEL, { id });
  return data.role ? toOption(data.role) : null;
}
