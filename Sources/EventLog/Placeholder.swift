// The EventLog layer; see docs/ARCHITECTURE.md.
