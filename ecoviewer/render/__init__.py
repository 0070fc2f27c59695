"""The render floor: Qt set-up, the map's web view and its tile scheme, the offscreen
renderer that exports draw with, and the report painter — shared by the window (app/) and
the command line. Above export/ and web/ (which plan pages and build the map page) and the
Qt-free core; below app/."""
