/** The types of on-exit-leak-free (it ships none): runs `fn` at exit for `obj` while it is still in use. */
declare module 'on-exit-leak-free' {
  export function register<T extends object>(obj: T, fn: (obj: T, event: 'exit' | 'beforeExit') => void): void;
  export function registerBeforeExit<T extends object>(obj: T, fn: (obj: T, event: 'beforeExit') => void): void;
  export function unregister(obj: object): void;
}
