// The browser half of the benchmark (scripts/bench.sh): same browser and flags as the stories, its own specs.
import { defineConfig } from "@playwright/test";
import stories from "./playwright.config";

export default defineConfig({ ...stories, testDir: "./bench", retries: 0, timeout: 180_000 });
