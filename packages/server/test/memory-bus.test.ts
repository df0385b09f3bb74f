import { createMemoryBus } from "../src/bus/index.js";
import { describeBusContract } from "./bus-contract.js";

describeBusContract("in-process", async () => createMemoryBus());
