/*
 * diag.h - diagnostics: one routine records an error against a source
 * position, one routine prints them all, GCC style.
 */
#ifndef COOP_DIAG_H
#define COOP_DIAG_H

#include "source.h"

/* Records a diagnostic at `loc` of `src` (src may be NULL: no position).
 * Past COOP_MAX_ERRORS errors, further ones are dropped after one note. */
void diag_at(coop_diags *d, const source *src, coop_loc loc, coop_severity sev,
             const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The diagnostics from the from-th on (each with the notes after it):
 * those about files[0..n) first, in the order of their files, then of
 * their places in a file; then the others, in the order they were said.
 * (A data file's errors are said as its reading finds them, the
 * resolver's of its header after them.) */
void diag_order(coop_diags *d, size_t from, const char *const *files, int n);
/* Marks the last diagnostic as "the input ended too soon". */
void diag_set_incomplete(coop_diags *d);

#endif
