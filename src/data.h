/*
 * data.h - case data from CSV (docs/language.md, "Case data from CSV"):
 * the file of each `data` declaration read, after the parse, into its rows
 * (ast.h, data_def): for `data actors`, an actor declaration a record, its
 * cells attribute values, one type a column; for a relation, a value
 * declaration a record.  Each row's places are in the file, which joins
 * the caller's line space, so the resolver's errors point into it too.
 * The resolver reads the rows after their declaration (data_flatten).
 */
#ifndef COOP_DATA_H
#define COOP_DATA_H

#include "ast.h"
#include "diag.h"

/* What a caller gives data_read: the file its declarations come from
 * (relative paths are read from its directory: file_beside), the arena the
 * rows live in, and `add`, which makes a source of a file's text in the
 * caller's line space (its line0 past every other's), living as long as
 * the rows. */
typedef struct data_io {
    const char *from;
    arena *a;
    const source *(*add)(void *ctx, const char *name, const char *text, size_t len);
    void *ctx;
} data_io;

/* Reads the file of every data declaration of p (its places src's) into
 * its rows: 0; -1 after saying in d what is wrong with records, cells or
 * columns of files read to their end (the good rows are kept, and what a
 * bad one would have declared is in data_def's lost_: the model is to be
 * resolved, for what else is wrong, and not used); -2 after saying why a
 * file cannot be read, or not to its end (no rows: resolving would say
 * its actors unknown). */
int data_read(const program *p, const source *src, const data_io *io, coop_diags *d);
/* The diagnostics of d from the from-th on: those about p's data files
 * (read: data_read) first, in the order of the files and, in one, of their
 * places; then the others as said (diag_order).  The resolver's of a
 * header, said after the reading's of its cells, come before them. */
void data_diags_in_order(const program *p, coop_diags *d, size_t from);
/* Does p have a data declaration? */
int data_any(const program *p);
/* p with each data declaration followed by its rows (the array in a); p
 * itself when it has none. */
program data_flatten(const program *p, arena *a);
/* How many actors (or relation values) data declaration d reads. */
static inline int data_rows(const decl *d) { return d->u.data->nrows; }

/* The row of data declaration d that declares actor `actor`, or -1. */
int data_row_actor(const decl *d, const char *actor);
/* The row of d that sets relation value rel(args[0..n)), or -1. */
int data_row_value(const decl *d, const char *rel, const name *args, int n);
/* A copy of data declaration d, in a, whose row i is `row`. */
decl *data_with_row(arena *a, const decl *d, int i, decl *row);

/* Is s a name coop reads as one: letters, digits and '_' (or any other
 * UTF-8 letter), not starting with a digit, and no keyword? */
int data_is_name(const char *s);

#endif
