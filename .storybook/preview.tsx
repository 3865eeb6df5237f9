import type { Preview } from "@storybook/react-vite";

const preview: Preview = {
  // A toolbar switch for the widget's language; "In English" stories pin it to "en".
  globalTypes: {
    locale: {
      description: "Widget language",
      toolbar: {
        title: "Locale",
        icon: "globe",
        items: [
          { value: "fr", title: "Français" },
          { value: "en", title: "English" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: "fr" },
  parameters: { layout: "centered" },
};

export default preview;
