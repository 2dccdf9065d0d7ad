import { defineConfig } from "vite";

/** The client: game/ is the Vite root, assets/ is served as-is, the build lands in dist/client. */
export default defineConfig({
  root: "game",
  publicDir: "../assets",
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173, strictPort: false },
});
