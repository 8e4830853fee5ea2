/**
 * "New deliveries were written": the outbox's in-process wake-up, so the webhook worker of this process need
 * not wait for its next poll (docs/webhooks.md#the-outbox). Only a hint: a worker that misses it, or another
 * process's worker, finds the deliveries at its next poll anyway.
 */
export interface EnqueuedSignal {
  /** Calls `listener` after every write of new deliveries; answers a function that stops it. */
  onEnqueued(listener: () => void): () => void;
  /** Tells the listeners, on the next turn of the event loop. */
  announce(): void;
}

export function enqueuedSignal(): EnqueuedSignal {
  const listeners = new Set<() => void>();
  return {
    onEnqueued(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    announce() {
      if (listeners.size === 0) return;
      setImmediate(() => {
        for (const listener of listeners) listener();
      });
    },
  };
}
