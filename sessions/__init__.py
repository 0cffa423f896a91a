"""The centre's domain and its storage; imports no user interface."""
