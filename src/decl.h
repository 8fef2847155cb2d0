/*
 * decl.h - what each class of declaration and statement does, in one
 * table: how messages name it, the key by which a later declaration
 * replaces it (a session), how it is resolved and how a statement runs.
 * The resolver, the runner, the session and :save all read it, so a new
 * class of declaration is one row here plus its functions.
 */
#ifndef COOP_DECL_H
#define COOP_DECL_H

#include "model.h"

struct R;
struct runner;

typedef struct decl_class {
    dkind k;
    const char *noun;   /* "actor": messages say "actor 'emil'" */
    int stmt;           /* a statement, run in order, not a declaration */
    /* declarations: what a later declaration with the same key replaces
     * ("actor emil"); a relation and a partnership share one name space */
    char *(*key)(arena *a, const decl *d);
    /* declarations: resolves every one of the class, in program order;
     * the resolver takes the classes in the table's order */
    void (*declare)(struct R *r, const program *p);
    /* statements: resolves one; 0, or -1 after reporting */
    int (*resolve)(struct R *r, const decl *d, stmt *st);
    /* statements: runs one; 1 for a failed expectation, else 0 */
    int (*run)(struct runner *u, const stmt *st);
    /* the classes of names it introduces (coop_names, -1 none), which a
     * REPL completes (COOP_NAMES_DECLARED) */
    int names[2];
    /* calls fn with every expression the declaration holds, or NULL */
    void (*exprs)(const decl *d, void (*fn)(void *ctx, const expr *e), void *ctx);
} decl_class;

/* Indexed by dkind, for D_KIND .. S_VALUE. */
extern const decl_class decl_classes[];
#define DECL_CLASSES (S_VALUE + 1)

static inline const decl_class *decl_class_of(dkind k) { return &decl_classes[k]; }
static inline int decl_is_stmt(const decl *d) { return d->k >= S_SHOW && d->k <= S_VALUE; }

#endif
