// Wide-character ncurses: _XOPEN_SOURCE_EXTENDED must come first or ●, ☕ and box lines print as garbage.
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>
