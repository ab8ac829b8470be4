// Notebook arrives here.
