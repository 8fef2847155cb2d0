/*
 * model.h - the resolved model: kinds, actors, attribute and relation
 * schemas, rules with their factors, influence and compiled code, fixed
 * after load.  The values of attributes and relations are a world's
 * (world.h); evaluation reads a model and a world and writes neither.
 * Every name is a dense index here.
 */
#ifndef COOP_MODEL_H
#define COOP_MODEL_H

#include <string.h>

#include "ast.h"
#include "date.h"
#include "diag.h"
#include "names.h"
#include "vm.h"

/* T_ACTOR: an actor's index, -1 for none (a tender's winner, a contract's
 * supplier); T_STATUS: a tender_status (tender.h); T_OSTATUS, T_CSTATUS: an
 * obligation's and a contract's status (contract.h). */
/* T_DATE: a step of the timeline (INFINITY: never), what first() gives;
 * T_EVENT: an event's index (-1: none), what decisive() gives */
typedef enum { T_ERR, T_NUM, T_BOOL, T_STR, T_SET, T_FACTOR, T_ACTOR, T_STATUS, T_OSTATUS, T_CSTATUS, T_DATE, T_EVENT } vtype;

typedef struct kind_info {
    const char *name;
    int parent; /* -1 at a root */
    coop_loc loc;
} kind_info;

typedef struct attr_info {
    const char *name;
    vtype type; /* T_NUM, T_BOOL, T_STR (an interned string id) or T_SET */
    /* a bid's field: FIELD of its name "TENDER.FIELD", never shown to
     * users (they read bid(TENDER, x).FIELD); NULL for an attribute */
    const char *field;
} attr_info;

typedef struct relation_info {
    const char *name;
    coop_loc loc;
    int arity;
    int kinds[COOP_MAX_PARAMS];
    vtype type; /* T_NUM or T_BOOL */
    double def;
    double lo, hi; /* `range LO .. HI`: what events write is clamped to it; NAN: none */
} relation_info;

/* A parameter of the model, `param NAME = VALUE ["label"] [range LO ..
 * HI]`: a value of the world (world.h, param[]) that rules and statements
 * read by name, changed as attributes are.  Never a factor: it has no
 * Shapley value (docs/analysis.md). */
typedef struct param_info {
    const char *name, *label;
    coop_loc loc;      /* of its name */
    vtype type;        /* T_NUM or T_BOOL */
    double value;      /* as declared */
    double lo, hi;     /* its range; NAN: none */
} param_info;

/* What Shapley values explain (`of score`, `of verdict`): the score, or
 * the verdict as 1 or 0.  A statement or query that says neither asks of
 * the score when the rule has one (rule_default_of). */
typedef enum { OF_SCORE, OF_VERDICT } shapley_of;
#define SHAPLEY_OFS 2

/* ---- resolved expressions ---- */

typedef struct agg_info agg_info;

typedef enum {
    R_ERR,        /* a node that failed to resolve */
    R_CONST,      /* num (T_NUM, T_BOOL, T_STR as string id, T_FACTOR as index) */
    R_SETCONST,   /* set literal: bits */
    R_ATTR,       /* attribute `attr` of tuple parameter `param` */
    R_ACTOR_ATTR, /* attribute `attr` of actor `actor` (statements) */
    R_REL,        /* relation `rel` over the tuple parameters args[] (in a
                     statement's aggregate, -1 - a for a fixed actor a) */
    R_REL_ACTORS, /* relation `rel` over fixed actors args[] (statements) */
    R_FACTOR,     /* effective value of factor `index` */
    R_SCORE,      /* the rule's score */
    R_NEG, R_NOT, R_BIN, R_APPROX, R_IN,
    R_ABS, R_MIN, R_MAX, R_CLAMP, R_ROUND, /* round: `index` digits */
    R_OVERLAP, R_COVERS, R_COMMON, R_SIZE,
    R_AGG,        /* an aggregate over actors: `agg` */
    R_PARAM,      /* the actor at tuple parameter `param`, compared with an actor */
    R_MPARAM,     /* the model's parameter `index`, read in the world */
    /* contract `rule`'s query `param` (contract.h, CQ_*) of its obligation
     * `index`: R_CONTRACT in a rule, for its tuple; R_CONTRACT_Q in a
     * statement, the contract's own */
    R_CONTRACT, R_CONTRACT_Q,
    /* statement queries over rule `rule` and, where given, tuple args[] */
    R_VERDICT, R_QSCORE, R_VALUE, R_SHAPLEY, R_DOMINANT_T, R_COUNT, R_IMPORTANCE, R_DOMINANT_R,
    /* tender `rule`'s award, and of its bid by args[0] */
    R_WINNER, R_STATUS, R_RANK, R_ELIGIBLE, R_BIDSCORE, R_FAILED, R_GAP, R_WIN_PRICE, R_STABLE,
    /* statements over the timeline's steps: sub[0] read at step `index`
     * (R_AT); at every step from `index` to `param` (R_OVER: op OP_AND
     * throughout, OP_OR during); the first step it holds at (R_FIRST) */
    R_AT, R_OVER, R_FIRST,
    /* which event made tuple args[] of rule `rule` form at step `index`
     * (evshap.h): the decisive event; is event `param` a but-for cause? */
    R_DECISIVE, R_BUT_FOR,
    /* the smallest change that flips tuple args[] of rule `rule` to the
     * verdict `index` (flip.h: FLIP_OTHER, FLIP_FAIL, FLIP_FORM): how many
     * values it changes, its cost, whether there is one */
    R_FLIP_COUNT, R_FLIP_COST, R_FLIPPABLE
} rkind;

typedef struct rexpr rexpr;
struct rexpr {
    rkind k;
    vtype type;
    const expr *src; /* for printing and locations */
    double num;
    const uint64_t *bits;
    int nwords;    /* R_SETCONST: words of bits (sets of a world may have more) */
    int param, attr, rel, actor, index, rule;
    binop op;
    int nargs;
    int *args;     /* parameter or actor indices */
    shapley_of of; /* R_SHAPLEY, R_DOMINANT_T, R_IMPORTANCE, R_DOMINANT_R */
    rexpr **sub;   /* operands */
    int nsub;
    const rexpr *folded; /* R_CONST: the operator it is the value of, if any */
    agg_info *agg;       /* R_AGG */
};

/* An aggregate's operation; 0 is none (words.h's table of functions). */
typedef enum { AGG_NONE, AGG_COUNT, AGG_SUM, AGG_MEAN, AGG_LOWEST, AGG_HIGHEST } agg_op;

/* One aggregate, `op(body for x: K where cond else els)`.  Its bound name x
 * is a slot of the evaluator's tuple: a rule's parameters take slots 0 ..
 * np-1, bound names np, np+1, ... by nesting (a statement's from 0).  The
 * range is a list of actors, not a kind, so other ranges can be given. */
struct agg_info {
    agg_op op;
    const rexpr *src;     /* its R_AGG node, for locations and text */
    int slot;
    const int *cand;      /* the range, in declaration order */
    int ncand;
    const char *range;    /* what the range is, for messages: "provider" */
    rexpr *cond, *body;   /* NULL: every actor of the range; count */
    vm_code cond_code, body_code; /* each returns its value's register */
    int has_else;
    double els;           /* the value of an empty range, when has_else */
    int index;            /* in its rule's table (I_AGG's operand); -1 in a statement */
    int hoist;            /* reads nothing of the tuple: its place among an
                             evaluator's values worked out once (I_HOIST); -1 */
    int bids;             /* over a tender's bids: leaves out the evaluator's
                             left_out (tender_decide_without) */
};

typedef struct factor_info {
    const char *name;
    coop_loc loc;
    const expr *src;
    rexpr *own;
    double baseline;
    rexpr *base; /* the baseline when it reads parameters (baseline: as declared), else NULL */
    vtype type; /* T_BOOL when boolean and not influenced, else T_NUM */
} factor_info;

/* An influence, from -> to by w; wx the weight when it reads parameters
 * (w: as declared), else NULL. */
typedef struct edge { int from, to; double w; coop_loc loc; const rexpr *wx; } edge;

/* What a rule's tuples read of a world, so a change re-evaluates only the
 * tuples it can move.  A change of actor a's attribute x moves only tuples
 * with a at a parameter p whose x is read (bit p of attr_params[x]); a
 * change of r(a, b) only tuples that put a and b at the parameters some
 * reading of r names.  A value read across actors (an aggregate) marks its
 * attribute or relation in *_all: every tuple depends on it. */
typedef struct dep_rel {
    int rel;
    int params[COOP_MAX_PARAMS];
} dep_rel;

typedef struct rule_deps {
    unsigned char *attr_params; /* [nattrs] */
    unsigned char *attr_all;    /* [nattrs] */
    unsigned char *rel_all;     /* [nrels] */
    dep_rel *rels;              /* every distinct reading of a relation */
    int nrels;
    /* [ncontracts]: a contract the rule reads.  A contract is decided from
     * the whole world (its tender's bids, its parties' values), so every
     * tuple depends on it: a difference reads the contract in both worlds,
     * and any change of it re-decides every tuple of the rule. */
    unsigned char *contracts;
    int reads_contracts;
    /* [nparams]: a parameter the rule reads (in its factors, score,
     * condition, keys, baselines or influence weights): a change of it
     * re-decides every tuple */
    unsigned char *params;
    int reads_params;
    int *pread, npread; /* the same, as a list of their indices */
    /* Every column of a world it reads (world.h: attribute a, relation
     * nattrs + r, parameter nattrs + nrels + p: pread's among them), those
     * of the contracts it reads with them, ascending: what a query worked
     * out of the rule stays right while none of them changes (query.c),
     * and, when it reads a contract with a dated obligation (reads_dated),
     * while the step read is the same. */
    int *cols;
    int ncols;
    int reads_dated;
} rule_deps;

/* ---- tenders ---- */

/* A tender is a rule over (bidder, buyer): parameter 0 ranges over the
 * actors with a bid for it, parameter 1 is the buyer alone.  Its verdict
 * is "eligible" (every requirement holds); a bid's fields are attributes
 * of its bidder named "TENDER.FIELD" (bid.price reads them). */
typedef enum { TENDER_OPEN, TENDER_SELECTIVE, TENDER_SINGLE } tender_method;
typedef enum { AWARD_BEST, AWARD_LOWEST, AWARD_HIGHEST, AWARD_TO } award_kind;

typedef struct requirement {
    const char *name, *label;
    int sym;             /* the name as a symbol: failed(T, x) is a set */
    coop_loc loc;
    rexpr *cond;
    int reads_price;     /* cond reads the bid's price (tender_info.price) */
} requirement;

/* An order among bids: by the value of e, lowest or highest first. */
typedef struct bid_key {
    int lowest;
    rexpr *e;
    const char *text; /* as written */
} bid_key;

typedef struct tender_info {
    const char *label;
    int buyer;            /* actor */
    double budget;        /* NAN when not given */
    tender_method method;
    int min_bids;
    int nreq;
    requirement *req;
    award_kind award;
    bid_key key;          /* AWARD_BEST: highest score; AWARD_TO: none */
    int award_to;         /* AWARD_TO: the actor */
    int ntie;
    bid_key *tie;
    /* the bid field a win price varies (loser.h): the one `award lowest`
     * or `highest` reads, else `price`; -1 for none (an attribute) */
    int price;
} tender_info;

struct contract_info;

typedef struct rule_info {
    const char *name;
    coop_loc loc;
    int np;
    const char **pnames;
    int *pkinds;
    const int **cand; /* actors matching each parameter, in declaration order (model.kact) */
    int *ncand;
    int *order_after; /* for each parameter, the earlier parameter of the same kind it must follow, or -1 */
    int ordered;      /* declared `ordered`: same-kind parameters take every order (order_after all -1) */
    long ntuples;

    int nf;
    factor_info *f;
    int ne;
    edge *e;
    double *M;   /* nf x nf: effective = M * own, M = (I - W^T)^-1 */
    int cyclic;
    int *order;  /* factors in topological order of influence, when acyclic */
    double *lin; /* nf: d score / d own_f when the score is linear (linear.h), else NULL */
    /* a baseline or an influence weight reads a parameter: the evaluator
     * works them, M and lin out for the world's values (eval.h); e, f,
     * M and lin hold them as declared */
    int pconst;
    const rexpr *nonlinear; /* else what is not linear; NULL: the rule has no score */

    rexpr *score; /* NULL when the rule has none */
    rexpr *forms;

    agg_info **agg; /* its aggregates, inner ones before the one holding them */
    int nagg, nhoist; /* aggregates; those read once per world (agg_info.hoist) */
    tender_info *tender; /* a tender's, or NULL for a partnership */
    const struct contract_info *contract; /* a contract's conditions' context (below), or NULL */

    vm_code own;  /* tuple -> own values in regs[0, nf) */
    vm_code post; /* own values -> effective values, score, verdict */
    vm_code full; /* own then post in one run, when own values need not be kept */
    int nregs;    /* registers the code uses */
    rule_deps deps;
} rule_info;

/* ---- contracts ---- */

/* One side's obligation: a condition on what the contract's parties do.
 * Without a date (due DUE_NONE) it is decided once per world (contract.h):
 * met when the condition holds, otherwise violated, or undetected for a
 * supplier's while the contract's monitoring condition does not hold (the
 * buyer cannot see it).
 *
 * A dated one (`by DATE`, `every PERIOD`: docs/language.md, "Dated
 * obligations") is due at steps of the timeline, steps[0..nsteps): by a
 * date, the last step of the date's period (it must have held at some step
 * up to it); every period, the last step of each period (it must hold at
 * each).  Its status at a step is its record over the steps up to it
 * (obligation.h), which statements read. */
typedef enum { SIDE_SUPPLIER, SIDE_BUYER } contract_side;

typedef struct obligation {
    const char *name, *label;
    coop_loc loc;
    contract_side side;
    rexpr *cond;
    due_kind due;      /* DUE_NONE, DUE_BY, DUE_EVERY (ast.h) */
    coop_loc due_loc;  /* of its word, 'by' or 'every' */
    int *steps;        /* the steps it is due at, ascending: one by a date */
    int nsteps;
    /* as written, for reports: the date (DUE_BY); every N units, from and
     * to (DUE_EVERY; has_from, has_to 0 when not written) */
    date by, from, to;
    int every, has_from, has_to;
    date_unit unit;
} obligation;

/* A contract binds a buyer and a supplier: named, or by the award of a
 * tender (its buyer, and its winner in each world: with no winner the
 * contract is void).  Its conditions read buyer.X, supplier.X, relations
 * between them and, by award, bid.X of the winning bid: the context `ru`
 * gives them as the two parameters of a rule (buyer alone, then every
 * actor that may be the supplier), as a tender's factors read a bid. */
typedef struct contract_info {
    const char *name, *label;
    coop_loc loc;
    int tender;        /* the tender it is awarded by (a rule), or -1 */
    int buyer;         /* an actor */
    int supplier;      /* an actor; -1 by award: the tender's winner */
    double term;       /* years */
    int nobl;
    obligation *obl;
    rexpr *monitor;    /* NULL: the buyer sees what the supplier does */
    rexpr *renew;      /* NULL: the contract is not renewed */
    int ndated;        /* its dated obligations (due not DUE_NONE) */
    int dated_renew;   /* its renewal reads one of them */
    int *cols, ncols;  /* the columns its conditions and its tender read (rule_deps.cols) */
    rule_info ru;
    const decl *decl;  /* while resolved */
    int resolved;      /* 1, or -1 when its declaration failed; 0 until resolved */
} contract_info;

typedef struct actor_info {
    const char *name;
    int kind;
    const char *label;
    coop_loc loc;
    const decl *row; /* read from a CSV file: its record's declaration (decl.from_data), else NULL */
    int attrs, nattrs; /* its attributes as its declaration lists them:
                          model.actor_attrs[attrs, attrs + nattrs) */
} actor_info;

/* ---- time (docs/language.md, "Timelines") ---- */

/* The model's one timeline: steps 0 .. nsteps-1, step k the date start
 * moved k units; the declared world is the state before step 0. */
typedef struct timeline_info {
    date start, end;  /* inclusive, at precision unit */
    date_unit unit;
    int nsteps;
    coop_loc loc;
} timeline_info;

/* event_kind: ast.h's, as the declaration says it */

/* One change an event makes, as a REPL change makes it (change.h): a
 * number, true/false, string or set attribute of an actor (a bid's field
 * is an attribute "TENDER.FIELD" of its bidder), a relation value, or a
 * parameter (is_param); the value an expression of statements
 * (CTX_STMT), read in the world as it is at the start of the step. */
typedef struct event_change {
    int is_rel;
    int actor, attr;
    int rel, args[COOP_MAX_PARAMS];
    int is_param, param;
    chop op;
    rexpr *value;
    coop_loc loc;
} event_change;

typedef struct event_info {
    const char *name, *label;
    coop_loc loc;
    event_kind kind;
    int *steps;      /* EVENT_AT, EVENT_EVERY: the steps it acts at, ascending */
    int nsteps;
    rexpr *cond;     /* EVENT_ON, EVENT_WHILE: a condition of statements */
    event_change *ch;
    int nch;
    const event_def *def; /* as declared: a what-if's `every` keeps its from and to */
} event_info;

typedef struct model {
    int nkinds;
    kind_info *kinds;
    int nactors;
    actor_info *actors;
    int nattrs;
    attr_info *attrs;
    int nactor_attrs; /* attrs[0, nactor_attrs) are actors' attributes, the
                         rest bids' fields (the actors' values come first) */
    int *actor_attrs; /* each actor's attributes in its declaration's order
                         (show world(a)), actor after actor */
    int nrels;
    relation_info *rels;
    int nrules;
    rule_info *rules;
    int ncontracts;
    contract_info *contracts;
    int nsyms;
    const char **syms;
    int setwords; /* 64-bit words per set of the model's symbols */
    int nstrs;
    const char **strs;
    /* each kind's actors (of it or a kind below), in declaration order:
     * parameters' and aggregates' ranges, made when first asked for */
    const int **kact;
    int *nkact;
    /* every name to its index, kept for what is resolved after the model:
     * a session's statements, changes */
    names kind_idx, actor_idx, attr_idx, sym_idx, str_idx;
    names callables; /* relations >= 0, rules -2 - index */
    names contract_idx;
    /* time: NULL and 0 without a timeline */
    timeline_info *timeline;
    event_info *events;
    int nevents;
    names event_idx;
    /* the parameters (`param NAME = VALUE`), in declaration order */
    int nparams;
    param_info *params;
    names param_idx;
    /* `range LO .. HI` of attributes (attribute NAME : KIND range, or on
     * an actor or a bid), [attr][actor], NULL when no actor's attribute
     * has one, a row NULL when no actor's attribute attr has one; NAN:
     * none */
    double **attr_lo, **attr_hi;
} model;

/* The verdict a flip asks for: the other one than now (`flip R(a, b)`),
 * or one named (`to fail`, `to form`), which it may have already. */
enum { FLIP_OTHER = -1, FLIP_FAIL = 0, FLIP_FORM = 1 };

/* One name of `flip R(a, b) by NAME, ...`, resolved: attribute `attr` of
 * the tuple's actor `actor` at parameter `param` (both -1: of each of its
 * actors the verdict reads it of), relation `rel`'s values over the
 * tuple's actors, or the model's parameter `mparam` (the others -1). */
typedef struct flip_pick {
    int attr, actor, param, rel, mparam;
    coop_loc loc;
} flip_pick;

/* A resolved statement. */
typedef struct stmt {
    dkind k;        /* S_SHOW, S_EXPLAIN, S_DOMINANCE, S_EXPECT, S_SWEEP, S_VALUE */
    coop_loc loc;
    int rule;
    int contract;   /* show, explain: a contract, or -1 */
    int has_tuple;
    int tuple[COOP_MAX_PARAMS];
    shapley_of of;  /* dominance */
    int why;        /* `why R`: of a tender, its award explained; of a
                       partnership's tuple on a timeline, its story (story.h) */
    rexpr *e;       /* expect, value */
    int step;       /* show, explain, dominance: `at DATE`'s step, or -1 (the last) */
    int span;       /* explain R(a, b) from .. to: the steps from `from` to `to` */
    int from, to;
    int past;       /* reads a step before the last (the run keeps a journal) */
    const rexpr *unset; /* a value it reads that the world it was resolved
                       in lacks (a what-if's change gives it: whatif.c), or NULL */
    int by_events;  /* dominance R(a, b) by events: the events' Shapley values */
    /* show R by PERIOD, show world(a) (resolve_step.c, run_by.c) */
    int by;         /* the periods' date_unit, or -1 */
    int p1, p2;     /* the periods shown, from p1 to p2 (period.h: counted
                       from the first the timeline's steps fall in) */
    int world;      /* show world(a): the actor, or -1 */
    int params;     /* show params: every parameter, its value and range */
    struct sweep_info *sweep; /* sweep: its grid and statement (sweep.h) */
    /* flip R(a, b) [to ...] by ...: the names given (npick 0: every value
     * that may move); the verdict asked for (flip.h: FLIP_OTHER, ...) */
    const flip_pick *pick;
    int npick;
    int flip_to;
} stmt;

/* Tuple enumeration, shared by counting (resolve.c) and evaluation
 * (eval.c): a tuple never repeats an actor, and parameters of one kind take
 * each set of actors once, in declaration order, unless the rule is
 * `ordered` (range.h says which tuples those are).  Parameter p's candidates
 * run from rule_first(), which skips those not past the earlier parameter
 * of its kind; rule_fresh() then refuses actors already chosen. */
static inline int rule_first(const rule_info *ru, int p, const int *t)
{
    if (ru->order_after[p] < 0) return 0;
    int lo = t[ru->order_after[p]], a = 0, b = ru->ncand[p];
    while (a < b) { /* candidates are sorted */
        int mid = (a + b) / 2;
        if (ru->cand[p][mid] <= lo) a = mid + 1; else b = mid;
    }
    return a;
}

/* Is actor a a candidate of parameter p (of its kind, and for a tender's
 * bidder, one with a bid)? */
static inline int rule_cand_has(const rule_info *ru, int p, int a)
{
    int lo = 0, hi = ru->ncand[p];
    while (lo < hi) { /* candidates are sorted */
        int mid = (lo + hi) / 2;
        if (ru->cand[p][mid] < a) lo = mid + 1; else hi = mid;
    }
    return lo < ru->ncand[p] && ru->cand[p][lo] == a;
}

static inline int rule_fresh(int p, const int *t, int a)
{
    for (int q = 0; q < p; q++)
        if (t[q] == a) return 0;
    return 1;
}

/* Does attribute ai hold a field of the bids for the tender named t? */
static inline int attr_field_of(const attr_info *ai, const char *t)
{
    size_t n = strlen(t);
    return ai->field && (size_t)(ai->field - ai->name) == n + 1 && strncmp(ai->name, t, n) == 0;
}

/* How messages name a rule: "tender", "contract" (its conditions'
 * context) or "partnership". */
static inline const char *rule_noun(const rule_info *ru)
{
    return ru->tender ? "tender" : ru->contract ? "contract" : "partnership";
}
/* What a rule's Shapley values are of when nothing says. */
static inline shapley_of rule_default_of(const rule_info *ru) { return ru->score ? OF_SCORE : OF_VERDICT; }

/* Is kind k the kind `of` or below it? */
int model_is_a(const model *m, int k, int of);
/* Frees what the model holds outside its arena (compiled code, name
 * tables). */
void model_free(model *m);

#endif
