/*
 * diag.h - diagnostics: one routine records an error against a source
 * position, one routine prints them all, GCC style.
 */
#ifndef COOP_DIAG_H
#define COOP_DIAG_H

#include "coop.h"

/* A loaded source text.  `text` is NUL-terminated (the NUL is not in len).
 * A session joins many sources into one model: each is numbered into one
 * line space, its line 1 at location line `line0 + 1`, and shown as line
 * `L - line0 + shift` (typed input shows the line of the stream it came
 * from).  A joined source has no text of its own: `parts` lists the sources
 * by increasing line0.  Zeroed fields mean a single file from line 1. */
typedef struct source {
    const char *name;
    const char *text;
    size_t len;
    int line0, shift;
    const struct source *const *parts;
    int nparts;
} source;

/* The source holding location line `line` (src itself when not joined). */
const source *source_part(const source *src, int line);
/* Where `loc` is as people read it: the file's name and its own lines. */
const char *source_where(const source *src, coop_loc loc, coop_loc *shown);
/* Byte offset of line `line` (1-based, of src's own text), column `col`. */
size_t source_offset(const source *src, int line, int col);

/* Records a diagnostic at `loc` of `src` (src may be NULL: no position).
 * Past COOP_MAX_ERRORS errors, further ones are dropped after one note. */
void diag_at(coop_diags *d, const source *src, coop_loc loc, coop_severity sev,
             const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Marks the last diagnostic as "the input ended too soon". */
void diag_set_incomplete(coop_diags *d);

/* Columns and widths of UTF-8 text. */
int utf8_decode(const unsigned char *s, size_t n, unsigned *cp); /* bytes used, 0 if invalid */
int utf8_width(const char *s);                                   /* display columns */

#endif
