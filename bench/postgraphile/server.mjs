// PostGraphile v5 with its default (amber) preset over the benchmark database, without GraphiQL or schema watching.
// Ordering and conditions are allowed on every column (PgIndexBehaviorsPlugin off): the feed's indexes are partial,
// which PostGraphile does not count as indexes, and the latest list orders by published_at.
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

const preset = {
  extends: [PostGraphileAmberPreset],
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"] })],
  grafserv: { port: Number(process.env.PORT), graphiql: false, watch: false },
  grafast: { explain: false },
};
const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on("error", (e) => console.error(e));
serv.addTo(server).catch((e) => {
  console.error(e);
  process.exit(1);
});
server.listen(preset.grafserv.port);
