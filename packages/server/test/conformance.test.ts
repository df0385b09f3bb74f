import { describeConformance } from "./conformance-suite.js";

describeConformance("SQLite (in memory)", async () => ({}));
