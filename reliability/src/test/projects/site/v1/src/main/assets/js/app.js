// Release 1: marks the page as loaded.
document.documentElement.dataset.release = "1";
document.addEventListener("DOMContentLoaded", () => {
  document.body.classList.add("ready");
});
