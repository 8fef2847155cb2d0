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
/* Marks the last diagnostic as "the input ended too soon". */
void diag_set_incomplete(coop_diags *d);

#endif
