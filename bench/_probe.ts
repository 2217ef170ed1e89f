import { sql } from "drizzle-orm";
import { globalSearch } from "../server/src/modules/search/service.ts";
import { actorOfUser } from "../server/src/platform/auth/actor.ts";
import { openPostgres, queryRows } from "../server/src/platform/db/client.ts";

const h = await openPostgres("postgres://postgres@127.0.0.1:5432/rapport_bench", 2);
const [u] = await queryRows<{ id: string }>(h.db, sql`select id from users order by created_at limit 1`);
const actor = await actorOfUser(h.db, u!.id);
const terms = ["shenzhen ruida", "wangqi", "zhang wei", "lina", "huaxin keji", "yishi", "深圳瑞达科技", "深证瑞达"];
for (const mode of ["generic", "in transaction"]) {
  for (const q of terms) {
    await globalSearch(h.db, actor!, q, 8);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      if (mode === "generic") await globalSearch(h.db, actor!, q, 8);
      else await h.db.transaction((tx) => globalSearch(tx as never, actor!, q, 8));
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const r = await globalSearch(h.db, actor!, q, 8);
    console.log(mode, q, "median", times[2]!.toFixed(1), "ms", "hits", r.customers.length + r.contacts.length);
  }
}
await h.close();
