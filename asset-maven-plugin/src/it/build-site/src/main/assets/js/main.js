// An ES-module entry point: jQuery comes from its WebJar, greet from a project module.
import $ from "jquery";
import { greet } from "./lib/greet.js";

$(() => {
  $("body").append($("<p class='brand-title'>").text(greet("assetpipe")));
});
