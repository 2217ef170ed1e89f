import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { unwrap, unwrapEmpty } from "../../lib/api/errors";
import type { RequestOf, ResponseOf } from "../../lib/api/types";

export type User = ResponseOf<"/api/v1/users/{id}", "get">;
export type UserCreateInput = RequestOf<"/api/v1/users", "post">;
export type UserUpdateInput = RequestOf<"/api/v1/users/{id}", "patch">;
export type Department = ResponseOf<"/api/v1/departments", "get">["data"][number];
export type DepartmentCreateInput = RequestOf<"/api/v1/departments", "post">;
export type DepartmentUpdateInput = RequestOf<"/api/v1/departments/{id}", "patch">;
export type Role = ResponseOf<"/api/v1/roles", "get">["data"][number];
export type RoleCreateInput = RequestOf<"/api/v1/roles", "post">;
export type RoleUpdateInput = RequestOf<"/api/v1/roles/{id}", "patch">;
export type ModuleInfo = ResponseOf<"/api/v1/meta/modules", "get">["data"][number];
export type ApiKey = ResponseOf<"/api/v1/api-keys", "get">["data"][number];
export type CreatedApiKey = ResponseOf<"/api/v1/api-keys", "post">;
export type ApiKeyCreateInput = RequestOf<"/api/v1/api-keys", "post">;

export const adminKeys = {
  users: ["admin", "users"] as const,
  departments: ["admin", "departments"] as const,
  roles: ["admin", "roles"] as const,
  modules: ["admin", "modules"] as const,
  apiKeys: ["admin", "apiKeys"] as const,
};

// These lists are small (one organization's users, departments, roles, keys):
// the server answers each whole, in { data, nextCursor: null }.

// ---- users ----

export function useUsers(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: adminKeys.users,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/users", { signal })).then((answer) => answer.data),
    enabled: options.enabled,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreateInput) => unwrap(api.POST("/api/v1/users", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UserUpdateInput }) =>
      unwrap(api.PATCH("/api/v1/users/{id}", { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  });
}

// ---- departments ----

export function useDepartments(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: adminKeys.departments,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/departments", { signal })).then((answer) => answer.data),
    enabled: options.enabled,
  });
}

export function useCreateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DepartmentCreateInput) => unwrap(api.POST("/api/v1/departments", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.departments }),
  });
}

export function useUpdateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DepartmentUpdateInput }) =>
      unwrap(api.PATCH("/api/v1/departments/{id}", { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.departments }),
  });
}

export function useDeleteDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrapEmpty(api.DELETE("/api/v1/departments/{id}", { params: { path: { id } } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.departments }),
        // Users may point at the deleted department.
        queryClient.invalidateQueries({ queryKey: adminKeys.users }),
      ]),
  });
}

// ---- roles and modules ----

export function useRoles() {
  return useQuery({
    queryKey: adminKeys.roles,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/roles", { signal })).then((answer) => answer.data),
  });
}

export function useModules() {
  return useQuery({
    queryKey: adminKeys.modules,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/meta/modules", { signal })),
    select: (answer) => answer.data,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCreateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RoleCreateInput) => unwrap(api.POST("/api/v1/roles", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.roles }),
  });
}

export function useUpdateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RoleUpdateInput }) =>
      unwrap(api.PATCH("/api/v1/roles/{id}", { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.roles }),
  });
}

export function useDeleteRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrapEmpty(api.DELETE("/api/v1/roles/{id}", { params: { path: { id } } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.roles }),
        queryClient.invalidateQueries({ queryKey: adminKeys.users }),
      ]),
  });
}

// ---- API keys ----

export function useApiKeys() {
  return useQuery({
    queryKey: adminKeys.apiKeys,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/api-keys", { signal })).then((answer) => answer.data),
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiKeyCreateInput) => unwrap(api.POST("/api/v1/api-keys", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrapEmpty(api.DELETE("/api/v1/api-keys/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.apiKeys }),
  });
}
