/*
 * resolver.h - the resolver's shared state, for its parts alone:
 * resolve.c (the order of work, symbols), resolve_expr.c (expressions),
 * resolve_model.c (kinds, relations, partnerships), resolve_world.c
 * (actors' values, relation values), resolve_stmt.c (statements),
 * resolve_agg.c (aggregates over actors), resolve_time.c (timeline,
 * ranges, events) and resolve_data.c (case data's columns).
 */
#ifndef COOP_RESOLVER_H
#define COOP_RESOLVER_H

#include "resolve.h"
#include "suggest.h"

typedef VEC(const char *) strvec;

/* A name an aggregate binds, while its condition and value are resolved. */
typedef struct bound_name {
    const char *name;
    int kind;
    int slot;        /* its index in the evaluator's tuple */
    const int *cand; /* the actors it ranges over */
    int ncand;
    const expr *agg; /* the aggregate that binds it */
} bound_name;

/* What an expression may read where it stands: CTX_PARAM reads constants
 * and the model's parameters alone (a baseline, an influence weight). */
typedef enum { CTX_CONST, CTX_FACTOR, CTX_SCORE, CTX_FORMS, CTX_STMT, CTX_PARAM } ctxkind;

/* Does ctx read no tuple, actor or verdict? */
static inline int rsv_no_world(ctxkind ctx) { return ctx == CTX_CONST || ctx == CTX_PARAM; }

/* An attribute said to be missing from a file's actors (resolve_data.c). */
typedef struct data_said {
    const data_def *x;
    const char *an;
} data_said;

typedef struct R {
    const model *m;     /* names, kinds, schemas and rules read */
    model *mm;          /* the model being built (m itself), or NULL when
                           statements are resolved against a finished one */
    coop_world *w;      /* the world being built, or the one later
                           statements number new symbols and strings in */
    arena *a;
    coop_diags *d;
    const source *src;
    strvec symv, strv;  /* the model's symbols and strings, while built */
    /* the rule being resolved, for CTX_FACTOR / CTX_SCORE / CTX_FORMS */
    rule_info *rule;
    const char *requirement; /* the tender's requirement being resolved, or NULL */
    int renewing;       /* a contract's `renew when` is resolved: it reads its own obligations */
    const tender_def *tender; /* the tender being resolved, as written */
    int bid_slot;            /* the slot bid.X reads: the bidder's, 0, or an
                                aggregate's over the eligible bids */
    names params, factors;
    int fatal;          /* an error after which resolving further makes no sense */
    int in_time;        /* inside `at`, `throughout`, `during` or first() */
    int past;           /* a statement read a step before the last (stmt.past) */
    int in_event;       /* an event's condition or a change's value is resolved */
    /* attributes (a bid's fields too) that w lacks and statements may read
     * all the same, as (attribute, actor) pairs: a sweep's axes, or a
     * what-if's changes, give them a value; the first such one a
     * statement reads (stmt.unset) */
    const int *given;
    int ngiven;
    const rexpr *unset;
    coop_world *scratch; /* a world made to number symbols in, when none was given */
    stmt *stmts;        /* the statements resolved, by rsv_statements */
    int nstmts;
    /* a script's, while its declarations are resolved: */
    const program *prog;
    names failed;        /* names whose declaration failed: their SUGGEST_ classes */
    const decl **actor_decls; /* each actor's declaration */
    VEC(int) missing;    /* attribute, actor of each "has no attribute" (or bid field) said */
    VEC(data_said) data_said; /* ... and each file's, said once for its actors */
    /* aggregates: the names bound where an expression stands, innermost
     * last; a rule's aggregates so far, inner ones first.  A tender's
     * requirements are resolved again inside each aggregate over its
     * eligible bids (rsv_bids_agg) as they are written, at the top of the
     * tender: there they see only bound[visible, nbound) (the aggregate's
     * bidder and their own names), and only bound[nested, nbound) count
     * toward COOP_MAX_AGG_DEPTH; so the bound names may go twice as deep
     * as any one expression nests. */
    bound_name bound[2 * COOP_MAX_AGG_DEPTH];
    int nbound, visible, nested;
    VEC(agg_info *) aggs;
} R;

/* callables: relations are >= 0, rules are encoded as -2 - index */
#define RULE_CODE(i) (-2 - (i))

#define ERR(loc, ...) diag_at(r->d, r->src, (loc), COOP_ERROR, __VA_ARGS__)
/* What ctx (rsv_no_world) wants, for messages: a parameter only where the
 * model has one. */
#define rsv_wanted(ctx) ((ctx) == CTX_PARAM && r->m->nparams ? "a constant or a parameter" : "a constant")
#define NOTE(loc, ...) diag_at(r->d, r->src, (loc), COOP_NOTE, __VA_ARGS__)
#define WARN(loc, ...) diag_at(r->d, r->src, (loc), COOP_WARNING, __VA_ARGS__)

/* "; did you mean 'x'?" (or "") to end a message about the unknown name
 * `word`: the nearest of the model's names of the classes given
 * (suggest.h), of rule ru's factors, or of its parameters.  sg holds the
 * text. */
#define NEAR(sg, word, classes) suggest_in(&(sg), (word), r->m, (classes), r->d)
/* A resolver of statements, values and targets against the finished
 * model m (w may be NULL where no world is read); rsv_end frees what it
 * made. */
void rsv_start(R *r, const model *m, coop_world *w, const source *src, arena *a, coop_diags *d);
void rsv_end(R *r);
/* Says at loc that `word` is no name of class `want` (suggest_unknown),
 * unless a declaration of that class and name failed: it was said then.
 * An unknown kind is said once, at the first use resolved. */
void rsv_unknown(R *r, coop_loc loc, const char *word, unsigned want);
/* Is the name of item i of items[] (each `size` bytes, its name `at`
 * bytes in) new among the items before it?  Else says "WHAT named 'x'" at
 * it, and where the first is, and returns 0. */
int rsv_named_once(R *r, const void *items, size_t size, size_t at, int i, const char *what);
/* Keeps the name of a declaration of class cls that failed. */
void rsv_failed(R *r, const char *word, unsigned cls);
/* Did a declaration of class cls named `word` fail (it was said then)? */
int rsv_did_fail(R *r, const char *word, unsigned cls);

const char *rsv_near_factor(R *r, suggest *sg, const rule_info *ru, const char *word);
const char *rsv_near_param(R *r, suggest *sg, const rule_info *ru, const char *word);

const char *rsv_type_name(vtype t);
static inline int rsv_is_num(vtype t) { return t == T_NUM || t == T_BOOL; }

/* Calls fn with every symbol e names (members of set literals, the left
 * of `in`), in source order. */
void rsv_each_sym(const expr *e, void (*fn)(void *ctx, const name *sym), void *ctx);
/* ... and every symbol declaration d names: its expressions', and a
 * tender's requirement names (failed(T, x) is a set of them). */
void rsv_decl_syms(const decl *d, void (*fn)(void *ctx, const name *sym), void *ctx);

/* Symbol and string ids (see world.h). */
int rsv_sym(R *r, const char *s);
int rsv_str(R *r, const char *s);

/* resolve_expr.c */
rexpr *rsv_expr(R *r, const expr *e, ctxkind ctx);
/* A new node of kind k and type t for src; an R_ERR node; n operands. */
rexpr *rsv_node(R *r, rkind k, vtype t, const expr *src);
rexpr *rsv_fail(R *r, const expr *src);
void rsv_subs(R *r, rexpr *x, int n);
/* e resolved, and refused unless a number (want_num) or true/false. */
rexpr *rsv_need(R *r, const expr *e, ctxkind ctx, int want_num, const char *what);
/* A condition read as a factor reads (a tender's requirement, a
 * contract's): e resolved, or NULL after saying it is not true/false.
 * `what` names it ("requirement 'fit'"), `how` begins it as written, for
 * the hint ("require fit ="). */
rexpr *rsv_truth(R *r, const expr *e, const char *what, const char *how);
/* A constant: folds e and returns it, or reports and returns NULL. */
rexpr *rsv_constant(R *r, const expr *e, const char *what);
/* A constant number, or dflt (reported unless e is NULL). */
double rsv_number(R *r, const expr *e, const char *what, double dflt);

/* Has actor ac attribute at (-1: none) where a statement reads it: in w,
 * or given (R.given)? */
int rsv_has(const R *r, int at, int ac);
/* A statement's read of actor ac's attribute at (or a bid's field), which
 * rsv_has: the node, kept as the first read of a given value (R.unset)
 * when w lacks it. */
rexpr *rsv_actor_attr(R *r, const expr *e, int ac, int at);

/* Was attribute at (an actor's, or a bid's field) said to be missing on
 * actor ac?  Else it is recorded as said now, and 0. */
int rsv_said_missing(R *r, int at, int ac);
/* After "actor ac has no attribute an": for an actor read from a CSV
 * file, a note at its empty cell (or at its record, when the file has no
 * such column), and 1; else 0. */
int rsv_data_note(R *r, int ac, const char *an);

/* resolve_data.c */
/* Actor ac lacks attribute an, which `who` reads at e as obj.an: when ac
 * is read from a file that has no column an, said once for the file (at
 * the header cell of a column close to an, else at e with a note at the
 * header), and 1; else 0 (the caller says it of the actor). */
int rsv_data_missing(R *r, const expr *e, int ac, const char *who, const char *obj, const char *an);
/* No actor has attribute an, which `reads` at `at` ("partnership 'p'
 * reads n.an"): when a file's column is close to it, said once at that
 * column's header cell, and 1; else 0. */
int rsv_column_slip(R *r, coop_loc at, const char *reads, const char *an);

/* resolve_agg.c: an aggregate (X_AGG) where ctx reads. */
rexpr *rsv_agg(R *r, const expr *e, ctxkind ctx);
/* Says so at e when an aggregate there would nest deeper than
 * COOP_MAX_AGG_DEPTH, as written: 1, else 0. */
int rsv_too_deep(R *r, const expr *e);
/* The name bound as s where an expression stands, innermost first, or NULL. */
const bound_name *rsv_bound(const R *r, const char *s);
/* Does x read a tuple slot below `slot` other than `fixed` (-1: none)?  An
 * aggregate that does not is hoisted: worked out once per world. */
int rsv_reads_below(const rexpr *x, int slot, int fixed);
/* lowest(bid.price) in a tender: op over the tender's eligible bids. */
rexpr *rsv_bids_agg(R *r, const expr *e, ctxkind ctx, agg_op op);
/* Kind k's actors (of it or a kind below), in declaration order; *n of them. */
const int *rsv_kind_actors(R *r, int k, int *n);

/* Which of words[0, n) w is, or -1: then sg holds its nearest (for
 * suggest_said). */
int rsv_word_of(R *r, suggest *sg, const char *w, const char *const *words, int n);

/* resolve_tender.c: "TENDER.FIELD", the attribute that holds a bid's
 * field; a tender's settings, bidders and buyer (its parameters: 1, 0
 * after errors, -1 when nothing more can be checked); its requirements
 * (after its factors' names, before their values, which may read them
 * through an aggregate over the eligible bids; 0 on errors); its award and
 * ties (after its score; 0 on errors); `bid.X`; every bid names a tender. */
const char *rsv_bid_field(R *r, const char *tender, const char *field);
int rsv_tender_params(R *r, const decl *d, rule_info *ru);
int rsv_tender_requirements(R *r, const decl *d, rule_info *ru);
int rsv_tender_body(R *r, const decl *d, rule_info *ru);
rexpr *rsv_bid_attr(R *r, const expr *e);
void rsv_bids_known(R *r, const program *p);
/* winner(T), status(T), rank(T, x), eligible(T, x), score(T, x),
 * failed(T, x), gap(T, x), win_price(T, x), stable(T): the node, or NULL
 * when e is no such call (score(R(a, b)) is a partnership's). */
rexpr *rsv_tender_query(R *r, const expr *e, ctxkind ctx);
/* `dominance T` of tender `rule`: 0, or -1 after saying why it cannot be
 * (a single-source award, an award not by the score). */
int rsv_tender_dominance(R *r, int rule, coop_loc loc);
/* Shapley values `of` of tender `rule`, asked of bidder's bid (NULL: of
 * every bid) in a statement or query at loc (`word`: its 'of' word, or
 * NULL for the default): of the verdict they are 0 by construction (a
 * bid's verdict is its eligibility, and requirements read no factor), so
 * -1 after saying where to look instead; else 0. */
int rsv_tender_of(R *r, int rule, shapley_of of, const name *word, const char *bidder, coop_loc loc);
/* A bare name where a value of type t is compared: an actor (or `none`),
 * a tender's status. */
rexpr *rsv_word(R *r, const expr *e, vtype t);
/* A tender's tuple from its bidder's name: (bidder, buyer). */
int rsv_bidder(R *r, int rule, const name *args, int n, coop_loc loc, int *out);
/* bid(tender, bidder).field: the bidder into *actor, the attribute that
 * holds the field into *attr; 0, or -1 after saying why (an unknown
 * tender, an actor without a bid for it, a field no bid for it has).
 * rsv_bid_value: the same read as a statement's value. */
int rsv_bid_cell(R *r, const name *tender, const name *bidder, const name *field, int *actor, int *attr);
/* resolve_field_hint (resolve.h) of the resolver's model and world. */
const char *rsv_field_hint(R *r, const char *an, int ac, char *buf, size_t n);
rexpr *rsv_bid_value(R *r, const expr *e, ctxkind ctx);

/* resolve_contract.c: every contract's name (before the tenders), then
 * every contract (after the tenders, before the partnerships); met(C.o), violated(C.o), undetected(C.o), status(C.o),
 * status(C), renewed(C), supplier(C): the node, or NULL when e is no such
 * call (status(T) is a tender's); show C, explain C: 1 when d names a
 * contract (into st->contract), 0 when not, -1 after reporting. */
void rsv_contract_names(R *r, const program *p);
void rsv_contracts(R *r);
/* resolve_model.c: marks in mark[] (the model's nattrs + nrels + nparams) the
 * columns x reads (model.h, rule_deps.cols); the marked ones as a list in
 * r's arena, ascending, their number in *n. */
void rsv_mark_cols(const model *m, const rexpr *x, unsigned char *mark);
int *rsv_cols(R *r, const unsigned char *mark, int *n);
rexpr *rsv_contract_query(R *r, const expr *e, ctxkind ctx);
int rsv_contract_target(R *r, const decl *d, stmt *st);

/* resolve_stmt.c: "R(a, b)": the actors of a rule's tuple into out[]; 0,
 * or -1 after reporting. */
int rsv_tuple(R *r, int rule, const name *args, int n, coop_loc loc, int *out);
/* What rule's Shapley values are of, as `word` ("verdict" or "score", NULL
 * when nothing was said) asks: a shapley_of, or -1 after reporting `of
 * score` of a rule without one. */
int rsv_of(R *r, int rule, const name *word);

/* The declarations of each class, in program order (decl.h's table calls
 * them, class by class, in the table's order). */
void rsv_kinds(R *r, const program *p);
/* resolve_param.c: the parameters, after the kinds and before everything
 * that reads them; and a baseline's or an influence weight's value
 * (CTX_PARAM), as declared into *v (NAN after saying why), with its node
 * when it reads a parameter (else NULL: *v is all of it). */
void rsv_params(R *r, const program *p);
rexpr *rsv_param_number(R *r, const expr *e, const char *what, double *v);
void rsv_actors(R *r, const program *p);
void rsv_relations(R *r, const program *p);
void rsv_relvalues(R *r, const program *p);
void rsv_rules(R *r, const program *p);
void rsv_statements(R *r, const program *p);
/* resolve_time.c: the timeline; the ranges of relations and attributes
 * (after the relation values); the events (after the rules they read);
 * `range LO .. HI` into *lo, *hi (0, or -1 after saying why); that value v
 * at loc, of `what`, is outside [lo, hi], declared at `at` */
int rsv_range(R *r, const rangedef *rg, double *lo, double *hi);
void rsv_outside(R *r, coop_loc loc, const char *what, double v, double lo, double hi, coop_loc at);
void rsv_timeline(R *r, const program *p);
void rsv_ranges(R *r, const program *p);
void rsv_events(R *r, const program *p);

/* One statement of each statement class into *st; 0, or -1 after
 * reporting. */
/* The date dd holds: a DATE as read, or a number that is a year; 0, or -1
 * after saying why (a DATE the scanner refused was said there). */
int rsv_date(R *r, const datedef *dd, date *out);
/* The unit word n names (year, quarter, month, day; after a count, as in
 * `every 2 years`, its plural too), or -1 after saying so, with the
 * nearest. */
int rsv_unit(R *r, const name *n, int counted);
/* Was a count written before the unit of `every [N] UNIT`?  (Its place,
 * every_loc, is the unit's own when not.) */
static inline int rsv_counted(coop_loc every_loc, coop_loc unit_loc)
{
    return every_loc.line != unit_loc.line || every_loc.col != unit_loc.col;
}
/* Statements over the timeline's steps (resolve_step.c): `e at D`, `e
 * throughout D1 .. D2`, `e during D1 .. D2` (X_TIME); first(e); a date
 * compared with first()'s (a == b, a < b, ...: 1 when a or b reads a date,
 * resolved into *pa, *pb, or T_ERR nodes after saying why; 0 when neither
 * does); and a statement's `at D` (dd): its step, -1 for none (NULL: the
 * last step), or -2 after saying why. */
rexpr *rsv_time(R *r, const expr *e, ctxkind ctx);
rexpr *rsv_first(R *r, const expr *e, ctxkind ctx);
rexpr *rsv_date_value(R *r, const expr *e, ctxkind ctx);
int rsv_date_compare(R *r, const expr *e, ctxkind ctx, rexpr **pa, rexpr **pb);
/* `never` where nothing declares the name, read apart from a date
 * comparison (or in a rule or an event, where no date is read): said, and
 * 1; else 0. */
int rsv_never(R *r, const expr *e, ctxkind ctx);
int rsv_stmt_step(R *r, const datedef *dd);
/* decisive(R(a, b) [at D]) and but_for(R(a, b) [at D], EVENT) (k
 * R_DECISIVE, R_BUT_FOR); an event's name compared with what decisive()
 * gives (`none`: no event); `dominance R(a, b) [at D] by events` into st. */
rexpr *rsv_event_cause(R *r, const expr *e, ctxkind ctx, rkind k);
rexpr *rsv_event_name(R *r, const expr *e);
int rsv_by_events(R *r, const decl *d, stmt *st);
/* When event d acts, into ev (resolve_time.c): its steps, or its
 * condition; 1, or 0 after saying why. */
int rsv_event_when(R *r, const decl *d, event_info *ev);
/* explain R(a, b)'s span (`from D1 to D2`, `from D1`, `to D2`) into st's
 * from and to, and `why R(a, b)` on a timeline: each reads the run's
 * journal (stmt.past).  0, or -1 after saying why (no timeline, a span of
 * no tuple, of a tender or a contract, dates outside or reversed). */
int rsv_story(R *r, const decl *d, stmt *st);
/* show's `by PERIOD [from D1] [to D2]` into st (by, p1, p2): 0, or -1
 * after saying why; and `show world(a)`, which names no rule (1: d is one,
 * resolved into st, or -1 after saying why; 0: d is not one). */
int rsv_show_by(R *r, const decl *d, stmt *st);
int rsv_world(R *r, const decl *d, stmt *st);
/* The steps date dd covers, into [*k1, *k2] (inside the timeline, which
 * the model has); 0, or -1 after saying why (resolve_step.c). */
int rsv_steps(R *r, const datedef *dd, int *k1, int *k2);
/* resolve_due.c: when each contract's dated obligations fall due (`by
 * DATE`, `every PERIOD`), against the timeline (after it). */
void rsv_contract_dues(R *r, const program *p);
int rsv_target(R *r, const decl *d, stmt *st);    /* show, explain, dominance */
int rsv_condition(R *r, const decl *d, stmt *st); /* expect */
int rsv_value(R *r, const decl *d, stmt *st);     /* a bare expression */
int rsv_sweep(R *r, const decl *d, stmt *st);     /* sweep (resolve_sweep.c) */
/* resolve_sweep.c: one axis of a sweep, its target and values checked,
 * into *ax; the axes v[0..n) into grid g (no target twice, at most
 * COOP_SWEEP_MAX_POINTS points).  0, or -1 after saying why. */
struct sweep_axis;
struct sweep_grid;
int rsv_sweep_axis(R *r, const sweepdef *d, struct sweep_axis *ax);
int rsv_sweep_grid(R *r, const sweepdef *v, int n, struct sweep_grid *g);
int rsv_flip(R *r, const decl *d, stmt *st);      /* flip R(a, b) [to ...] [by ...] (resolve_flip.c) */
/* The verdict `to WORD` asks a flip of `rule` for (FLIP_FAIL, FLIP_FORM),
 * w NULL: FLIP_OTHER; -2 after saying the word is neither. */
int rsv_flip_to(R *r, int rule, const name *w);

#endif
