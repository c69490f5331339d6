/** Turns catalog values into the text shown on the page. */
export function formatSpec(spec) {
  if (spec.unit === "g" && spec.value >= 1000) {
    return (spec.value / 1000).toFixed(2) + " kg";
  }
  return spec.unit ? spec.value + " " + spec.unit : String(spec.value);
}

export function colourSummary(colours) {
  return colours.length + " colours: " + colours.map((c) => c.name).join(", ");
}
