import { pino, type Logger } from 'pino';
import { requestLogFields } from './request-context.js';

export type { Logger };

/** Structured JSON logs on stderr-free stdout; tokens and credentials are redacted wherever they appear. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      name: 'orgraph',
      level,
      // Any line written while a request is being served gets its reqId, also from code without the request.
      mixin: requestLogFields,
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          'authorization',
          'token',
          'password',
          '*.password',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? process.stdout,
  );
}
