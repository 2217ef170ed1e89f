import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { unwrap } from "../../lib/api/errors";
import type { ResponseOf } from "../../lib/api/types";
import { nextPollIn } from "./poll";

export type Notification = ResponseOf<"/api/v1/notifications", "get">["data"][number];

export const notificationKeys = {
  all: ["notifications"] as const,
  unreadCount: () => [...notificationKeys.all, "unread-count"] as const,
  list: () => [...notificationKeys.all, "list"] as const,
};

/**
 * The bell's number: polled every 30 s and on returning to the window, and asked again just after
 * the caller's next reminder fires, so the bell lights within seconds of the set time.
 */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unreadCount(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/notifications/unread-count", { signal })),
    // Worked out again after every answer.
    refetchInterval: (query) => nextPollIn(query.state.data, query.state.dataUpdatedAt),
    refetchOnWindowFocus: true,
  });
}

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.list(),
    enabled,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/notifications", { params: { query: { limit: 20 } }, signal })),
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/v1/notifications/{id}/read", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/notifications/read-all")),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
