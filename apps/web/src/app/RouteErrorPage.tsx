import { isRouteErrorResponse, useRouteError } from 'react-router';
import { usePageTitle } from '../ui/page-title.ts';

/** Last resort for errors a page did not handle itself: say what happened, offer Retry and a way back. */
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
      <div className="fatal-error-actions">
        {/* A fresh load fetches the app again: what fails here is often a file from an older deploy. */}
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          Retry
        </button>
        <a className="button button-secondary" href="/templates">
          Back to Evaluation Templates
        </a>
      </div>
    </main>
  );
}
