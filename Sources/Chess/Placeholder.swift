// The Chess layer; see docs/ARCHITECTURE.md.
