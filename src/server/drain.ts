import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Graceful shutdown of an HTTP server under load, without cutting a request.
 *
 * Closing a listener makes the kernel reset every connection still in its accept queue, and a busy
 * event loop can leave connections there for a while. So the listener stays open while the server
 * drains: connections accepted from then on get a fast, retryable 503 (they have not started any work),
 * while requests on connections accepted before finish normally. The listener closes once those are
 * answered and the accept queue is empty; only a connection that arrives in that last instant is reset.
 */
export class HttpDrain {
  private draining = false;
  /** Connections accepted after the drain began and still open: their requests are refused with 503. */
  private readonly late = new Set<Socket>();
  private lateAccepted = 0;
  /** Connections accepted before the drain that have not delivered their first request yet. */
  private readonly awaitingRequest = new Set<Socket>();
  /** Requests on connections accepted before the drain that are not answered yet. */
  private inProgress = 0;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      if (this.draining) {
        this.late.add(socket);
        this.lateAccepted++;
        socket.once('close', () => this.late.delete(socket));
        return;
      }
      this.awaitingRequest.add(socket);
      socket.once('close', () => this.awaitingRequest.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (this.late.has(req.socket)) return;
      this.awaitingRequest.delete(req.socket);
      this.inProgress++;
      let done = false;
      const finished = () => {
        if (!done) this.inProgress--;
        done = true;
      };
      res.once('finish', finished);
      res.once('close', finished);
    });
  }

  /** Whether this request arrived on a connection accepted after the drain began. */
  refuses(req: IncomingMessage): boolean {
    return this.draining && this.late.has(req.socket);
  }

  /**
   * Refuses new connections' requests from now on, waits (bounded) for earlier connections to deliver
   * their request and for every such request to be answered, then closes the listener and gives the
   * connections accepted meanwhile the same bounded time to receive their 503.
   */
  async drain(firstRequestMs: number, answerMs: number): Promise<void> {
    this.draining = true;
    const firstRequestBy = Date.now() + firstRequestMs;
    while (this.awaitingRequest.size > 0 && Date.now() < firstRequestBy) await sleep(10);
    const answeredBy = Date.now() + answerMs;
    while (this.inProgress > 0 && Date.now() < answeredBy) await sleep(10);
    // A loop kept busy answering accepts queued connections slowly (about one per iteration, as measured
    // here), leaving a queue behind; now that it is idle, turn it until an iteration accepts nothing.
    const settledBy = Date.now() + firstRequestMs;
    for (;;) {
      const accepted = this.lateAccepted;
      await nextPollPhase();
      if (this.lateAccepted === accepted || Date.now() >= settledBy) break;
    }
    // net's close, not http's: http's would also drop connections whose request is not parsed yet.
    NetServer.prototype.close.call(this.server);
    const refusedBy = Date.now() + firstRequestMs;
    while (this.late.size > 0 && Date.now() < refusedBy) await sleep(10);
  }
}

/** Resolves after the event loop has passed through a poll phase that began after this call. */
function nextPollPhase(): Promise<void> {
  // An immediate set from an immediate runs in the check phase of the next loop iteration, after its poll.
  return new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));
}
