// Exercises framework arrives here.
