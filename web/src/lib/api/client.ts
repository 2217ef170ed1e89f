import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";

// The CSRF token lives in memory only: it arrives with every session answer
// (login, setup, session check) and a reload fetches it again.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

let handleUnauthorized = () => {
  if (window.location.pathname !== "/login") window.location.assign("/login");
};

/** The app replaces the default full-page redirect with a router-aware one. */
export function setUnauthorizedHandler(handler: () => void) {
  handleUnauthorized = handler;
}

// A 401 from these is an expected answer ("not signed in", "wrong password"),
// not a sign that the session expired.
const expectedUnauthorized = new Set<string>(["/api/v1/auth/session", "/api/v1/auth/login", "/api/v1/setup"]);
const unsafeMethods = new Set(["POST", "PATCH", "PUT", "DELETE"]);

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    // Lets the server answer validation messages in the UI's language.
    const language = document.documentElement.lang;
    if (language) request.headers.set("accept-language", language);
    if (csrfToken && unsafeMethods.has(request.method)) {
      request.headers.set("x-csrf-token", csrfToken);
    }
    return request;
  },
  onResponse({ response, schemaPath }) {
    if (response.status === 401 && !expectedUnauthorized.has(schemaPath)) {
      csrfToken = null;
      handleUnauthorized();
    }
    return response;
  },
};

// credentials: "include" is a request-init option, so it is set once here and
// openapi-fetch applies it to every request the middleware sees.
export const api = createClient<paths>({ baseUrl: "", credentials: "include" });
api.use(sessionMiddleware);
