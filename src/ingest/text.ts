import { createHash } from 'node:crypto';

/** Collapses runs of whitespace (including non-breaking spaces) to single spaces and trims. */
export function clean(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** kebab-case slug used for ids: lowercase ASCII words joined by single dashes. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The anchor Hugo (goldmark) gives a heading, with dash runs collapsed so that "Manager,  Infrastructure
 * Security" (two spaces) and its one-space link match. Used both for role ids and for comparing link anchors.
 */
export function anchorSlug(text: string): string {
  return clean(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function normaliseAnchor(anchor: string): string {
  return decodeURIComponent(anchor)
    .toLowerCase()
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Text of a responsibility/requirement as it is hashed into its id: case and spacing do not matter. */
export function normaliseFactText(text: string): string {
  return clean(text)
    .replace(/[.;,:]+$/, '')
    .toLowerCase();
}

// Seniority and rank words, longest first so "senior manager" wins over "senior".
const RANK_WORDS = [
  'senior vice president',
  'vice president',
  'senior director',
  'senior manager',
  'director',
  'manager',
  'vp',
  'svp',
  'head',
  'chief',
  'lead',
];

// Spelling variants and typos seen in the handbook; each is an explainable alias rule.
const WORD_VARIANTS: Array<[RegExp, string]> = [
  [/\bsr\.?(?=\s|$)/g, 'senior'],
  [/\bjr\.?(?=\s|$)/g, 'junior'],
  [/\bmgr\.?(?=\s|$)/g, 'manager'],
  [/\bprinciple\b/g, 'principal'],
  [/\bprinicipal\b/g, 'principal'],
  [/\bvice president\b/g, 'vp'],
  [/\bv\.p\.?/g, 'vp'],
  [/\bengineers\b/g, 'engineer'],
  [/\bmanagers\b/g, 'manager'],
  [/\bspecialists\b/g, 'specialist'],
];

/**
 * A role title reduced to a comparison key so the forms the handbook uses for one role compare equal:
 * "Manager, Infrastructure Security", "Infrastructure Security Manager", "Director of Product Security" /
 * "Product Security Director", "Infrastructure Security Engineer (Intermediate)" / "Infrastructure Security
 * Engineer", "Sr. Manager" / "Senior Manager". Deterministic, order-insensitive only in the documented ways.
 */
export function titleKey(title: string): string {
  let t = clean(title).toLowerCase();
  t = t.replace(/\*|_|`/g, '');
  t = t.replace(/&/g, ' and ');
  t = t.replace(/\((intermediate|mid-level|mid|ic)\)/g, ' ');
  t = t.replace(/\(([^)]*)\)/g, ' $1 ');
  for (const [re, to] of WORD_VARIANTS) t = t.replace(re, to);
  t = t.replace(/[–—]/g, '-');
  t = clean(t.replace(/\s+-\s+/g, ', '));
  // "<rank> of <area>" → "<area> <rank>"
  for (const rank of RANK_WORDS) {
    const m = new RegExp(`^(${rank}) (?:of|for) (?:the )?(.+)$`).exec(t);
    if (m) {
      t = `${m[2]} ${m[1]}`;
      break;
    }
  }
  // "<rank>, <area>" → "<area> <rank>" (GitLab's "Manager, Infrastructure Security")
  const comma = /^([^,]+), (.+)$/.exec(t);
  if (comma) t = `${comma[2]} ${comma[1]}`;
  t = t.replace(/[^a-z0-9 ]+/g, ' ');
  t = clean(t.replace(/^intermediate /, '').replace(/ intermediate$/, ''));
  return t;
}
