import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { projectRoot } from '../config/paths.js';

/** Where `npm run build:web` (Vite, src/web/vite.config.ts) writes the playground and the dashboard. */
export const WEB_ROOT = join(projectRoot, 'dist', 'web');

/**
 * Everything the pages load comes from this origin. Styles may be inline (GraphiQL's editor and the org chart
 * set style attributes), images may be data:/blob: URLs (chart exports), the editor's workers are local files.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface WebSettings {
  /** GraphiQL at / and /playground (settings.playground: on outside production unless ORGRAPH_PLAYGROUND). */
  playground: boolean;
}

function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  res.set({
    'Content-Security-Policy': WEB_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  next();
}

/**
 * Mounts the browser pages on the API's express app: GraphiQL at `/` and `/playground` (when on), the
 * dashboard at `/dashboard` with every deeper path answered by its index.html (deep links restore views on the
 * client), and the hashed bundles at `/web/assets`. `root` is the Vite output folder.
 */
export function mountWeb(app: Express, settings: WebSettings, root: string = WEB_ROOT): void {
  const page = (file: string) => (_req: Request, res: Response) => {
    const path = join(root, file);
    if (!existsSync(path)) {
      res
        .status(503)
        .type('text/plain')
        .send(`The web pages are not built (${path} is missing): run \`npm run build\`.`);
      return;
    }
    res.set('Cache-Control', 'no-cache');
    res.sendFile(path);
  };

  // Bundle names carry a content hash, so they can be cached for good.
  app.use(
    '/web/assets',
    securityHeaders,
    express.static(join(root, 'assets'), { index: false, immutable: true, maxAge: '365d' }),
    (_req: Request, res: Response) => {
      res.status(404).type('text/plain').send('No such asset (rebuilt since this page was loaded?).');
    },
  );

  if (settings.playground) {
    app.get(['/', '/playground'], securityHeaders, page('playground/index.html'));
  } else {
    app.get('/', (_req, res) => res.redirect(302, '/dashboard/'));
    app.get('/playground', (_req, res) => {
      res
        .status(404)
        .type('text/plain')
        .send('The playground is off here (NODE_ENV=production, or ORGRAPH_PLAYGROUND=false).');
    });
  }

  app.get('/dashboard{/*rest}', securityHeaders, page('dashboard/index.html'));
}
