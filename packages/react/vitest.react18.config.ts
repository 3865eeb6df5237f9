import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.ts";

const env = (name: string) =>
  fileURLToPath(new URL(`../react-test-react18/node_modules/${name}`, import.meta.url));

export default mergeConfig(
  base,
  defineConfig({
    resolve: {
      alias: [
        {
          find: /^@testing-library\/react$/,
          replacement: fileURLToPath(
            new URL(
              "../../node_modules/@testing-library/react/dist/@testing-library/react.esm.js",
              import.meta.url,
            ),
          ),
        },
        { find: /^react(\/.*)?$/, replacement: env("react") + "$1" },
        { find: /^react-dom(\/.*)?$/, replacement: env("react-dom") + "$1" },
      ],
    },
    test: {
      server: { deps: { inline: [/@testing-library\/react/, /[\\/]@?storybook[\\/]/] } },
    },
  }),
);
