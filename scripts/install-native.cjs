// Placeholder until the native build lands.
process.exit(0);
