document.title = "two";
