/// <reference types="vite/client" />
import type { Decorator, Preview } from "@storybook/react-vite";
import kitStyles from "../packages/react/styles.css?inline";

// The optional stylesheet, on when the toolbar (or a "…Styled" story) asks for it: unstyled
// stays the default, as in a shop that does not import it.
const withKitStyles: Decorator = (Story, { globals }) => (
  <>
    {globals.styles === "kit" && <style>{kitStyles}</style>}
    <Story />
  </>
);

const preview: Preview = {
  globalTypes: {
    // A toolbar switch for the widget's language; "In English" stories pin it to "en".
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
    styles: {
      description: "@ligdicash-kit/react/styles.css",
      toolbar: {
        title: "Styles",
        icon: "paintbrush",
        items: [
          { value: "none", title: "Unstyled (default)" },
          { value: "kit", title: "styles.css" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: "fr", styles: "none" },
  decorators: [withKitStyles],
  parameters: { layout: "centered" },
};

export default preview;
