/** The `Cookie` header a browser sends back after `res`: each `Set-Cookie`'s name=value, attributes dropped. */
export const cookieHeaderFrom = (res: Response): string =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
