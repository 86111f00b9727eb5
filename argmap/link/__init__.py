"""Links between claims of different documents, found among nearest neighbours."""
