/*
 * source.h - source texts and positions in them: which source of a joined
 * line space a line belongs to, where a location is as people read it, and
 * the byte a line and column name.
 */
#ifndef COOP_SOURCE_H
#define COOP_SOURCE_H

#include "coop.h"
#include "mem.h"

/* A loaded source text.  `text` is NUL-terminated (the NUL is not in len);
 * NULL for a place with no text to show (a front-end's own message).
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
    /* byte offset of each line's start, lines[0] = 0, when source_index
     * made them (a session's sources); else lines are found by scanning */
    const size_t *lines;
    int nlines;
} source;

/* The source holding location line `line` (src itself when not joined). */
const source *source_part(const source *src, int line);
/* Where `loc` is as people read it: the file's name and its own lines. */
const char *source_where(const source *src, coop_loc loc, coop_loc *shown);
/* Skips n characters (code points) of p, not past end. */
const char *source_skip(const char *p, const char *end, int n);
/* Byte offset of line `line` (1-based, of src's own text), column `col`:
 * O(1) to the line with an index, else a scan from the first line. */
size_t source_offset(const source *src, int line, int col);
/* Where line `line` (1-based) of src's text starts; NULL past its last. */
const char *source_line(const source *src, int line);
/* Counts src's lines and, when `a` is given, indexes them (in a) so that
 * source_line and source_offset cost O(1).  Returns the count. */
int source_index(source *src, arena *a);

#endif
