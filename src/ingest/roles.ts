/**
 * What a role title says about the role: its level and its track. Both are inferred from GitLab's title
 * conventions and always come with the reason, so a wrong inference can be traced to the rule that made it.
 */

export type Track = 'IC' | 'MANAGEMENT';

// "Manager, X" (comma form) is GitLab's convention for a people manager; "X Manager" alone is often an IC
// title (Product Manager, Account Manager), so it counts only with a word that names a managed team.
const MANAGEMENT_RULES: Array<[RegExp, string]> = [
  [/\b(chief|ceo|cto|cfo|cmo|cro|cpo|ciso|cmso)\b/i, 'an executive title'],
  [/\b(vice president|vp|svp|evp|avp)\b/i, 'a vice-president title'],
  [/\bdirector\b/i, 'a director title'],
  [/\bhead of\b/i, 'a "Head of" title'],
  [/\bsenior manager\b|\bsr\.? manager\b/i, 'a senior-manager title'],
  [/^(?:manager|mgr)\b/i, 'a title starting with "Manager" (GitLab\'s people-manager form)'],
  [/\bmanager,/i, 'a "Manager, <team>" title (GitLab\'s people-manager form)'],
  [/\bmanager of\b/i, 'a "Manager of" title'],
  [
    /\b(engineering|security|support|team|people|research|operations|design|data|development|quality|infrastructure|response|safety|logging|enablement|services) manager\b/i,
    'a "<team> Manager" title that names a managed team',
  ],
  [/\bteam lead\b/i, 'a team-lead title'],
  [/\bgeneral manager\b|\bcountry manager\b/i, 'a general/country manager title'],
];

export function trackOf(title: string): { track: Track; reason: string } {
  for (const [re, reason] of MANAGEMENT_RULES) {
    if (re.test(title)) return { track: 'MANAGEMENT', reason: `"${title}" is ${reason}` };
  }
  return { track: 'IC', reason: `"${title}" has no management title word` };
}

/** Why a promotion is on the IC or management track: the track of the role promoted into. */
export function promotionTrack(fromTitle: string, toTitle: string): { track: Track; reason: string } {
  const from = trackOf(fromTitle);
  const to = trackOf(toTitle);
  if (to.track === 'MANAGEMENT') {
    return {
      track: 'MANAGEMENT',
      reason:
        from.track === 'IC'
          ? `moves from IC to management: ${to.reason}`
          : `stays in management: ${to.reason}`,
    };
  }
  return {
    track: 'IC',
    reason: from.track === 'MANAGEMENT' ? `moves back to IC: ${to.reason}` : `stays IC: ${to.reason}`,
  };
}

const LEVEL_WORDS: Array<[RegExp, string]> = [
  [/\b(intern|internship)\b/i, 'Intern'],
  [/\b(associate|junior|jr\.?)\b/i, 'Associate'],
  [/\bintermediate\b/i, 'Intermediate'],
  [/\bsenior distinguished\b/i, 'Senior Distinguished'],
  [/\bdistinguished\b/i, 'Distinguished'],
  [/\bfellow\b/i, 'Fellow'],
  [/\b(principal|principle|prinicipal)\b/i, 'Principal'],
  [/\bstaff\b/i, 'Staff'],
  [/\b(chief|ceo|cto|cfo|cmo|cro|cpo|ciso)\b/i, 'Chief'],
  [/\b(senior vice president|svp)\b/i, 'Senior Vice President'],
  [/\b(vice president|vp)\b/i, 'Vice President'],
  [/\bsenior director\b/i, 'Senior Director'],
  [/\bdirector\b/i, 'Director'],
  [/\b(senior|sr\.?) manager\b/i, 'Senior Manager'],
  [/^(manager|mgr)\b|\bmanager,|\b(engineering|security|team) manager\b/i, 'Manager'],
  [/\b(senior|sr\.?)\b/i, 'Senior'],
  [/\blead\b/i, 'Lead'],
];

/** The level word(s) of a title; "Intermediate" when none is given (GitLab's unmarked level). */
export function levelOf(title: string): string {
  for (const [re, level] of LEVEL_WORDS) if (re.test(title)) return level;
  return 'Intermediate';
}
