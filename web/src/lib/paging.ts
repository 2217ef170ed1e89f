// Lookup lists (users, departments, roles) are small in the organizations we
// serve, so screens that need all of them follow nextCursor to the end, with a
// cap that keeps a runaway loop from hammering the server.

interface Page<T> {
  data: T[];
  nextCursor?: string | null;
}

export async function fetchAllPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  maxPages = 20,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await fetchPage(cursor);
    all.push(...result.data);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return all;
}
