// The same tests against React 18 and its DOM renderer, installed beside the workspace's React
// 19 in packages/react-test-react18: `npm run test:react18`.
import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.ts";

const react18 = (name: string) =>
  fileURLToPath(new URL(`../react-test-react18/node_modules/${name}`, import.meta.url));

export default mergeConfig(
  base,
  defineConfig({
    resolve: {
      alias: [
        // Testing Library's ES build, so that its own imports of React go through these aliases.
        {
          find: /^@testing-library\/react$/,
          replacement: fileURLToPath(
            new URL(
              "../../node_modules/@testing-library/react/dist/@testing-library/react.esm.js",
              import.meta.url,
            ),
          ),
        },
        { find: /^react(\/.*)?$/, replacement: react18("react") + "$1" },
        { find: /^react-dom(\/.*)?$/, replacement: react18("react-dom") + "$1" },
      ],
    },
    test: {
      // <Activity> is React 19's.
      exclude: ["src/PayButton.activity.test.tsx"],
      env: { REACT_MAJOR: "18" },
      // Processed by Vite, so that the aliases reach their imports of React too.
      server: { deps: { inline: [/@testing-library\/react/, /[\\/]@?storybook[\\/]/] } },
    },
  }),
);
