/**
 * `fn` with its last answer kept: asked again with the same argument (`===`), it answers without calling `fn`.
 * For work one request asks for more than once (an API key's hash, its format) or many calls in a row share (the
 * stamps of one millisecond). One entry, so it never grows; `fn` must answer the same for the same argument.
 */
export function rememberLast<A, R>(fn: (arg: A) => R): (arg: A) => R {
  let last: { readonly arg: A; readonly answer: R } | undefined;
  return (arg) => {
    if (last === undefined || last.arg !== arg) last = { arg, answer: fn(arg) };
    return last.answer;
  };
}
