// Shared test helpers arrive here.
