import { lazy, type ReactNode, Suspense } from "react";
import {
  createBrowserRouter,
  createRoutesFromElements,
  Navigate,
  Outlet,
  Route,
  RouterProvider,
  useLocation,
} from "react-router";
import { PageSpin } from "../components/PageSpin";
import { LoginPage } from "../features/auth/LoginPage";
import { RequireAdmin, RequireSession } from "../features/auth/RequireSession";
import { SetupPage } from "../features/auth/SetupPage";
import { ContactDetailPage } from "../features/contacts/ContactDetailPage";
import { ContactListPage } from "../features/contacts/ContactListPage";
import { CustomerDetailPage } from "../features/customers/CustomerDetailPage";
import { CustomerListPage } from "../features/customers/CustomerListPage";
import { FollowUpsPage } from "../features/follow-ups/FollowUpsPage";
import { PoolCustomerPage } from "../features/pool/PoolCustomerPage";
import { PoolPage } from "../features/pool/PoolPage";
import { MyTasksPage } from "../features/tasks/MyTasksPage";
import { AppLayout } from "./layout/AppLayout";
import { NewVersionBoundary } from "./NewVersionBoundary";
import { NotFoundPage } from "./NotFoundPage";

// Imports are occasional: their pages load when first opened.
const ImportWizardPage = lazy(() =>
  import("../features/imports/ImportWizardPage").then((m) => ({ default: m.ImportWizardPage })),
);
const ImportHistoryPage = lazy(() =>
  import("../features/imports/ImportHistoryPage").then((m) => ({ default: m.ImportHistoryPage })),
);
// Admin pages are for a few users only: load them when first opened.
const UsersPage = lazy(() => import("../features/admin/UsersPage").then((m) => ({ default: m.UsersPage })));
const DepartmentsPage = lazy(() =>
  import("../features/admin/DepartmentsPage").then((m) => ({ default: m.DepartmentsPage })),
);
const RolesPage = lazy(() => import("../features/admin/RolesPage").then((m) => ({ default: m.RolesPage })));
const ApiKeysPage = lazy(() => import("../features/admin/ApiKeysPage").then((m) => ({ default: m.ApiKeysPage })));
const CustomFieldsPage = lazy(() =>
  import("../features/custom-fields/CustomFieldsPage").then((m) => ({ default: m.CustomFieldsPage })),
);
const PoolSettingsPage = lazy(() =>
  import("../features/pool/PoolSettingsPage").then((m) => ({ default: m.PoolSettingsPage })),
);
const DuplicatesPage = lazy(() =>
  import("../features/duplicates/DuplicatesPage").then((m) => ({ default: m.DuplicatesPage })),
);
const OptionListsPage = lazy(() =>
  import("../features/option-lists/OptionListsPage").then((m) => ({ default: m.OptionListsPage })),
);

// A data router: its blocker (useBlocker) is what asks before a page with unsaved input is left.
const router = createBrowserRouter(
  createRoutesFromElements(
    <>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/setup" element={<SetupPage />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<Navigate to="/customers" replace />} />
        <Route path="customers" element={<CustomerListPage />} />
        <Route path="customers/:id" element={<CustomerDetailPage />} />
        <Route path="pool" element={<PoolPage />} />
        <Route path="pool/:id" element={<PoolCustomerPage />} />
        <Route path="contacts" element={<ContactListPage />} />
        <Route path="contacts/:id" element={<ContactDetailPage />} />
        <Route path="follow-ups" element={<FollowUpsPage />} />
        <Route path="tasks" element={<MyTasksPage />} />
        <Route
          path="duplicates"
          element={
            <LazyPage>
              <DuplicatesPage />
            </LazyPage>
          }
        />
        <Route
          path="imports"
          element={
            <LazyPage>
              <ImportHistoryPage />
            </LazyPage>
          }
        />
        <Route
          path="imports/new"
          element={
            <LazyPage>
              <ImportWizardPage />
            </LazyPage>
          }
        />
        <Route path="admin" element={<AdminOnlyOutlet />}>
          <Route index element={<Navigate to="/admin/users" replace />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="departments" element={<DepartmentsPage />} />
          <Route path="roles" element={<RolesPage />} />
          <Route path="api-keys" element={<ApiKeysPage />} />
          <Route path="option-lists" element={<OptionListsPage />} />
          <Route path="pool" element={<PoolSettingsPage />} />
          <Route path="custom-fields" element={<CustomFieldsPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </>,
  ),
);

export function AppRouter() {
  return <RouterProvider router={router} />;
}

/** A page whose code loads when first opened; if that fails (a new version is out), it says so. */
function LazyPage({ children }: { children: ReactNode }) {
  return (
    <NewVersionBoundary>
      <Suspense fallback={<PageSpin />}>{children}</Suspense>
    </NewVersionBoundary>
  );
}

function AdminOnlyOutlet() {
  // Keyed by page: going on to another admin page starts over, without the last page's error.
  const { pathname } = useLocation();
  return (
    <RequireAdmin>
      <LazyPage key={pathname}>
        <Outlet />
      </LazyPage>
    </RequireAdmin>
  );
}
