"""Small dialogs the screens of every role share."""
