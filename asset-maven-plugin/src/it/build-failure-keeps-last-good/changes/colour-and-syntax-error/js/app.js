document.title = ;
