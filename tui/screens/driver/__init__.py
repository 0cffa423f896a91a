"""The driver's screens: open a trip, board passengers, close it, the trips of a day or week."""
