import { Form, isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import { currentActor } from "./accounts/actor.server";
import { canAdministerBudgets, hasRole, isModerator } from "./accounts/permissions";
import { hasOrders } from "./purchasing/views.server";
import { searchPageCache } from "./directory/page-cache.server";
import { securityMiddleware } from "./security.server";
import "./app.css";

export const middleware: Route.MiddlewareFunction[] = [securityMiddleware, searchPageCache];

export function loader({ context }: Route.LoaderArgs) {
  const actor = currentActor(context);
  return {
    user: actor && {
      name: actor.user.name,
      organisations: actor.organisations.length > 0,
      moderator: isModerator(actor),
      budgets: hasRole(actor, "budget-holder") || actor.represents.length > 0,
      orders: hasRole(actor, "budget-holder") || actor.represents.length > 0 || hasOrders(actor),
      commissioner: hasRole(actor, "commissioner"),
      budgetAccounts: canAdministerBudgets(actor),
    },
  };
}

function Navigation() {
  const user = useRouteLoaderData<typeof loader>("root")?.user;
  const link = "text-white! font-bold";
  return (
    <nav aria-label="Main">
      <ul className="flex flex-wrap items-center gap-x-5 gap-y-1">
        <li><Link to="/search" className={link}>Find support</Link></li>
        <li><Link to="/group-offers" className={link}>Group offers</Link></li>
        <li><Link to="/suggest" className={link}>Suggest a service</Link></li>
        {user?.budgets && <li><Link to="/budgets" className={link}>Budgets</Link></li>}
        {user?.orders && <li><Link to="/orders" className={link}>Orders</Link></li>}
        {user?.orders && <li><Link to="/reviews" className={link}>Your reviews</Link></li>}
        {user?.organisations && <li><Link to="/provider" className={link}>Your organisations</Link></li>}
        {user?.organisations && <li><Link to="/provider/inbox" className={link}>Inbox</Link></li>}
        {user?.organisations && <li><Link to="/provider/reviews" className={link}>Reviews</Link></li>}
        {user?.budgets && <li><Link to="/looking-for" className={link}>Looking for</Link></li>}
        {user?.organisations && <li><Link to="/provider/requests" className={link}>Requests</Link></li>}
        {user?.commissioner && <li><Link to="/insights" className={link}>Insights</Link></li>}
        {user?.commissioner && <li><Link to="/council/returns" className={link}>Returns</Link></li>}
        {user?.moderator && <li><Link to="/moderation" className={link}>Moderation</Link></li>}
        {user?.budgetAccounts && <li><Link to="/admin/budgets" className={link}>Budget accounts</Link></li>}
        {user ? (
          <>
            <li><Link to="/account" className={link}>Your account<span className="sr-only"> ({user.name})</span></Link></li>
            <li>
              <Form method="post" action="/logout">
                <button type="submit" className="text-white underline font-bold cursor-pointer">Log out</button>
              </Form>
            </li>
          </>
        ) : (
          <li><Link to="/login" className={link}>Log in</Link></li>
        )}
      </ul>
    </nav>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen flex flex-col">
        <a href="#main-content" className="skip-link sr-only focus:not-sr-only focus:block focus:p-2">Skip to main content</a>
        <header className="bg-brand text-white">
          <div className="max-w-6xl mx-auto px-4 py-3 flex flex-wrap items-center justify-between gap-3">
            <Link to="/" className="text-white! visited:text-white text-2xl font-bold no-underline">Weave</Link>
            <Navigation />
          </div>
        </header>
        <main id="main-content" tabIndex={-1} className="max-w-6xl w-full mx-auto px-4 py-6 flex-1 focus:outline-none">
          {children}
        </main>
        <footer className="bg-wash border-t-4 border-brand mt-8">
          <div className="max-w-6xl mx-auto px-4 py-6 text-sm text-muted">
            <p>Weave: find, compare and buy support with a personal budget, across Yorkshire and the Humber.</p>
            <p>The listings here are demonstration data: the organisations and services are invented.</p>
          </div>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const title = notFound ? "Page not found" : isRouteErrorResponse(error) ? `Sorry, there is a problem (${error.status})` : "Sorry, there is a problem with the service";
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <>
      <title>{`${title} – Weave`}</title>
      <h1 className="text-3xl font-bold mb-4">{title}</h1>
      {notFound ? (
        <p className="mb-4">If you typed the web address, check it is correct. The service may also have been withdrawn.</p>
      ) : (
        <p className="mb-4">{isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : "Please try again later."}</p>
      )}
      <p><Link to="/search">Search for support</Link></p>
    </>
  );
}
