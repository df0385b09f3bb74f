import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Result } from "../stats.js";

const ours = resolve(import.meta.dirname, "../../../../packages/conversations/dist/twilio-conversations.min.js");

/** Minified + gzip size of the standalone browser bundle, beside Twilio's CDN build of @twilio/conversations. */
export function bundleSize(): Result[] {
  const require = createRequire(import.meta.url);
  const twilioDir = dirname(require.resolve("@twilio/conversations/package.json"));
  const theirs = join(twilioDir, "builds/twilio-conversations.min.js");
  if (!existsSync(ours)) throw new Error(`${ours} is missing: build @confab/conversations first`);
  const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;
  return [
    {
      scenario: "browser bundle (standalone, global Twilio.Conversations)",
      metric: "minified + gzip",
      unit: "KB",
      confab: gz(ours),
      baselines: [{ name: "@twilio/conversations 3.0.1 CDN build", value: gz(theirs) }],
      lowerIsBetter: true,
      target: "< 40 KB",
    },
  ];
}
