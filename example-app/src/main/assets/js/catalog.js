/** The product's data, kept apart from how it is shown. */
export const product = {
  name: "Trail 24",
  colours: [
    { name: "Moss", hex: "#3f6212" },
    { name: "Slate", hex: "#334155" },
    { name: "Ember", hex: "#c2410c" },
  ],
  specs: [
    { label: "Volume", value: 24, unit: "L" },
    { label: "Weight", value: 780, unit: "g" },
    { label: "Back length", value: 48, unit: "cm" },
    { label: "Fabric", value: "210D recycled ripstop" },
    { label: "Hip belt pockets", value: 2 },
    { label: "Rain cover", value: "Included" },
  ],
};
