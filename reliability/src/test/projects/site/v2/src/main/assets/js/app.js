// Release 2: marks the page as loaded and counts logos.
document.documentElement.dataset.release = "2";
document.addEventListener("DOMContentLoaded", () => {
  document.body.classList.add("ready");
  document.body.dataset.logos = String(document.querySelectorAll(".logo").length);
});
