/*
 * script.h - a loaded script: its source, syntax tree, model, the world it
 * declares, and its resolved statements.  Immutable once loaded: queries
 * and runs take their own scratch (query.h).
 */
#ifndef COOP_SCRIPT_H
#define COOP_SCRIPT_H

#include "world.h"

struct coop_script {
    arena mem;
    source src;
    program prog;
    model m;
    coop_world *w;   /* the world as declared */
    int nstmts;
    stmt *stmts;
};

/* A script of the declarations v[0..n) (nodes owned by the caller, which
 * must outlive it) from the sources joined in `src` (copied); NULL, with the
 * errors in d, when they do not resolve. */
coop_script *script_of(const source *src, decl *const *v, int n, coop_diags *d);
/* A file's bytes (malloc'd, NUL-terminated) and length; NULL, with the
 * reason in d, when it cannot be read or is over COOP_MAX_FILE_SIZE. */
char *script_read_file(const char *path, coop_diags *d, size_t *len);

#endif
