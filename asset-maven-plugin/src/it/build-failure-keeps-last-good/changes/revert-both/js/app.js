document.title = "one";
