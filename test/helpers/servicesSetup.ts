/**
 * Vitest global setup: starts every service in TEST_SERVICES (or takes its override URL),
 * provides the URLs to the tests, and stops them in teardown. A service that fails to start
 * is provided with its reason, and the tests that need it fail with that reason (they never
 * skip); the rest of the suite still runs. If the run is killed, serviceProcess.ts's guards
 * take the services down with it.
 */
import type { TestProject } from "vitest/node";
import { TEST_SERVICES, type ProvidedServices, type RunningService } from "./testServices.ts";

declare module "vitest" {
  export interface ProvidedContext {
    services: ProvidedServices;
  }
}

const running: RunningService[] = [];

export async function setup(project: TestProject): Promise<void> {
  const provided = {} as ProvidedServices;
  await Promise.all(
    TEST_SERVICES.map(async (s) => {
      const given = process.env[s.overrideEnv]?.trim();
      if (given) {
        provided[s.name] = { url: given, problem: "" };
        return;
      }
      try {
        const r = await s.start();
        running.push(r);
        provided[s.name] = { url: r.url, problem: "" };
      } catch (e) {
        provided[s.name] = { url: "", problem: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
  project.provide("services", provided);
}

export async function teardown(): Promise<void> {
  await Promise.all(running.splice(0).map((r) => r.stop()));
}
