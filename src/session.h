/*
 * session.h - what a session's parts share: session.c (sources, slots,
 * loading, input, undo, reset), whatif.c (`what if` and `set`: changes made
 * in a copy of the world and compared) and save.c (`:save`: the model
 * written back as a script, kept changes in place).
 *
 * A session's model is built from its slots, one per declaration (and per
 * statement of a loaded file), each holding its syntax tree and its text.
 * Its world is that model's declared world with every kept change (`set`)
 * made in it.  `set` changes the world alone; a declaration builds the
 * model again, and the kept changes join it as declarations (an actor's
 * declaration with the values set, a relation value's), so the model is
 * built as if they had been written there, unless the declaration replaced
 * what a change changed.
 */
#ifndef COOP_SESSION_H
#define COOP_SESSION_H

#include "change.h"
#include "parse.h"
#include "script.h"
#include "timeline.h"

/* A source the session read or made: a file, a typed input.  Its syntax
 * tree lives in its arena. */
typedef struct seg {
    int file;            /* a file read */
    source src;
    arena mem;
    program prog;
} seg;

typedef struct slot {
    decl *d;
    const seg *g;        /* where d was parsed: its locations are g's */
    const char *key;     /* what replaces it ("actor emil"); for a file's
                            statement, its place in the file */
    const char *place;   /* "file:line" where it was declared */
    /* its text for :save: the comments before it, itself, and what follows
     * the last declaration of its file */
    const char *lead, *body, *tail;
    /* a file's expect: 1 if it held when the file was read, 0 if it did
     * not (:save keeps it as it is then), -1 for any other slot */
    int held;
} slot;

typedef VEC(slot) slots;
typedef struct replaced { size_t i; slot old; } replaced;
typedef VEC(replaced) replist;

/* A change `set` kept: its target as typed and its value as a literal (in
 * the source of the set, which lives as long as the set's step), so every
 * model the session builds declares it. */
typedef struct kept {
    const change *c;     /* the change as typed (target names, places) */
    expr *value;         /* the value it set, a literal at the typed value's place */
    char *text;          /* "acme.media = 0.7": target = value, as it parses */
    int reset;           /* an inverse back to unset or to the default */
    char *key;           /* the slot it changes: "actor acme", "value trust(a, b)" */
    char *place;         /* "file:line" of the set that made it */
    size_t after;        /* slots there were when it was made: where :save
                            puts a relation value no slot held */
} kept;

typedef VEC(kept) keptlist;

/* An input waiting for coop_session_flush, as it was given. */
typedef struct queued {
    char *name, *text;
    int line;
    size_t len;
} queued;

/* What undo reverts. */
typedef struct step {
    char *what;          /* the input that made it, as `changes` lists it */
    char *was;           /* a set's targets' values before it, or NULL */
    size_t nslots;       /* slots before it (it appended the rest) */
    replist rep;         /* slots it replaced, oldest first */
    slots before;        /* or, when it also took slots away (a file read
                            again without them), all the slots before it */
    size_t nsegs;
    int set;             /* a `set`: it kept changes past nkept, and undo
                            makes `undo` (its inverses) in the world */
    size_t nkept;        /* kept changes before it */
    keptlist kept_before; /* a declaration that replaced kept changes' slots:
                             the list as it was (else nkept says all) */
    keptlist undo;       /* a set's inverses, in the order to make them */
    unsigned long built; /* a set: the model's build when it was made */
} step;

struct coop_session {
    coop_options opt;
    VEC(seg *) segs;            /* live sources, by increasing line0 */
    VEC(const source *) parts;  /* the same, as the joined source's parts */
    int next_line;              /* first free line of the joined line space */
    slots slots;
    keptlist kept;              /* oldest first */
    VEC(step) steps;
    VEC(char *) files;          /* loaded before any change: what reset reads again */
    coop_script *cur;           /* the model of `slots` */
    unsigned long built;        /* models built so far: cur is the last */
    coop_world *world;          /* cur's world with the kept changes made */
    /* what the caller is giving, not the model's: reset keeps it */
    struct {
        /* the input the last call found unfinished, parsed so far: the
         * name, line and length it was given with (coop_session_input_more) */
        parse_more *more;
        char *more_name;
        int more_line;
        size_t more_len;
        /* inputs waiting for coop_session_flush (coop_session_defer) */
        int defer;
        VEC(struct queued) queue;
        size_t qhead;
        int due;                /* one of them is no declaration: flush now */
        size_t run_max;         /* inputs the next run may take (0: 1): doubled
                                   while runs build, 1 after one fails, so a
                                   flush parses and builds what it keeps, not
                                   the queue */
    } in;
    long sym_spent;             /* symbol pairs compared (resolve_symbol_slips) */
    tl_cache tl;                /* the timeline's run of cur from world (timeline.h) */
    int discard;                /* the braces a failed input left open: its lines
                                   that follow are skipped until they close them */
};

/* A new source of the session: its lines follow the last one's in the
 * joined line space; shown from line shift + 1. */
seg *session_seg(coop_session *s, const char *nm, int shift, const char *text, size_t len);
/* Frees the sources made after the first n. */
void session_pop(coop_session *s, size_t n);
/* The sources joined, for diagnostics and for building a model. */
source session_joined(const coop_session *s);
/* Byte offset of a location of g within g's text. */
size_t session_offset(const seg *g, int line, int col);
/* A slot for declaration d of g, its text g's bytes [from, to). */
slot session_slot(seg *g, decl *d, size_t from, size_t to);
/* The slot holding `key`, or -1. */
int session_find_slot(const slots *sl, const char *key);
/* The slot of case data (a `data` declaration) one of whose records is
 * what kept change k changes (an actor, a relation value), or -1; *row
 * (when not NULL) gets the record. */
int session_data_slot(const slots *sl, const kept *k, int *row);
/* Reads the files of g's data declarations (data.h), each a source of the
 * session after g, relative paths from the directory of `from` (NULL: the
 * working directory): 0, or data_read's -1 or -2 after errors in d. */
int session_data(coop_session *s, seg *g, const char *from, coop_diags *d);
/* The key of the slot change c changes (decl.h): "actor acme",
 * "value trust(a, b)", "bid training by hotel"; in arena a. */
const char *session_key_of(arena *a, const change *c);
/* The values an actor's or a bid's declaration d sets, into *v; how many
 * (0 for any other declaration). */
int session_values(const decl *d, const attrdef **v);

/* The model of the declarations of `sl` with the kept changes k declared
 * in it; NULL with the errors in d (a kept change that no longer fits is
 * said at its set). */
coop_script *session_build(const coop_session *s, const slots *sl, const keptlist *k, coop_diags *d);
/* Binds a change kept by text (an inverse undo makes) to the model of sc;
 * NULL, with the errors in d, when it does not apply there. */
coop_change *session_bind(const coop_session *s, const coop_script *sc, const kept *k, coop_diags *d);
void session_kept_free(keptlist *k);

/* Runs the statements v[0..n) in model sc and world w, as `coop run`
 * would (results to the session's out); 0 when every one ran and every
 * expectation held. */
int session_run(coop_session *s, const coop_script *sc, coop_world *w, decl **v, int n, coop_diags *d);
/* Runs the resolved statements st[0..n), as session_run does (of the
 * session's model and world, its timeline's run kept in s->tl). */
int session_exec(coop_session *s, const coop_script *sc, const coop_world *w, const stmt *st, int n, coop_diags *d);
/* The same in model m (a session's, or a variant of its events:
 * whatif_variant), its timeline's run the one c keeps (numbered id; c may
 * be NULL: run anew). */
int session_exec_in(coop_session *s, const model *m, const coop_world *w, tl_cache *c, unsigned long id,
                    const stmt *st, int n, coop_diags *d);
/* The statements v[0..n) resolved against model sc and world w (which
 * numbers their new symbols), in arena a, reading too the attributes of
 * given[0..2*ngiven) (resolve_stmts); NULL, with the errors in d, when one
 * does not resolve. */
stmt *session_resolve(const coop_session *s, const coop_script *sc, coop_world *w, arena *a, decl **v, int n,
                      const int *given, int ngiven, coop_diags *d);

/* `what if` or `set` (cmd), typed in g (source n of the session, so
 * popping to nsegs drops it). */
coop_status whatif_run(coop_session *s, seg *g, size_t nsegs, const decl *cmd, coop_diags *d);

/* A variant of a model that differs only in its events (whatif_event.c):
 * `what if no gala`, `what if gala at 2013-06`.  It shares everything
 * else with the model, which must outlive it. */
typedef struct whatif_variant {
    const model *base;
    model m;                 /* base with events replaced, once one changes */
    event_info *events;      /* NULL: none changed */
} whatif_variant;
void whatif_variant_init(whatif_variant *v, const model *m);
void whatif_variant_free(whatif_variant *v);
/* The model to run: the variant once an event changed, else the base. */
const model *whatif_variant_model(const whatif_variant *v);
/* Change c of an event (c->is_event), checked and made in v: its target
 * (the event's name), new and old schedules as text, in g's arena; 0, or
 * -1 with the reasons in d. */
int whatif_event_plan(coop_session *s, seg *g, const change *c, whatif_variant *v, const char **target,
                      const char **value, const char **was, coop_diags *d);
/* Is comparing the verdicts of model m at every step within
 * COOP_WHATIF_STEP_WORK (tuples x steps)?  Then the runs keep journals. */
int whatif_step_work(const model *m);
/* Does a session keep the journal of model m's timeline runs: within
 * whatif_step_work, or with dated obligations (their records replay the
 * steps)?  Then a what-if, first() and `at` read the run the session
 * keeps, whichever made it. */
int whatif_journal(const model *m);
/* The tuples whose verdict differs at some step between run ra (of model
 * ma) and rb (of mb, a variant of ma), each said with the spans it forms
 * in on both sides; runs without a journal are only said to be too big.
 * 0; -1 when the session's interrupt stopped it (not said: the caller
 * says it at its input); -2 after a runtime error, said in d (at src). */
int whatif_periods(coop_session *s, const model *ma, tl_run *ra, const model *mb, tl_run *rb, int keeps,
                   const source *src, coop_diags *d);
/* The steps at which v[0], v[stride], ... (n of them) forms, as text:
 * "forms from 2018-10", "forms 2014-12 .. 2016-03, from 2018-10", "never
 * forms", "forms throughout". */
void whatif_spans(FILE *out, const model *m, const unsigned char *v, long stride, int n);
/* Records a step undo can revert; returns it. */
step *session_step(coop_session *s, const char *what, size_t nsegs);

#endif
