// The packages this repository publishes, in the order a shop installs them.
export const PUBLIC_PACKAGES = ["server", "react", "emulator"].map((name) => ({
  name: `@ligdicash-kit/${name}`,
  dir: `packages/${name}`,
}));
