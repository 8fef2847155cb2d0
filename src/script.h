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

/* A script of the declarations v[0..n) from the sources joined in `src`
 * (copied), in two steps: script_new makes it (its arena may hold nodes
 * made for it), script_resolve resolves the declarations (nodes owned by
 * the caller or by the script's arena; the caller's must outlive it) and
 * returns it, or frees it and returns NULL with the errors in d. */
coop_script *script_new(const source *src);
coop_script *script_resolve(coop_script *s, decl *const *v, int n, coop_diags *d);
/* A file's bytes (malloc'd, NUL-terminated) and length; NULL, with the
 * reason in d, when it cannot be read or is over COOP_MAX_FILE_SIZE. */
char *script_read_file(const char *path, coop_diags *d, size_t *len);

/* coop_flip of script s in world w with seed `seed` (api_flip.c; the
 * query's entry point, api_query.c, hands them in). */
coop_flip_result *script_flip(const coop_script *s, const coop_world *w, uint64_t seed, int rule, const int *tuple,
                              int to, const char *by, coop_diags *d);

#endif
