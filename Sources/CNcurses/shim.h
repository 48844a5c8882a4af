// Wide-character ncurses: _XOPEN_SOURCE_EXTENDED must come first or ●, ☕ and box lines print as garbage.
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>

// Attribute and colour macros Swift cannot import (they expand to shifts and casts).
static inline attr_t cncurses_attr_bold(void) { return A_BOLD; }
static inline attr_t cncurses_attr_dim(void) { return A_DIM; }
static inline attr_t cncurses_attr_reverse(void) { return A_REVERSE; }
