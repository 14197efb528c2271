#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
/* Wide-character ncurses for Swift: the switches must come before <ncurses.h>. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

/* Macros Swift cannot import. */
static inline attr_t tui_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline int tui_key_f(int n) { return KEY_F(n); }
static inline attr_t tui_a_bold(void) { return A_BOLD; }
static inline attr_t tui_a_dim(void) { return A_DIM; }
static inline attr_t tui_a_reverse(void) { return A_REVERSE; }
static inline attr_t tui_a_underline(void) { return A_UNDERLINE; }

/* C globals read through functions (Swift 6 forbids touching them directly). */
static inline WINDOW *tui_stdscr(void) { return stdscr; }
static inline int tui_lines(void) { return LINES; }
static inline int tui_cols(void) { return COLS; }
static inline int tui_colors(void) { return COLORS; }
static inline int tui_color_pairs(void) { return COLOR_PAIRS; }
#endif
