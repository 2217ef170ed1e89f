import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { unwrap } from "../../lib/api/errors";
import type { QueryOf, RequestOf, ResponseOf } from "../../lib/api/types";
import { notificationKeys } from "../notifications/api";

export type Task = ResponseOf<"/api/v1/tasks/{id}", "get">;
export type MyTasksQuery = QueryOf<"/api/v1/tasks/mine", "get">;
export type TaskCreateInput = RequestOf<"/api/v1/tasks", "post">;
export type TaskUpdateInput = RequestOf<"/api/v1/tasks/{id}", "patch">;
export type TaskPriority = Task["priority"];
export type TaskStatus = Task["status"];
export type RelatedType = NonNullable<TaskCreateInput["relatedType"]>;
export type TaskListQuery = QueryOf<"/api/v1/tasks", "get">;

export const TASK_PRIORITIES: TaskPriority[] = ["low", "normal", "high", "urgent"];
export const TASK_STATUSES: TaskStatus[] = ["open", "in_progress", "done", "cancelled"];
export const RELATED_TYPES: RelatedType[] = ["customer", "contact"];

/** The page of the record a task is about. */
export const relatedPath = (type: string, id: string) => `/${type === "contact" ? "contacts" : "customers"}/${id}`;

export const taskKeys = {
  all: ["tasks"] as const,
  mine: (query: MyTasksQuery) => [...taskKeys.all, "mine", query] as const,
  list: (query: TaskListQuery) => [...taskKeys.all, "list", query] as const,
  detail: (id: string) => [...taskKeys.all, "detail", id] as const,
};

export function useMyTasks(query: MyTasksQuery) {
  return useQuery({
    queryKey: taskKeys.mine(query),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/tasks/mine", { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** Tasks by filter, such as those about one record. */
export function useTaskList(query: TaskListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    ...options,
    queryKey: taskKeys.list(query),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/tasks", { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useTask(id: string | undefined) {
  return useQuery({
    queryKey: taskKeys.detail(id ?? ""),
    enabled: Boolean(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/tasks/{id}", { params: { path: { id: id ?? "" } }, signal })),
  });
}

/** Task changes also change customers' timelines, and when the bell next looks for a reminder. */
function useInvalidateTasks() {
  const queryClient = useQueryClient();
  return (task: Task) => {
    queryClient.setQueryData(taskKeys.detail(task.id), task);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: [...taskKeys.all, "mine"] }),
      queryClient.invalidateQueries({ queryKey: [...taskKeys.all, "list"] }),
      queryClient.invalidateQueries({ queryKey: ["timeline"] }),
      queryClient.invalidateQueries({ queryKey: notificationKeys.unreadCount() }),
    ]);
  };
}

export function useCreateTask() {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: (body: TaskCreateInput) => unwrap(api.POST("/api/v1/tasks", { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateTask() {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TaskUpdateInput }) =>
      unwrap(api.PATCH("/api/v1/tasks/{id}", { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}
