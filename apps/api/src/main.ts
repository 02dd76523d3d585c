import { loadConfig } from "./config.js";
import { startServer } from "./server.js";

await startServer({ config: loadConfig(), handleSignals: true }).catch(() => process.exit(1));
