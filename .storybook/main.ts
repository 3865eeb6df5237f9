// Storybook for packages/react: React + Vite, every story against a mocked server.
import type { StorybookConfig } from "@storybook/react-vite";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

// Storybook is a dev dependency of the React package, installed under it: resolve Storybook's
// own modules from there, wherever the command runs and whoever imports them.
const reactPackageJson = fileURLToPath(new URL("../packages/react/package.json", import.meta.url));
const require = createRequire(reactPackageJson);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const isStorybook = (id: string) => /^(storybook|@storybook\/[^/]+)(\/|$)/.test(id);

function resolveStorybookFromReactPackage(): Plugin {
  return {
    name: "ligdicash:resolve-storybook",
    enforce: "pre",
    resolveId(source, _importer, options) {
      if (!isStorybook(source)) return null;
      return this.resolve(source, reactPackageJson, { ...options, skipSelf: true });
    },
  };
}

function serveStorybookUnbundled(): Plugin {
  return {
    name: "ligdicash:serve-storybook-unbundled",
    enforce: "post",
    // The dev pre-bundler resolves from the repository root, where Storybook is not installed:
    // Storybook's modules are served as plain ES modules instead, through the resolver above.
    config(config) {
      const optimizeDeps = config.optimizeDeps ?? {};
      const include = (optimizeDeps.include ?? []).filter((id) => !isStorybook(id));
      // What those unbundled modules import from React must still be pre-bundled (CommonJS).
      optimizeDeps.include = [...include, "react", "react-dom", "react/jsx-runtime"];
      config.optimizeDeps = optimizeDeps;
    },
  };
}

const config: StorybookConfig = {
  stories: ["../packages/react/src/**/*.stories.tsx"],
  framework: { name: packageDir("@storybook/react-vite"), options: {} },
  core: { disableTelemetry: true },
  viteFinal: (vite) => ({
    ...vite,
    plugins: [
      resolveStorybookFromReactPackage(),
      ...(vite.plugins ?? []),
      serveStorybookUnbundled(),
    ],
  }),
};

export default config;
