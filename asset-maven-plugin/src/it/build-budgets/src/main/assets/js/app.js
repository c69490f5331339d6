import $ from "jquery";
import { greeting } from "./greeting.js";

$(() => $("#greeting").text(greeting("budgets")));
