import { describeConformance } from "./conformance-suite.js";
import { freshPostgresUrl } from "./support/postgres.js";

describeConformance("PostgreSQL", async () => ({ store: await freshPostgresUrl() }));
