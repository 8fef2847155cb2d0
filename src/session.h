/*
 * session.h - what the session's two halves share: session.c (sources,
 * slots, loading, input, undo, reset, saving) and whatif.c (`what if` and
 * `set`: changes planned, made in a copy of the slots, and compared).
 */
#ifndef COOP_SESSION_H
#define COOP_SESSION_H

#include "model.h"
#include "parse.h"

/* A source the session read or made: a file, a typed input, a changed
 * actor.  Its syntax tree lives in its arena. */
typedef struct seg {
    int file;            /* a file read, or an actor of one rewritten */
    source src;
    arena mem;
    program prog;
} seg;

typedef struct slot {
    decl *d;
    const seg *g;        /* where d was parsed: its locations are g's */
    const char *key;     /* what replaces it ("actor emil"); NULL for a statement */
    const char *place;   /* "file:line" where it was declared (a changed actor keeps its own) */
    /* its text for :save: the comments before it, itself, and what follows
     * the last declaration of its file */
    const char *lead, *body, *tail;
} slot;

typedef VEC(slot) slots;
typedef struct replaced { size_t i; slot old; } replaced;
typedef VEC(replaced) replist;

/* What undo reverts. */
typedef struct step {
    char *what;          /* as `changes` lists it */
    size_t nslots;       /* slots before it (it appended the rest) */
    replist rep;         /* slots it replaced, oldest first */
    slots before;        /* or, when it also took slots away (a file read
                            again without them), all the slots before it */
    size_t nsegs;
} step;

struct coop_session {
    coop_options opt;
    VEC(seg *) segs;            /* live sources, by increasing line0 */
    VEC(const source *) parts;  /* the same, as the joined source's parts */
    int next_line;              /* first free line of the joined line space */
    slots slots;
    VEC(step) steps;
    VEC(char *) files;          /* loaded before any change: what reset reads again */
    coop_script *cur;           /* the model of `slots` */
};

/* A new source of the session: its lines follow the last one's in the
 * joined line space; shown from line shift + 1. */
seg *session_seg(coop_session *s, const char *nm, int shift, const char *text, size_t len);
/* Frees the sources made after the first n. */
void session_pop(coop_session *s, size_t n);
/* Byte offset of a location of g within g's text. */
size_t session_offset(const seg *g, int line, int col);
int session_is_stmt(const decl *d);
/* A slot for declaration d of g, its text g's bytes [from, to). */
slot session_slot(seg *g, decl *d, size_t from, size_t to);
/* The model of the declarations of `sl` (not the files' statements among
 * them: they are checked when a file is read and when the model is saved),
 * with the statements extra[0..n) after them, the script's statements 0..n. */
coop_script *session_build(const coop_session *s, const slots *sl, decl **extra, int n, coop_diags *d);
/* Makes sc (owned) the current model. */
void session_set_current(coop_session *s, coop_script *sc);
/* Makes `cand` the session's slots and sc its model (both consumed).  With
 * `what`, a step undo can revert: it made the sources past nsegs and
 * replaced the slots in `reps` (consumed); without, `reps` is freed. */
void session_commit(coop_session *s, const char *what, size_t nsegs, slots *cand, replist *reps, coop_script *sc);
/* A copy of the session's slots, for a change to be made in. */
void session_stage(const coop_session *s, slots *cand);
/* Runs the statements v[0..n) against the slots `sl`; 0 when every one
 * ran and every expectation held. */
int session_run(coop_session *s, const slots *sl, decl **v, int n, coop_diags *d);

/* `what if` or `set` (cmd), typed in g (source n of the session, so
 * popping to nsegs drops it). */
coop_status whatif_run(coop_session *s, seg *g, size_t nsegs, const decl *cmd, coop_diags *d);

#endif
