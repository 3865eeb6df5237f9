// The JSX factory of the build (see tsup.config.ts).
export { createElement, Fragment } from "react";
