/**
 * Entry point: renders the spec list and colour swatches with jQuery (from its WebJar) using the
 * app's own catalog and formatting modules, then marks the page as ready.
 */
import $ from "jquery"; // the WebJar's package.json "exports": dist-module/jquery.module.js
import { product } from "./catalog.js";
import { colourSummary, formatSpec } from "./format.js";

$(() => {
  const $specs = $("#spec-list").empty();
  for (const spec of product.specs) {
    $("<li>")
      .append($("<span>").addClass("spec-label").text(spec.label))
      .append($("<span>").addClass("spec-value").text(formatSpec(spec)))
      .appendTo($specs);
  }

  const $swatches = $("#swatches").empty();
  for (const colour of product.colours) {
    $("<span>")
      .addClass("swatch me-2")
      .attr({ title: colour.name, "data-colour": colour.name })
      .css("background-color", colour.hex)
      .appendTo($swatches);
  }
  $("#colour-summary").text(colourSummary(product.colours));

  $("#add-to-cart").on("click", function () {
    $(this).text("Added ✓").prop("disabled", true);
  });

  document.documentElement.dataset.app = "ready";
});
