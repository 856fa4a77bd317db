import { defineConfig } from '@playwright/test';

/** Browser tests: real Chromium (Debian's, no download) against the Vite dev server (port 5199, or STORETWIN_WEB_PORT when two runs share a machine). */
const PORT = Number(process.env.STORETWIN_WEB_PORT ?? 5199);

export default defineConfig({
  testDir: '.',
  testMatch: ['web/**/*.spec.ts'],
  outputDir: 'out/playwright',
  timeout: 90_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'],
    },
  },
  webServer: {
    command: `npx vite --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    // No hot reload while a test runs (others edit the tree meanwhile).
    env: { STORETWIN_STATIC_DEV: '1' },
    timeout: 60_000,
  },
});
