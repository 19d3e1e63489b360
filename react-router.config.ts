import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // The benchmark builds into a directory of its own, so it never races a test run's build.
  buildDirectory: process.env.WEAVE_BUILD_DIR ?? "build",
  // Opt in to React Router 8's behaviour now, so the later upgrade changes nothing.
  future: {
    v8_middleware: true,
    v8_splitRouteModules: true,
    v8_viteEnvironmentApi: true,
    v8_passThroughRequests: true,
    v8_trailingSlashAwareDataRequests: true,
  },
} satisfies Config;
