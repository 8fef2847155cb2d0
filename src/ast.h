/*
 * ast.h - the syntax tree the parser builds: declarations, statements and
 * expressions, each with its source location.  All nodes live in the arena
 * of the parse; nothing here owns memory of its own.
 */
#ifndef COOP_AST_H
#define COOP_AST_H

#include "coop.h"
#include "date.h"
#include "mem.h"

typedef struct name {
    const char *s;
    coop_loc loc;
} name;

typedef enum {
    X_NUM,    /* number literal (percentages already divided) */
    X_BOOL,   /* true / false */
    X_STR,    /* "string" */
    X_SET,    /* {a, b} */
    X_NAME,   /* bare identifier */
    X_SCORE,  /* the keyword `score` as a value */
    X_ATTR,   /* obj.attr */
    X_CALL,   /* f(args) */
    X_BID,    /* bid(tender, bidder).field: one bid's field (statements) */
    X_NEG, X_NOT,
    X_BIN,    /* a op b */
    X_APPROX, /* a ~= b within c */
    X_IN,     /* sym in set */
    X_AGG,    /* count(x: K where c), sum(e for x: K where c else v), ... */
    X_OF,     /* R(a, b) of verdict, R of score: a query's rule or tuple and
                 what its Shapley values are of */
    X_TO,     /* R(a, b) to form, R(a, b) to fail: a flip query's tuple and the
                 verdict it asks for (u.of, its word) */
    X_DATE,   /* a date: 2015-06 (a year is an X_NUM) */
    X_TIME    /* e at D, e throughout D1 .. D2, e during D1 .. D2 (statements) */
} xkind;

/* How X_TIME reads its expression over the timeline's steps. */
typedef enum { TIME_AT, TIME_THROUGHOUT, TIME_DURING } time_how;

typedef struct datedef datedef;

typedef enum {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV,
    OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE,
    OP_AND, OP_OR
} binop;

typedef struct expr expr;
struct expr {
    xkind k;
    coop_loc loc;
    int depth;
    union {
        double num;                                   /* X_NUM, X_BOOL */
        const char *str;                              /* X_STR */
        struct { name *v; int n; } set;               /* X_SET */
        name id;                                      /* X_NAME */
        struct { name obj, attr; } attr;              /* X_ATTR */
        struct { name fn; expr **args; int n; } call; /* X_CALL (fn "score" for score(...)) */
        struct { name tender, bidder, field; } bid;   /* X_BID */
        struct { binop op; expr *a, *b, *c; } op;     /* X_NEG X_NOT X_BIN X_APPROX X_IN */
        /* X_AGG: op(body for var: kind where cond else els); body is NULL
         * in the count form op(var: kind ...); cond and els may be NULL */
        struct { name op, var, kind; expr *body, *cond, *els; } agg;
        struct { expr *e; name word; coop_loc at; } of; /* X_OF: word "verdict" or "score"; at: of 'of WORD' */
        datedef *date;                                /* X_DATE */
        struct { expr *e; time_how how; datedef *from, *to; coop_loc word; } time; /* X_TIME: to NULL for at, from for one period */
    } u;
};

/* `range LO .. HI` after a value (lo NULL: none), at `at` (its word). */
typedef struct rangedef { expr *lo, *hi; coop_loc at; } rangedef;
typedef struct attrdef { name n; expr *value; rangedef range; } attrdef;
typedef struct paramdef { name n, kind; } paramdef;
typedef struct factordef { name n; expr *e, *baseline; } factordef;
typedef struct infldef { name from, to; expr *w; coop_loc loc; } infldef;

/* Declarations, then statements (S_VALUE only in a session, or after a
 * sweep's ':': a bare expression whose value is printed), then the
 * session's commands, which never reach the resolver.  D_LAST is the last
 * declaration. */
typedef enum {
    D_KIND, D_PARAM, D_ACTOR, D_RELATION, D_RELSET, D_RULE, D_TENDER, D_BID, D_CONTRACT,
    D_TIMELINE, D_ATTRIBUTE, D_EVENT, D_DATA, D_LAST = D_DATA,
    S_SHOW, S_EXPLAIN, S_DOMINANCE, S_EXPECT, S_FLIP, S_SWEEP, S_VALUE,
    C_WHATIF, C_SET
} dkind;

/* One change of `what if` or `set`: `actor.attr OP value`,
 * `relation(a, b) OP value`, `bid(tender, bidder).field OP value` or
 * `param OP value` (a model's parameter), OP one of = += -=. */
typedef enum { CH_SET, CH_ADD, CH_SUB } chop;
typedef struct change {
    coop_loc loc;
    int is_rel, is_bid;
    int is_param;            /* a parameter: obj, its name */
    name obj, attr;          /* attribute: obj.attr; bid: obj the tender, attr the field */
    name *args; int nargs;   /* relation: obj(args); bid: args[0] the bidder, nargs 1 */
    chop op;
    expr *value;             /* as written, right of the operator */
    expr *target;            /* the target as an expression */
    /* a what-if's change of an event (obj: its name): `no EVENT` (event
     * NULL), or when it acts (`EVENT at D`, `EVENT every ...`, `EVENT on
     * COND`, `EVENT while COND`: event's kind, dates, unit, condition) */
    int is_event;
    struct event_def *event;
} change;

/* One axis of a sweep: `TARGET from A to B step S` (from, to, step) or
 * `TARGET in {v, ...}` (v[0..n)).  The target is written as a change's
 * (its op and value unused): `a.x`, `r(a, b)`, `bid(T, a).f`, or a
 * parameter's bare name (is_param). */
typedef struct sweepdef {
    change target;
    expr *from, *to, *step;
    expr **v; int n;
    const char *slip; /* -p's list that reads as one number with a decimal comma
                       * (0,4): the fix, said with a value refused as outside
                       * its range; else NULL */
    coop_loc loc;
} sweepdef;

/* What a tender adds to a rule's body (decl u.rule, k == D_TENDER):
 * `NAME = EXPR` settings (buyer, budget, method, min_bids), requirements,
 * `award WORD EXPR` and `tie WORD EXPR, ...`. */
typedef struct setting { name n; expr *value; } setting;
typedef struct requiredef { name n; expr *cond; const char *label; coop_loc loc; } requiredef;
typedef struct keydef { name word; expr *e; } keydef; /* lowest/highest/best/to, and what */
typedef struct tender_def {
    const char *label;
    setting *set; int nset;
    requiredef *req; int nreq;
    keydef award; int has_award; coop_loc award_loc;
    keydef *tie; int ntie;
} tender_def;

/* A contract's declaration (decl u.contract): its parties, by award of a
 * tender or named, its `NAME = VALUE` settings (term), obligations,
 * monitoring and renewal conditions. */
/* When an obligation falls due, as written: `by DATE`, `every [N] UNIT
 * [from DATE] [to DATE]`; DUE_NONE (neither): decided in each world alone. */
typedef enum { DUE_NONE, DUE_BY, DUE_EVERY } due_kind;
typedef struct duedef {
    due_kind k;
    coop_loc word;          /* of 'by' or 'every' */
    datedef *by;            /* DUE_BY */
    double every;           /* DUE_EVERY: N, 1 when not written */
    coop_loc every_loc;     /* of N, or of the unit when N is not written */
    name unit;              /* DUE_EVERY: year, quarter, month or day */
    datedef *from, *to;     /* DUE_EVERY: NULL when not written */
} duedef;
typedef struct obligedef { name side, n; expr *cond; const char *label; coop_loc loc; duedef due; } obligedef;
typedef struct contract_def {
    const char *label;
    int by_award;              /* contract C = award(TENDER) */
    name tender;               /* by_award: the tender */
    setting *party; int nparty; /* else (buyer = G, supplier = S) */
    setting *set; int nset;
    obligedef *obl; int nobl;
    expr *monitor, *renew;     /* NULL when not written */
    coop_loc monitor_loc, renew_loc;
} contract_def;

/* A date where one is expected (a timeline's ends, an event's at, from and
 * to): a DATE token, or a NUMBER, a year if it is a whole number from 1 to
 * 9999 (the resolver checks it).  ok is 0 for a DATE the scanner refused
 * (said there). */
struct datedef {
    coop_loc loc;
    int is_num;   /* written as a number: num, not d */
    double num;
    date d;
    int ok;
};

/* When an event acts: at a date, every N units, in the step after its
 * condition turns true, in every step after one where it holds. */
typedef enum { EVENT_AT, EVENT_EVERY, EVENT_ON, EVENT_WHILE } event_kind;

/* An event's declaration (decl u.event): when it acts, and its changes. */
typedef struct event_def {
    event_kind kind;
    coop_loc kind_loc;      /* its word: at, every, on, while */
    datedef *at;            /* EVENT_AT */
    double every;           /* EVENT_EVERY: every N units; 1 when not written */
    coop_loc every_loc;     /* of N, or of the unit when N is not written */
    name unit;              /* EVENT_EVERY: year, quarter, month or day */
    datedef *from, *to;     /* EVENT_EVERY: NULL when not written */
    expr *cond;             /* EVENT_ON, EVENT_WHILE */
    const char *label;
    change *ch;             /* the changes, as `what if` writes them */
    int nch;
} event_def;

/* Case data from a CSV file (decl u.data, docs/language.md "Case data from
 * CSV"): `data actors from "F" kind K [name C] [label C]` (n "actors"), or
 * `data R from "F"` (n the relation).  What the file holds is read after
 * the parse (data.c): each record a declaration, D_ACTOR or D_RELSET, whose
 * places are in the file's source; the resolver reads those in its place. */
struct decl;
typedef struct data_def {
    const char *path;          /* as written */
    coop_loc path_loc;
    int actors;
    name kind;                 /* actors: the kind of every one */
    name *name_col, *label_col; /* actors: the columns named (NULL: the
                                  first column is the name; no label) */
    /* read from the file (data.c) */
    const char *file;          /* the path as opened (from the script's directory) */
    name *cols;                /* the header: each column's name and place */
    int ncols;
    int name_at, label_at;     /* actors: the name's and the label's columns (-1: none) */
    struct decl **rows;
    int nrows;
    /* what the records and columns said to be bad would have declared
     * (a file read to its end with errors: data.c), for the resolver to
     * take as failed, so that it says nothing of them again: the names of
     * actors whose records were left out, and of attributes whose columns
     * were (with the names they are like) */
    const char **lost_actors, **lost_attrs;
    int nlost_actors, nlost_attrs;
} data_def;

/* `by PERIOD [from D1] [to D2]` after show's target (decl u.target.by):
 * the period's word, the span's dates (NULL when not written), the place
 * of `by` and what follows it. */
typedef struct bydef { name unit; datedef *from, *to; coop_loc loc; } bydef;

/* A name after `flip R(a, b) by`: `attr`, or `obj.attr`. */
typedef struct flipname { name obj, attr; } flipname;

typedef struct decl {
    dkind k;
    coop_loc loc;
    name n; /* what is declared; for show/explain/dominance, the rule */
    const struct decl *from_data; /* a record of a `data` declaration: that one; else NULL */
    union {
        /* an actor read from a CSV file has the places of its record's
         * cells (cells[column], as data.data_def's cols) */
        struct { name kind; const char *label; attrdef *attrs; int n; const coop_loc *cells; } actor;
        struct { name parent; int has_parent; } kind;
        /* D_PARAM: `param NAME = VALUE ["label"] [range LO .. HI]` */
        struct { expr *value; const char *label; rangedef range; } param;
        struct { name *kinds; int n; expr *def; rangedef range; } rel;
        struct { name *args; int n; expr *value; } relset;
        struct {
            paramdef *params; int np;
            factordef *f; int nf;
            infldef *inf; int ni;
            expr *score, *forms;
            coop_loc score_loc;
            int ordered; /* same-kind parameters take every order */
            coop_loc ordered_loc;
            tender_def *tender; /* D_TENDER */
        } rule;
        struct { name tender, bidder; attrdef *attrs; int n; } bid; /* D_BID; n is the tender */
        contract_def *contract; /* D_CONTRACT */
        /* D_TIMELINE: `timeline FROM .. TO by UNIT` (n is none) */
        struct { datedef *from, *to; name unit; } timeline;
        /* D_ATTRIBUTE: `attribute NAME : KIND range LO .. HI` (n is NAME) */
        struct { name kind; rangedef range; } attribute;
        event_def *event; /* D_EVENT */
        data_def *data;   /* D_DATA */
        /* show, explain, dominance; of: `of verdict` or `of score` after
         * dominance's rule or tuple (the word, at its place), or NULL; why:
         * `why R`, a session's input or a script's statement */
        /* at: `at DATE` after it (NULL: the last step); from, to: explain's
         * span, `from D1 to D2` (either NULL when not written; span 1) */
        /* by: the word after `by` (`dominance R(a, b) by events`), or NULL;
         * period: show's `by PERIOD [from D1] [to D2]`, or NULL */
        /* flip: `by` and the names after it (flip_by: obj.s NULL for a
         * bare name), nflip_by of them; flip_to: the word after `to`, or
         * NULL */
        struct {
            name *args; int n; int has_args; name *of; int why; datedef *at; name *by;
            datedef *from, *to; int span;
            bydef *period;
            struct flipname *flip_by; int nflip_by;
            name *flip_to;
        } target;
        struct { expr *e; } expect; /* and S_VALUE */
        struct { change *v; int n; struct decl *stmt; } change; /* C_WHATIF (stmt: after ':'), C_SET */
        struct { sweepdef *ax; int n; struct decl *stmt; } sweep; /* S_SWEEP: its axes, the statement after ':' */
    } u;
} decl;

typedef struct program {
    decl **v;
    int n;
} program;

/* A list the parser grows in its arena (old buffers are left behind). */
typedef struct alist {
    void **v;
    int n, cap;
} alist;
void alist_push(arena *a, alist *l, void *item);

/* Node constructors: each sets depth = 1 + deepest child. */
expr *ast_expr(arena *a, xkind k, coop_loc loc);
expr *ast_op(arena *a, xkind k, binop op, coop_loc loc, expr *x, expr *y, expr *z);
/* An aggregate: body NULL for the count form, cond and els when absent. */
expr *ast_agg(arena *a, coop_loc loc, name op, name var, name kind, expr *body, expr *cond, expr *els);

/* Writes e as coop source, with the fewest parentheses that keep its
 * meaning; numbers in their shortest round-trip form. */
void ast_print(FILE *out, const expr *e);
/* An operator as written: "+", "<=", "and". */
const char *ast_op_text(binop op);
/* Writes a date as written. */
void ast_print_date(FILE *out, const datedef *d);
/* Writes s as a string literal: in quotes, with \", \\, \n and \t. */
void ast_print_str(FILE *out, const char *s);
/* ast_print into a buffer of the arena. */
char *ast_text(arena *a, const expr *e);
#endif
