import type { NextFunction, Request, Response } from 'express';
import { authenticate, type Authentication, type AuthSettings } from './auth.js';

export interface RateLimitSettings {
  /** Sustained requests per second per client; 0 turns rate limiting off. */
  perSecond: number;
  /** Requests a client may send at once before the sustained rate applies. */
  burst: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until one request is allowed again (0 when allowed). */
  retryAfterSeconds: number;
  remaining: number;
}

/**
 * A token bucket per client: `burst` tokens, refilled at `perSecond`. Buckets that have refilled
 * completely carry no information, so a periodic sweep drops them and memory stays bounded by the
 * clients active in the last few seconds.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(readonly settings: RateLimitSettings) {}

  get enabled(): boolean {
    return this.settings.perSecond > 0;
  }

  get trackedClients(): number {
    return this.buckets.size;
  }

  take(key: string, now = Date.now()): RateDecision {
    const { perSecond, burst } = this.settings;
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: burst, updated: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updated) / 1000) * perSecond);
    bucket.updated = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0, remaining: Math.floor(bucket.tokens) };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)),
      remaining: 0,
    };
  }

  private sweep(now: number): void {
    const fullAfterMs = (this.settings.burst / this.settings.perSecond) * 1000;
    if (now - this.lastSweep < Math.max(1_000, fullAfterMs)) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updated >= fullAfterMs) this.buckets.delete(key);
    }
  }
}

/** What the rate limiter learned about the caller; the GraphQL context reuses it instead of verifying twice. */
export interface RequestAuthentication {
  authentication: Authentication;
}

/**
 * Limits /graphql per client: a caller with valid credentials is keyed by its principal (API key name or
 * JWT subject), everyone else by address, so rotating made-up tokens does not buy fresh buckets.
 * Over the limit: 429 with Retry-After and a GraphQL-shaped RATE_LIMITED error.
 */
export function rateLimitMiddleware(
  limiter: RateLimiter,
  auth: AuthSettings,
  onLimited: (clientKind: 'principal' | 'address') => void,
) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const authentication = await authenticate(req.headers.authorization, auth);
      (res.locals as RequestAuthentication).authentication = authentication;
      if (!limiter.enabled) return next();
      const principal = authentication.principal;
      const key = principal
        ? `principal:${principal.via}:${principal.subject}`
        : `address:${req.socket.remoteAddress ?? 'unknown'}`;
      const decision = limiter.take(key);
      res.setHeader('RateLimit-Limit', String(limiter.settings.burst));
      res.setHeader('RateLimit-Remaining', String(decision.remaining));
      if (decision.allowed) return next();
      onLimited(principal ? 'principal' : 'address');
      res
        .status(429)
        .set('Retry-After', String(decision.retryAfterSeconds))
        .json({
          errors: [
            {
              message: `too many requests: at most ${limiter.settings.perSecond} per second (bursts of ${limiter.settings.burst}); retry after ${decision.retryAfterSeconds} s`,
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds: decision.retryAfterSeconds },
            },
          ],
        });
    } catch (error) {
      next(error);
    }
  };
}
