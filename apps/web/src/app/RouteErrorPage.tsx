import { isRouteErrorResponse, useRouteError } from 'react-router';
import { usePageTitle } from '../ui/page-title.ts';

/** Last resort for errors a page did not handle itself: say what happened and offer a way back. */
export function RouteErrorPage() {
  const error = useRouteError();
  usePageTitle('Something went wrong');
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <main className="fatal-error" role="alert">
      <h1>Something went wrong</h1>
      <p>{detail}</p>
      <a className="button button-primary" href="/templates">
        Back to Evaluation Templates
      </a>
    </main>
  );
}
