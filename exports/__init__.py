"""Writers and reports built from the store; imports no user interface."""
