document.title = "three";
