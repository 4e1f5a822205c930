import { request } from '../../shared/graphql.js';
import { combobox } from '../combobox.js';
import { announce, esc, grade, href, markRendered, roleLink } from '../dom.js';
import type { ViewModule } from '../main.js';
import { roleOption, suggestRoles } from '../roles.js';

interface StepRole {
  id: string;
  title: string;
  grade: number | null;
  family: { title: string } | null;
}
interface Step {
  kind: 'PROMOTION' | 'LATERAL';
  track: string | null;
  gradeDelta: number | null;
  sharedSkills: number | null;
  from: StepRole;
  to: StepRole;
  adds: {
    requirements: { text: string }[];
    responsibilities: { text: string }[];
    skills: { name: string }[];
  };
  source: { location: string | null };
}
interface PathResult {
  found: boolean;
  message: string;
  routes: { lateralMoves: number; steps: Step[] }[];
  closest: { steps: number; role: StepRole }[];
}

const CAREER_PATHS = `query CareerPaths($from: ID!, $to: ID!, $track: TrackFilter!, $lateral: Boolean!) {
  careerPaths(from: $from, to: $to, k: 3, track: $track, allowLateral: $lateral) {
    found
    message
    routes {
      lateralMoves
      steps {
        kind track gradeDelta sharedSkills
        from { id title grade family { title } }
        to { id title grade family { title } }
        adds { requirements { text } responsibilities { text } skills { name } }
        source { location }
      }
    }
    closest { steps role { id title grade family { title } } }
  }
}`;

function delta(value: number | null): string {
  if (value === null) return '<span class="delta">grade change unknown</span>';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `<span class="delta${value > 0 ? ' up' : ''}">grade ${sign}${Math.abs(value)}</span>`;
}

function list(title: string, items: string[]): string {
  if (items.length === 0) return '';
  return `<details><summary>${esc(title)} (${items.length})</summary><ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul></details>`;
}

function routeHtml(route: PathResult['routes'][number], index: number): string {
  const first = route.steps[0];
  const roles = first ? [first.from, ...route.steps.map((s) => s.to)] : [];
  return `<section class="route-block" data-route-index="${index}" aria-labelledby="route-${index}">
    <h2 id="route-${index}">${index === 0 ? 'Best route' : `Alternative ${index}`}: ${route.steps.length} step${route.steps.length === 1 ? '' : 's'}${
      route.lateralMoves ? `, ${route.lateralMoves} lateral` : ''
    }</h2>
    <p class="route-summary">${roles.map((r) => `${esc(r.title)} (${grade(r.grade)})`).join(' → ')}</p>
    <ol class="route">
      ${route.steps
        .map(
          (step) => `<li class="step">
          <div>${roleLink(step.from)} <span class="muted">(${grade(step.from.grade)})</span> → ${roleLink(step.to)}
            <span class="muted">(${grade(step.to.grade)})</span> ${delta(step.gradeDelta)}
            <span class="badge">${step.kind === 'LATERAL' ? `lateral, ${step.sharedSkills ?? 0} shared skills` : (step.track ?? 'promotion').toLowerCase()}</span>
            ${step.to.family ? `<span class="badge">${esc(step.to.family.title)}</span>` : ''}</div>
          ${step.source.location ? `<div class="muted">ladder line: ${esc(step.source.location)}</div>` : ''}
          ${list(
            'Adds requirements',
            step.adds.requirements.map((r) => r.text),
          )}
          ${list(
            'Adds responsibilities',
            step.adds.responsibilities.map((r) => r.text),
          )}
          ${list(
            'Adds skills',
            step.adds.skills.map((s) => s.name),
          )}
        </li>`,
        )
        .join('')}
    </ol>
  </section>`;
}

export const view: ViewModule = {
  title: 'Path finder',
  async render(root, params, context) {
    const fromId = params.get('from');
    const toId = params.get('to');
    const track = params.get('track') ?? 'ANY';
    const lateral = params.get('lateral') === 'true';
    root.innerHTML = `
      <h1>Path finder</h1>
      <form class="toolbar" id="path-form">
        <div class="group" id="path-from"></div>
        <div class="group" id="path-to"></div>
        <div class="group">
          <label>Track <select id="path-track">
            ${['ANY', 'IC', 'MANAGEMENT'].map((t) => `<option value="${t}"${t === track ? ' selected' : ''}>${t === 'ANY' ? 'any' : t === 'IC' ? 'individual contributor' : 'management'}</option>`).join('')}
          </select></label>
          <label><input type="checkbox" id="path-lateral"${lateral ? ' checked' : ''} /> allow lateral moves</label>
          <button type="submit" class="primary">Find routes</button>
        </div>
      </form>
      <div id="path-result" aria-live="polite"></div>`;
    const [fromOption, toOption] = await Promise.all([
      fromId ? roleOption(fromId) : null,
      toId ? roleOption(toId) : null,
    ]);
    if (context.stale()) return;
    const from = combobox({
      id: 'path-from-input',
      label: 'From role',
      placeholder: 'e.g. Infrastructure Security Engineer',
      suggest: suggestRoles,
      onSelect: () => undefined,
      initial: fromOption,
    });
    const to = combobox({
      id: 'path-to-input',
      label: 'To role',
      placeholder: 'e.g. Director of Product Security',
      suggest: suggestRoles,
      onSelect: () => undefined,
      initial: toOption,
    });
    root.querySelector('#path-from')!.append(from.element);
    root.querySelector('#path-to')!.append(to.element);
    const result = root.querySelector<HTMLElement>('#path-result')!;
    root.querySelector('#path-form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      const a = from.selected();
      const b = to.selected();
      if (!a || !b) {
        result.innerHTML = '<p class="error" role="alert">Choose both roles from the suggestions.</p>';
        return;
      }
      context.navigate(
        href('path', {
          from: a.id,
          to: b.id,
          track: (root.querySelector('#path-track') as HTMLSelectElement).value,
          lateral: (root.querySelector('#path-lateral') as HTMLInputElement).checked ? 'true' : null,
        }),
      );
    });

    if (!fromId || !toId) {
      result.innerHTML =
        '<p class="muted">Choose two roles (type a few letters, then pick a suggestion).</p>';
      markRendered('path');
      return;
    }
    if (!fromOption || !toOption) {
      result.innerHTML = `<p class="error" role="alert">No role with the id ${esc(!fromOption ? fromId : toId)}.</p>`;
      markRendered('path');
      return;
    }
    result.innerHTML = '<p class="muted">Finding routes…</p>';
    const data = await request<{ careerPaths: PathResult }>(CAREER_PATHS, {
      from: fromId,
      to: toId,
      track,
      lateral,
    });
    if (context.stale()) return;
    const paths = data.careerPaths;
    if (!paths.found) {
      result.innerHTML = `<p>${esc(paths.message)}</p>${
        paths.closest.length
          ? `<h2>Reachable from ${esc(fromOption.label)}, closest first</h2><ul>${paths.closest
              .map(
                (c) =>
                  `<li>${roleLink(c.role)} (${grade(c.role.grade)}, ${c.steps} step${c.steps === 1 ? '' : 's'})</li>`,
              )
              .join('')}</ul>`
          : ''
      }`;
    } else {
      result.innerHTML = `<p class="muted">${esc(paths.message)}</p>${paths.routes.map(routeHtml).join('')}`;
    }
    announce(paths.found ? `${paths.routes.length} route(s) found` : paths.message);
    markRendered('path');
  },
};
