import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [tailwindcss(), reactRouter(), tsconfigPaths()],
  // better-sqlite3 is a native module: load it from node_modules at run time, never bundle it.
  ssr: { external: ["better-sqlite3"] },
});
