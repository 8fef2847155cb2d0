/* coop.y - the grammar: tokens to a syntax tree.  A pure, located parser;
 * every semantic value points into the parse arena (freed as a whole by the
 * caller), so nothing on the parser stack owns memory and error recovery
 * cannot leak. */
%code top {
#define _POSIX_C_SOURCE 200809L
}
%code requires {
#include "parse.h"
#define COOP_YYLTYPE coop_loc
#define COOP_YYLTYPE_IS_DECLARED 1
typedef void *yyscan_t;
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                         \
    do {                                                                    \
        if (N) {                                                            \
            (Cur).line = YYRHSLOC(Rhs, 1).line;                             \
            (Cur).col = YYRHSLOC(Rhs, 1).col;                               \
            (Cur).end_line = YYRHSLOC(Rhs, N).end_line;                     \
            (Cur).end_col = YYRHSLOC(Rhs, N).end_col;                       \
        } else {                                                            \
            (Cur).line = (Cur).end_line = YYRHSLOC(Rhs, 0).end_line;        \
            (Cur).col = (Cur).end_col = YYRHSLOC(Rhs, 0).end_col;           \
        }                                                                   \
    } while (0)
}

%code {
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include "slip.h"
#include "suggest.h"
#include "words.h"

/* The parser state is `pst` where bison declares it (its push parser's
 * prototypes name their own state `ps`), `ps` in the actions. */
#define ps pst

#define A (ps->mem)

static name mkname(const char *s, coop_loc l) { name n = {s, l}; return n; }
static int number_comma(parse_state *ps, coop_loc c);

/* Copies an arena list of T into a fresh array of T. */
static void *flatten(arena *a, alist *l, size_t size, int *n)
{
    *n = l ? l->n : 0;
    if (!*n) return NULL;
    char *v = arena_alloc(a, (size_t)*n * size);
    for (int i = 0; i < *n; i++) memcpy(v + (size_t)i * size, l->v[i], size);
    return v;
}

/* One item of a partnership or tender body, sorted out by rule_body. */
typedef enum { IT_FACTOR, IT_INFLUENCE, IT_SCORE, IT_FORMS, IT_SETTING, IT_REQUIRE, IT_KEYS } item_kind;
typedef struct ritem {
    item_kind k;
    coop_loc loc;
    factordef *f;
    infldef *inf;
    expr *e;
    name n;          /* a setting's or a requirement's name; `award` or `tie` */
    const char *label;
    alist *keys;     /* IT_KEYS: keydef */
} ritem;

static ritem *mkitem(parse_state *ps, item_kind k, coop_loc l)
{
    ritem *it = arena_alloc(ps->mem, sizeof *it);
    it->k = k;
    it->loc = l;
    ps->depth_reported = 0;
    ps->item.word = NULL;
    return it;
}

/* The first word of a tender's or a contract's item, at l: kept with the
 * tokens after it (parse.c) until the item ends, for unnamed_item. */
static const char *item_word(parse_state *ps, const char *w, coop_loc l)
{
    ps->item.word = w;
    ps->item.at = l;
    ps->item.n = 0;
    return w;
}

/* `require p.years >= 2`: said once (epilogue). */
static int say_unnamed(parse_state *ps, int next);

/* `factor NAME = EXPR [baseline EXPR]`, at l. */
static ritem *factor_item(parse_state *ps, coop_loc l, name *n, expr *e, expr *baseline)
{
    ritem *it = mkitem(ps, IT_FACTOR, l);
    it->f = arena_alloc(ps->mem, sizeof(factordef));
    it->f->n = *n;
    it->f->e = e;
    it->f->baseline = baseline;
    return it;
}

/* `influence FROM -> TO by W`, from the place of its first token to the
 * end of W's. */
static ritem *influence_item(parse_state *ps, coop_loc l, coop_loc end, name *from, name *to, expr *w)
{
    l.end_line = end.end_line;
    l.end_col = end.end_col;
    ritem *it = mkitem(ps, IT_INFLUENCE, l);
    it->inf = arena_alloc(ps->mem, sizeof(infldef));
    it->inf->from = *from;
    it->inf->to = *to;
    it->inf->w = w;
    it->inf->loc = l;
    return it;
}

/* A partnership item without its keyword, said at l. */
static void item_slip(parse_state *ps, coop_loc l, const char *fmt, const char *a, const char *b)
{
    diag_at(ps->diags, ps->src, l, COOP_ERROR, fmt, a, b);
    ps->slip = l;
}

/* Every key of `word keys` (tie or award) has its word and its value:
 * else each without a word is said, with the fix (slip.c), and 0. */
static int keys_worded(parse_state *ps, const char *word, const alist *keys)
{
    int ok = 1;
    for (int i = 0; i < keys->n; i++) {
        const keydef *k = keys->v[i];
        if (!k->e) { /* a word alone: said as a syntax error */
            ok = 0;
            continue;
        }
        if (k->word.s) continue;
        char buf[256];
        const char *text = ast_text(ps->mem, k->e);
        diag_at(ps->diags, ps->src, k->e->loc, COOP_ERROR, "%s", slip_key(buf, sizeof buf, word, NULL, text));
        ok = 0;
    }
    if (!ok) ps->rule_syntax_error = 1;
    return ok;
}

/* `tie K1 then K2`: "tie keys are separated by ',': write 'tie K1, K2'",
 * the keys of `tie` (an IT_KEYS item) and `then`'s. */
static const char *tie_then(parse_state *ps, const ritem *tie, const alist *then)
{
    const char *fix = "tie";
    for (int l = 0; l < 2; l++) {
        const alist *keys = l ? then : tie->keys;
        for (int i = 0; i < keys->n; i++) {
            const keydef *k = keys->v[i];
            fix = arena_printf(ps->mem, "%s%s%s%s%s", fix, l || i ? ", " : " ", k->word.s ? k->word.s : "",
                               k->word.s && k->e ? " " : "", k->e ? ast_text(ps->mem, k->e) : "");
        }
    }
    return arena_printf(ps->mem, "tie keys are separated by ',', not 'then': write '%s'", fix);
}

/* A declaration that ends past the last slip (scanner) ends what the slip
 * may have broken: syntax errors are said again. */
static void slip_passed(parse_state *ps, coop_loc d)
{
    if (d.end_line > ps->slip.line || (d.end_line == ps->slip.line && d.end_col > ps->slip.col))
        ps->slip.line = 0;
}

/* The pointers of an arena list as an array. */
static expr **flatten_ptrs(arena *a, alist *l, int *n)
{
    *n = l ? l->n : 0;
    if (!*n) return NULL;
    expr **v = arena_alloc(a, (size_t)*n * sizeof *v);
    memcpy(v, l->v, (size_t)*n * sizeof *v);
    return v;
}

static alist *list1(arena *a, void *x) { alist *l = arena_alloc(a, sizeof *l); alist_push(a, l, x); return l; }

static name *boxname(arena *a, name n) { name *p = arena_alloc(a, sizeof *p); *p = n; return p; }

/* An expression past COOP_MAX_DEPTH is an error, said once a statement. */
static expr *depth_check(parse_state *ps, expr *e)
{
    if (e->depth > COOP_MAX_DEPTH && !ps->depth_reported) {
        ps->depth_reported = 1;
        diag_at(ps->diags, ps->src, e->loc, COOP_ERROR,
                "expression is nested too deeply; the limit is %d levels", COOP_MAX_DEPTH);
    }
    return e;
}

static expr *bin(parse_state *ps, binop op, coop_loc l, expr *a, expr *b)
{
    return depth_check(ps, ast_op(ps->mem, X_BIN, op, l, a, b, NULL));
}

static decl *mkdecl(parse_state *ps, dkind k, coop_loc l)
{
    decl *d = arena_alloc(ps->mem, sizeof *d);
    d->k = k;
    d->loc = l;
    ps->depth_reported = 0;
    return d;
}

/* `why R(a, b) [at D]`, `why R [at D]`: a statement, a session's input, or
 * after a what-if's ':' (`why` is a word only there). */
static decl *why(parse_state *ps, const char *word, coop_loc wl, coop_loc l, name *rule, alist *args, datedef *at)
{
    if (strcmp(word, "why") != 0)
        diag_at(ps->diags, ps->src, wl, COOP_ERROR, "expected a statement, 'why' or an expression after ':', not '%s'", word);
    decl *d = mkdecl(ps, S_EXPLAIN, l);
    d->n = *rule;
    d->u.target.args = flatten(ps->mem, args, sizeof(name), &d->u.target.n);
    d->u.target.why = 1;
    d->u.target.at = at;
    return d;
}

/* `explain R(a, b) from D1 to D2` (either end may be left out): the span,
 * into d. */
static decl *explain_span(decl *d, datedef *from, datedef *to)
{
    d->u.target.span = 1;
    d->u.target.from = from;
    d->u.target.to = to;
    return d;
}

/* `show R by PERIOD ...`, `show R(a, b) by PERIOD ...` (args NULL: no
 * tuple); by: the place of `by`, span: what follows the period. */
static decl *show_by(parse_state *ps, coop_loc l, name *rule, alist *args, coop_loc by, name unit, bydef *span)
{
    decl *d = mkdecl(ps, S_SHOW, l);
    d->n = *rule;
    if (args) {
        d->u.target.args = flatten(ps->mem, args, sizeof(name), &d->u.target.n);
        d->u.target.has_args = 1;
    }
    span->unit = unit;
    ps->period = unit.loc;
    span->loc = by;
    span->loc.end_line = l.end_line;
    span->loc.end_col = l.end_col;
    d->u.target.period = span;
    return d;
}

/* `of WORD`: WORD must be 'verdict' (or 'score', a token of its own). */
static name *of_word(parse_state *ps, const char *word, coop_loc l)
{
    if (strcmp(word, "verdict") != 0) {
        suggest sg;
        suggest_init(&sg, word, ps->diags);
        suggest_offer(&sg, "verdict", 0);
        suggest_offer(&sg, "score", 0);
        diag_at(ps->diags, ps->src, l, COOP_ERROR, "expected 'of verdict' or 'of score', not 'of %s'%s", word,
                suggest_said(&sg));
    }
    return boxname(ps->mem, mkname(word, l));
}

/* A `what if` or `set` with its changes. */
static decl *mkchanges(parse_state *ps, dkind k, coop_loc l, alist *changes, decl *then)
{
    decl *d = mkdecl(ps, k, l);
    d->u.change.v = flatten(ps->mem, changes, sizeof(change), &d->u.change.n);
    d->u.change.stmt = then;
    return d;
}

/* `what if CHANGES : sweep ...` (the sweep at sl): refused, with how to
 * sweep from the changes: `set` them first, when they are values. */
static void sweep_after_whatif(parse_state *ps, alist *changes, coop_loc cl, coop_loc sl)
{
    int events = 0;
    for (int i = 0; i < changes->n; i++) events |= ((change *)changes->v[i])->is_event;
    const char *t = ps->src->text;
    size_t a = source_offset(ps->src, cl.line - ps->src->line0, cl.col),
           b = source_offset(ps->src, cl.end_line - ps->src->line0, cl.end_col);
    if (events || !t || b <= a || b > ps->src->len)
        diag_at(ps->diags, ps->src, sl, COOP_ERROR, "a sweep cannot be the statement of a what-if: write the sweep "
                "alone; it starts from the session's world");
    else
        diag_at(ps->diags, ps->src, sl, COOP_ERROR, "a sweep cannot be the statement of a what-if: write the sweep "
                "alone; it starts from the session's world, so to start it from these changes, set them first "
                "(set %.*s; undo takes them back)", (int)(b - a), t + a);
}

/* `obj.attr OP value`. */
static change *attr_change(parse_state *ps, coop_loc l, name obj, name attr, chop op, expr *value)
{
    change *c = arena_alloc(ps->mem, sizeof *c);
    c->loc = l;
    c->obj = obj;
    c->attr = attr;
    c->op = op;
    c->value = value;
    c->target = ast_expr(ps->mem, X_ATTR, l);
    c->target->loc.end_line = attr.loc.end_line;
    c->target->loc.end_col = attr.loc.end_col;
    c->target->u.attr.obj = obj;
    c->target->u.attr.attr = attr;
    return c;
}

/* `param OP value`: a parameter of the model, by its name. */
static change *param_change(parse_state *ps, coop_loc l, name n, chop op, expr *value)
{
    change *c = arena_alloc(ps->mem, sizeof *c);
    c->loc = l;
    c->is_param = 1;
    c->obj = n;
    c->op = op;
    c->value = value;
    c->target = ast_expr(ps->mem, X_NAME, n.loc);
    c->target->u.id = n;
    return c;
}

/* `relation(a, b) OP value`. */
static change *rel_change(parse_state *ps, coop_loc l, coop_loc target, name rel, alist *args, chop op, expr *value)
{
    change *c = arena_alloc(ps->mem, sizeof *c);
    c->loc = l;
    c->is_rel = 1;
    c->obj = rel;
    c->args = flatten(ps->mem, args, sizeof(name), &c->nargs);
    c->op = op;
    c->value = value;
    c->target = ast_expr(ps->mem, X_CALL, target);
    c->target->u.call.fn = rel;
    c->target->u.call.n = c->nargs;
    c->target->u.call.args = arena_alloc(ps->mem, (size_t)(c->nargs + 1) * sizeof(expr *));
    for (int i = 0; i < c->nargs; i++) {
        expr *a = ast_expr(ps->mem, X_NAME, c->args[i].loc);
        a->u.id = c->args[i];
        c->target->u.call.args[i] = a;
    }
    return c;
}

/* `bid(TENDER, BIDDER)`, as `fn(a, b)` names it before '.FIELD' (`bid` is
 * a word only there): 1 when it is one, else said at l and 0. */
static int bid_named(parse_state *ps, coop_loc l, const name *fn, int n, int all_names)
{
    if (strcmp(fn->s, "bid") != 0) {
        diag_at(ps->diags, ps->src, fn->loc, COOP_ERROR,
                "'%s(...)' has no fields; a bid's field is written bid(TENDER, BIDDER).FIELD", fn->s);
        return 0;
    }
    if (n != 2 || !all_names) {
        diag_at(ps->diags, ps->src, l, COOP_ERROR, "a bid is named by its tender and its bidder: bid(TENDER, BIDDER).FIELD");
        return 0;
    }
    return 1;
}

/* `bid(TENDER, BIDDER).FIELD` as a value, at l (the call `fn(args)` and
 * the field's name). */
static expr *bid_expr(parse_state *ps, coop_loc l, name fn, alist *args, name field)
{
    int n = args ? args->n : 0, all_names = 1;
    for (int i = 0; i < n; i++) all_names &= ((expr *)args->v[i])->k == X_NAME;
    expr *e = ast_expr(ps->mem, X_BID, l);
    if (!bid_named(ps, l, &fn, n, all_names)) {
        e->u.bid.tender = e->u.bid.bidder = fn; /* in error: the parse fails */
        e->u.bid.field = field;
        return e;
    }
    e->u.bid.tender = ((expr *)args->v[0])->u.id;
    e->u.bid.bidder = ((expr *)args->v[1])->u.id;
    e->u.bid.field = field;
    return e;
}

/* `bid(tender, bidder).field OP value`; target: where `bid(...).field` is. */
static change *bid_change(parse_state *ps, coop_loc l, coop_loc target, name fn, alist *args, name field, chop op,
                          expr *value)
{
    int n = args ? args->n : 0, ok = bid_named(ps, target, &fn, n, 1); /* in error: the parse fails */
    change *c = arena_alloc(ps->mem, sizeof *c);
    c->loc = l;
    c->is_bid = 1;
    c->obj = ok ? *(name *)args->v[0] : fn;
    c->args = arena_alloc(ps->mem, sizeof *c->args);
    c->args[0] = ok ? *(name *)args->v[1] : fn;
    c->nargs = 1;
    c->attr = field;
    c->op = op;
    c->value = value;
    c->target = ast_expr(ps->mem, X_BID, target);
    c->target->u.bid.tender = c->obj;
    c->target->u.bid.bidder = c->args[0];
    c->target->u.bid.field = field;
    return c;
}

/* A bare name as a sweep's target: a parameter's (param_change's, without
 * an operator and a value). */
static change *name_change(parse_state *ps, coop_loc l, name n)
{
    change *c = arena_alloc(ps->mem, sizeof *c);
    c->loc = l;
    c->is_param = 1;
    c->obj = n;
    c->target = ast_expr(ps->mem, X_NAME, l);
    c->target->u.id = n;
    return c;
}

/* One axis of a sweep, its target t; the values are the caller's. */
static sweepdef *mkaxis(parse_state *ps, coop_loc l, change *t)
{
    sweepdef *x = arena_alloc(ps->mem, sizeof *x);
    x->target = *t;
    x->loc = l;
    return x;
}

/* `sweep AXIS, ... : STATEMENT`. */
static decl *mksweep(parse_state *ps, coop_loc l, alist *axes, decl *then)
{
    decl *d = mkdecl(ps, S_SWEEP, l);
    d->u.sweep.ax = flatten(ps->mem, axes, sizeof(sweepdef), &d->u.sweep.n);
    d->u.sweep.stmt = then;
    return d;
}

/* A partnership's or a tender's body: its items sorted out into d, which
 * ends at the closing brace `close`. */
static decl *rule_body(parse_state *ps, decl *d, alist *items, coop_loc close)
{
    arena *a = ps->mem;
    tender_def *t = d->u.rule.tender;
    const char *what = t ? "tender" : "partnership";
    d->loc.end_line = close.end_line;
    d->loc.end_col = close.end_col;
    alist fs = {0}, is = {0}, sets = {0}, reqs = {0}, ties = {0};
    for (int i = 0; i < items->n; i++) {
        ritem *it = items->v[i];
        switch (it->k) {
        case IT_FACTOR: alist_push(a, &fs, it->f); break;
        case IT_INFLUENCE: alist_push(a, &is, it->inf); break;
        case IT_SCORE:
            if (d->u.rule.score)
                diag_at(ps->diags, ps->src, it->loc, COOP_ERROR, "%s '%s' has a second score", what, d->n.s);
            else { d->u.rule.score = it->e; d->u.rule.score_loc = it->loc; }
            break;
        case IT_FORMS:
            if (t)
                diag_at(ps->diags, ps->src, it->loc, COOP_ERROR,
                        "a tender has no 'forms when': a bid is eligible when every requirement holds "
                        "(write 'require NAME = CONDITION')");
            else if (d->u.rule.forms)
                diag_at(ps->diags, ps->src, it->loc, COOP_ERROR, "partnership '%s' has a second 'forms when'", d->n.s);
            else d->u.rule.forms = it->e;
            break;
        case IT_SETTING: {
            setting *st = arena_alloc(a, sizeof *st);
            st->n = it->n;
            st->value = it->e;
            alist_push(a, &sets, st);
            break;
        }
        case IT_REQUIRE:
        case IT_KEYS:
            if (!t) {
                diag_at(ps->diags, ps->src, it->loc, COOP_ERROR, "'%s' belongs in a tender, not in a partnership",
                        it->k == IT_REQUIRE ? "require" : it->n.s);
                break;
            }
            if (it->k == IT_REQUIRE) {
                requiredef *rq = arena_alloc(a, sizeof *rq);
                rq->n = it->n;
                rq->cond = it->e;
                rq->label = it->label;
                rq->loc = it->loc;
                alist_push(a, &reqs, rq);
            } else if (strcmp(it->n.s, "award") == 0) {
                if (t->has_award)
                    diag_at(ps->diags, ps->src, it->loc, COOP_ERROR, "tender '%s' has a second 'award'", d->n.s);
                else if (it->keys->n > 1)
                    diag_at(ps->diags, ps->src, it->loc, COOP_ERROR,
                            "'award' takes one rule (best score, lowest EXPR, highest EXPR or to ACTOR); "
                            "say how ties are broken with 'tie'");
                else {
                    t->award = *(keydef *)it->keys->v[0];
                    t->has_award = 1;
                    t->award_loc = it->loc;
                }
            } else {
                if (t->ntie)
                    diag_at(ps->diags, ps->src, it->loc, COOP_ERROR, "tender '%s' has a second 'tie'; list every key in one, "
                            "separated by ','", d->n.s);
                for (int j = 0; j < it->keys->n; j++) alist_push(a, &ties, it->keys->v[j]);
                t->ntie = ties.n;
            }
            break;
        }
    }
    d->u.rule.f = flatten(a, &fs, sizeof(factordef), &d->u.rule.nf);
    d->u.rule.inf = flatten(a, &is, sizeof(infldef), &d->u.rule.ni);
    if (t) {
        t->set = flatten(a, &sets, sizeof(setting), &t->nset);
        t->req = flatten(a, &reqs, sizeof(requiredef), &t->nreq);
        t->tie = flatten(a, &ties, sizeof(keydef), &t->ntie);
    } else if (!d->u.rule.forms && !ps->rule_syntax_error) /* else it may be the item in error */
        diag_at(ps->diags, ps->src, close, COOP_ERROR, "partnership '%s' has no 'forms when' condition", d->n.s);
    return d;
}

static void name_brace(parse_state *ps, coop_loc l, const char *what);

/* One item of a contract body, sorted out by contract_body. */
typedef enum { CI_SETTING, CI_OBLIGE, CI_NOSIDE, CI_WHEN, CI_FACTOR } citem_kind;
typedef struct citem_t {
    citem_kind k;
    coop_loc loc;
    const char *word;  /* oblige, monitor, renew (or a slip of one) */
    name n, n2;        /* a setting's name; an obligation's side and name */
    expr *e;
    const char *label;
    duedef due;        /* an obligation's `by DATE` or `every ...` (k DUE_NONE: neither) */
} citem_t;

static citem_t *citem(parse_state *ps, citem_kind k, coop_loc l, const char *word, name n, expr *e, const char *label)
{
    ps->item.word = NULL;
    citem_t *it = arena_alloc(ps->mem, sizeof *it);
    it->k = k;
    it->loc = l;
    it->word = word;
    it->n = n;
    it->e = e;
    it->label = label;
    ps->depth_reported = 0;
    return it;
}

/* `contract NAME ... {` at l, its brace at brace. */
static decl *contract_decl(parse_state *ps, coop_loc l, name *n, const char *label, coop_loc brace)
{
    decl *d = mkdecl(ps, D_CONTRACT, l);
    d->n = *n;
    d->u.contract = arena_alloc(ps->mem, sizeof(contract_def));
    d->u.contract->label = label;
    name_brace(ps, brace, arena_printf(ps->mem, "contract '%s'", n->s));
    ps->in_contract = 1;
    return d;
}

/* "; did you mean 'oblige'?" for a word that starts no contract item, or
 * what the items are. */
static const char *citem_near(parse_state *ps, suggest *sg, const char *w)
{
    static const char *const words[] = {"term", "oblige", "monitor", "renew"};
    suggest_init(sg, w, ps->diags);
    for (int i = 0; i < 4; i++) suggest_offer(sg, words[i], 0);
    return sg->best ? suggest_said(sg) : ": its items are term = YEARS, oblige SIDE NAME = CONDITION, monitor when "
                                         "CONDITION and renew when CONDITION";
}

/* A contract's body: its items sorted out into d, which ends at the
 * closing brace `close`. */
static decl *contract_body(parse_state *ps, decl *d, alist *items, coop_loc close)
{
    arena *a = ps->mem;
    contract_def *c = d->u.contract;
    d->loc.end_line = close.end_line;
    d->loc.end_col = close.end_col;
    alist sets = {0}, obls = {0};
    for (int i = 0; i < items->n; i++) {
        citem_t *it = items->v[i];
        suggest sg;
        switch (it->k) {
        case CI_SETTING: {
            setting *st = arena_alloc(a, sizeof *st);
            st->n = it->n;
            st->value = it->e;
            alist_push(a, &sets, st);
            break;
        }
        case CI_OBLIGE: {
            if (strcmp(it->word, "oblige") != 0) {
                diag_at(ps->diags, ps->src, it->loc, COOP_ERROR, "expected an item of a contract, not '%s'%s", it->word,
                        citem_near(ps, &sg, it->word));
                break;
            }
            obligedef *o = arena_alloc(a, sizeof *o);
            o->side = it->n;
            o->n = it->n2;
            o->cond = it->e;
            o->label = it->label;
            o->loc = it->loc;
            o->due = it->due;
            alist_push(a, &obls, o);
            break;
        }
        case CI_NOSIDE:
            if (strcmp(it->word, "oblige") == 0 && (!strcmp(it->n.s, "supplier") || !strcmp(it->n.s, "buyer")))
                diag_at(ps->diags, ps->src, it->loc, COOP_ERROR, "an obligation has a name: write 'oblige %s NAME = "
                        "CONDITION'", it->n.s);
            else if (strcmp(it->word, "oblige") == 0)
                diag_at(ps->diags, ps->src, it->n.loc, COOP_ERROR, "an obligation binds one side: write 'oblige supplier "
                        "%s = ...' or 'oblige buyer %s = ...'", it->n.s, it->n.s);
            else
                diag_at(ps->diags, ps->src, it->loc, COOP_ERROR, "expected an item of a contract, not '%s'%s", it->word,
                        citem_near(ps, &sg, it->word));
            break;
        case CI_FACTOR:
            diag_at(ps->diags, ps->src, it->loc, COOP_ERROR, "a contract has no factors: its items are term, oblige, "
                    "monitor when and renew when (a partnership that reads the contract weighs it)");
            break;
        case CI_WHEN: {
            int mon = strcmp(it->word, "monitor") == 0;
            if (!mon && strcmp(it->word, "renew") != 0) {
                diag_at(ps->diags, ps->src, it->loc, COOP_ERROR, "expected 'monitor when' or 'renew when', not '%s when'%s",
                        it->word, citem_near(ps, &sg, it->word));
                break;
            }
            expr **slot = mon ? &c->monitor : &c->renew;
            if (*slot) {
                diag_at(ps->diags, ps->src, it->loc, COOP_ERROR, "contract '%s' has a second '%s when'", d->n.s, it->word);
                break;
            }
            *slot = it->e;
            if (mon) c->monitor_loc = it->loc;
            else c->renew_loc = it->loc;
            break;
        }
        }
    }
    c->set = flatten(a, &sets, sizeof(setting), &c->nset);
    c->obl = flatten(a, &obls, sizeof(obligedef), &c->nobl);
    return d;
}

/* A declaration starting with two names is a bid, `bid TENDER by ...`,
 * an attribute's range, `attribute NAME : KIND range ...`, or a
 * parameter, `param NAME = VALUE`.
 * Another first word close to a declaration's keyword is a misspelt one
 * (`tendr x(...)`): said once, at it, as a slip, so the rest of the broken
 * declaration adds no syntax errors.  Other words are left to the
 * parser's own error (and to the resolver: `bud x by y` names no bid). */
static void not_bid(parse_state *ps, const char *w, coop_loc l)
{
    if (strcmp(w, "to") == 0 && ps->pushing && (!strcmp(ps->pushing, "form") || !strcmp(ps->pushing, "fail")) &&
        !ps->slip.line) { /* `expect R(a, b) to form` */
        diag_at(ps->diags, ps->src, l, COOP_ERROR, "'to %s' asks a flip for a verdict: it follows a flip's tuple (flip "
                "R(a, b) to %s) or a flip query's (flip_cost(R(a, b) to %s)); a verdict is read as R(a, b) or not "
                "R(a, b)", ps->pushing, ps->pushing, ps->pushing);
        ps->slip = l;
        return;
    }
    if (strcmp(w, "bid") == 0 || strcmp(w, "attribute") == 0 || strcmp(w, "data") == 0 || strcmp(w, "param") == 0 ||
        ps->slip.line)
        return; /* after a slip: its echo */
    static const char *const starts[] = {"kind", "actor", "relation", "partnership", "tender", "contract", "bid",
                                         "timeline", "event", "attribute", "data", "param", "show", "explain", "dominance",
                                         "expect", "why", "flip"};
    suggest sg;
    suggest_init(&sg, w, ps->diags);
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) suggest_offer(&sg, starts[i], 0);
    if (!sg.best) return; /* the parser says what it expected, if anything */
    diag_at(ps->diags, ps->src, l, COOP_ERROR, "expected a declaration, not '%s'%s", w, suggest_said(&sg));
    ps->slip = l;
}

/* flip's `to WORD`, written before `by` (a) or after it (b): once. */
static name *flip_to(parse_state *ps, name *a, name *b)
{
    if (a && b)
        diag_at(ps->diags, ps->src, b->loc, COOP_ERROR, "a flip asks for one verdict: 'to %s' is said already", a->s);
    return a ? a : b;
}

/* Names the innermost open brace at `l` for the hint of an unclosed one. */
static void name_brace(parse_state *ps, coop_loc l, const char *what)
{
    for (int i = ps->nbraces - 1; i >= 0; i--)
        if (ps->braces[i].loc.line == l.line && ps->braces[i].loc.col == l.col) {
            ps->braces[i].what = what;
            return;
        }
}

/* ---- time: dates, the timeline, events ---- */

/* A date where one is expected, at l. */
static datedef *mkdate(parse_state *ps, coop_loc l)
{
    datedef *d = arena_alloc(ps->mem, sizeof *d);
    d->loc = l;
    d->ok = 1;
    return d;
}

/* e at D, e throughout D1 .. D2, e during D1 .. D2 */
static expr *time_expr(parse_state *ps, coop_loc l, expr *e, time_how how, coop_loc word, datedef *from, datedef *to)
{
    expr *x = ast_expr(ps->mem, X_TIME, l);
    x->u.time.e = e;
    x->u.time.how = how;
    x->u.time.word = word;
    x->u.time.from = from;
    x->u.time.to = to;
    x->depth = e->depth + 1;
    return depth_check(ps, x);
}

/* `from DATE`, `to DATE` after `every N UNIT`: a word and its date. */
typedef struct epart { name w; datedef *d; } epart;

/* `event NAME WORD ...` at l, of kind k (its word at kl), its brace at
 * brace. */
static decl *event_decl(parse_state *ps, coop_loc l, name *n, event_kind k, coop_loc kl, const char *label,
                        coop_loc brace)
{
    decl *d = mkdecl(ps, D_EVENT, l);
    d->n = *n;
    d->u.event = arena_alloc(ps->mem, sizeof(event_def));
    d->u.event->kind = k;
    d->u.event->kind_loc = kl;
    d->u.event->label = label;
    d->u.event->every = 1;
    name_brace(ps, brace, arena_printf(ps->mem, "event '%s'", n->s));
    return d;
}

/* Says that w, before a date after a period (an event's, a show's), is
 * not 'from' or 'to', with the nearest. */
static void not_span_word(parse_state *ps, const name *w)
{
    suggest sg;
    suggest_init(&sg, w->s, ps->diags);
    suggest_offer(&sg, "from", 0);
    suggest_offer(&sg, "to", 0);
    diag_at(ps->diags, ps->src, w->loc, COOP_ERROR, "expected 'from DATE' or 'to DATE' after the period, not '%s'%s",
            w->s, suggest_said(&sg));
}

/* `from D1 to D2` of a recurring event into e: each word once, 'from' or
 * 'to'; else said (with the nearest), and left out. */
static void event_parts(parse_state *ps, event_def *e, const alist *parts)
{
    for (int i = 0; i < parts->n; i++) {
        const epart *p = parts->v[i];
        int from = strcmp(p->w.s, "from") == 0;
        if (!from && strcmp(p->w.s, "to") != 0) {
            not_span_word(ps, &p->w);
            continue;
        }
        datedef **slot = from ? &e->from : &e->to;
        if (*slot)
            diag_at(ps->diags, ps->src, p->w.loc, COOP_ERROR, "event says '%s' twice", p->w.s);
        else
            *slot = p->d;
    }
}

/* An obligation's `by DATE` (d; unit NULL) or `every [N] UNIT [from D1]
 * [to D2]` (N -1 when not written; span: show's, from and to), its word
 * at l.  The period's place is kept, as show's is: a misspelt 'from' or
 * 'to' after it is said so (yyreport_syntax_error). */
static duedef *due_of(parse_state *ps, coop_loc l, datedef *d, double n, coop_loc nl, const name *unit,
                      const bydef *span)
{
    duedef *x = arena_alloc(ps->mem, sizeof *x);
    x->word = l;
    x->every = 1;
    if (!unit) {
        x->k = DUE_BY;
        x->by = d;
        return x;
    }
    x->k = DUE_EVERY;
    if (n >= 0) x->every = n;
    x->every_loc = n >= 0 ? nl : unit->loc;
    x->unit = *unit;
    x->from = span->from;
    x->to = span->to;
    ps->period = unit->loc;
    return x;
}

/* A what-if's change of event `ev`: off (e NULL), or acting as e says. */
static change *ev_change(parse_state *ps, coop_loc l, name ev, event_def *e)
{
    change *c = arena_alloc(ps->mem, sizeof *c);
    c->loc = l;
    c->obj = ev;
    c->is_event = 1;
    c->event = e;
    return c;
}

/* A new event_def of kind k (its word at l), every 1 unit. */
static event_def *when_def(parse_state *ps, event_kind k, coop_loc l)
{
    event_def *e = arena_alloc(ps->mem, sizeof *e);
    e->kind = k;
    e->kind_loc = l;
    e->every = 1;
    return e;
}

/* `no EVENT`: the word before the event's name must be `no`. */
static void no_word(parse_state *ps, const char *w, coop_loc l)
{
    if (strcmp(w, "no") != 0)
        diag_at(ps->diags, ps->src, l, COOP_ERROR, "expected 'no EVENT' (the event switched off), or a change "
                "like 'a.x = 1', not '%s'", w);
}

/* An event's changes, as `what if` writes them, into d, which ends at the
 * closing brace `close`. */
static decl *event_body(parse_state *ps, decl *d, alist *changes, coop_loc close)
{
    d->loc.end_line = close.end_line;
    d->loc.end_col = close.end_col;
    d->u.event->ch = flatten(ps->mem, changes, sizeof(change), &d->u.event->nch);
    return d;
}

/* ---- case data ---- */

/* An option of a `data` statement: `kind npo`, `name org`, `label "Full name"`. */
typedef struct dataopt { name word; name *col; } dataopt;

/* `WORD WHAT from "PATH" OPTIONS` at l (WORD at wl, PATH at pl): a data
 * declaration, its options checked (each once; kind required of actors,
 * none taken by a relation's values). */
static decl *data_decl(parse_state *ps, coop_loc l, const char *word, coop_loc wl, const name *what, const char *path,
                       coop_loc pl, const alist *opts)
{
    if (strcmp(word, "data") != 0 && !ps->slip.line)
        diag_at(ps->diags, ps->src, wl, COOP_ERROR, "expected a declaration, not '%s'; case data is read with "
                "'data actors from \"FILE\" kind KIND' or 'data RELATION from \"FILE\"'", word);
    decl *d = mkdecl(ps, D_DATA, l);
    d->n = *what;
    data_def *x = d->u.data = arena_alloc(ps->mem, sizeof *x);
    x->path = path;
    x->path_loc = pl;
    x->actors = strcmp(what->s, "actors") == 0;
    x->name_at = x->label_at = -1;
    const dataopt *seen[3] = {NULL, NULL, NULL};
    static const char *const words[3] = {"kind", "name", "label"};
    for (int i = 0; i < opts->n; i++) {
        const dataopt *o = opts->v[i];
        int w = strcmp(o->word.s, "kind") == 0 ? 0 : strcmp(o->word.s, "name") == 0 ? 1 : 2;
        if (w == 2 && strcmp(o->word.s, "label") != 0) { /* a misspelt one (parse.c) */
            suggest sg;
            suggest_init(&sg, o->word.s, ps->diags);
            for (int k = 0; k < 3; k++) suggest_offer(&sg, words[k], k);
            diag_at(ps->diags, ps->src, o->word.loc, COOP_ERROR, "'%s' is no option of a data statement (kind, "
                    "name, label)%s", o->word.s, suggest_said(&sg));
            continue;
        }
        if (!x->actors) {
            diag_at(ps->diags, ps->src, o->word.loc, COOP_ERROR, "'%s' is an option of 'data actors'; the values "
                    "of relation '%s' take none: each record is its actors, then the value", words[w], what->s);
            continue;
        }
        if (seen[w]) {
            diag_at(ps->diags, ps->src, o->word.loc, COOP_ERROR, "'data actors' says '%s' twice", words[w]);
            continue;
        }
        seen[w] = o;
    }
    if (x->actors && !seen[0])
        diag_at(ps->diags, ps->src, pl, COOP_ERROR, "'data actors' needs the kind of the actors it reads: write "
                "'data actors from \"%s\" kind KIND' (npo, enterprise, ...)", path);
    if (seen[0]) x->kind = *seen[0]->col;
    if (seen[1]) x->name_col = seen[1]->col;
    if (seen[2]) x->label_col = seen[2]->col;
    return d;
}

static void coop_yyerror(COOP_YYLTYPE *l, yyscan_t scanner, parse_state *ps, const char *msg)
{
    (void)scanner;
    if (ps->fatal) return;
    if (strcmp(msg, "memory exhausted") == 0) {
        diag_at(ps->diags, ps->src, *l, COOP_ERROR,
                "expression is nested too deeply; the limit is %d levels", COOP_MAX_DEPTH);
        ps->fatal = 1;
        return;
    }
    diag_at(ps->diags, ps->src, *l, COOP_ERROR, "%s", msg);
}
}

%define api.pure full
%define api.push-pull push
%define api.prefix {coop_yy}
%define parse.error custom
%define parse.lac full
%locations
%lex-param {yyscan_t scanner}
%parse-param {yyscan_t scanner} {parse_state *pst}
%expect 0
%start input

%union {
    double num;
    const char *str;
    expr *e;
    decl *d;
    alist *l;
    name *n;
    factordef *f;
    infldef *inf;
    attrdef *a;
    change *c;
    keydef *k;
    date dt;
    datedef *date;
    rangedef rg;
    struct { const char *label; rangedef range; } ptail;
    struct { datedef *from, *to; } span;
    bydef *by;
    duedef *due;
    sweepdef *sw;
    flipname *fn;
}

%token END 0 "end of input"
%token <num> NUMBER "number"
%token <str> IDENT "identifier" STRING "string"
%token KIND "kind" ACTOR "actor" RELATION "relation" DEFAULT "default"
       PARTNERSHIP "partnership" TENDER "tender" CONTRACT "contract" TIMELINE "timeline" EVENT "event"
       FACTOR "factor" BASELINE "baseline"
       INFLUENCE "influence" BY "by" SCORE "score" FORMS "forms" WHEN "when"
       SHOW "show" EXPLAIN "explain" DOMINANCE "dominance" EXPECT "expect"
       AND "and" OR "or" NOT "not" TRUE "true" FALSE "false" WITHIN "within"
       FOR "for" WHERE "where" ELSE "else" IN "in"
       ARROW "->" APPROX "~=" LE "<=" GE ">=" EQ "==" NE "!="
       PLUSEQ "+=" MINUSEQ "-=" DOTDOT ".."
/* `e throughout D` ends where no '..' follows: `range e throughout 2015 ..
 * 2018` reads the span, not the range */
%precedence ONE_PERIOD
%precedence DOTDOT
%token <dt> DATE "date"
/* What a session's input is, told to the parser by parse_input() from its
 * first tokens; they never come from the text. */
%token START_VALUE "start of a value" START_WHATIF "start of 'what if'"
       START_SET "start of 'set'" START_WHY "start of 'why'" START_CHANGE "start of a change"
       START_AXIS "start of a sweep's target"
/* Pushed by parse.c after a syntax error within a line outside a block:
 * what the error left begun is dropped, and the rest of the line is not
 * read (one error per slip); never from the text. */
%token RESYNC "the rest of a line in error"
/* 'of' before a Shapley target: a name the scanner reads, made this token
 * by parse.c where the parser takes it (no reserved word) */
%token OF "of"
/* the words of time where the parser takes them, made tokens by parse.c
 * (names elsewhere): an event's `at`, `every`, `on`, `while`; `range` after
 * a value */
%token AT "at" EVERY "every" ON "on" WHILE "while" RANGE "range" THROUGHOUT "throughout" DURING "during"
/* explain's span, `from D1 to D2`, show's span of periods after `by
 * PERIOD`, and the statement `why`: words made tokens by parse.c where the
 * parser takes them (names elsewhere) */
%token FROM "from" TO "to" WHY "why"
/* a sweep: `sweep AXIS from A to B step S, AXIS in {v, ...} : STATEMENT`;
 * words made tokens by parse.c where the parser takes them */
%token SWEEP "sweep" STEP "step"
/* `flip R(a, b) [by NAME, ...]`: a word made a token by parse.c where a
 * statement may start (a name elsewhere) */
%token FLIP "flip"
/* a `data` statement's options (kind, name, label): words made this token
 * by parse.c where the statement takes them, the word its value */
%token <str> DATA_OPT "kind, name or label"

%type <e> cond expr or_e and_e not_e cmp_e add_e mul_e un_e post_e primary opt_baseline opt_where opt_else arg
%type <d> decl stmt sweep actor_head rule_head rule opt_then tender_head bid_head contract_head event_head
%type <l> args args1 names names1 attrs params params1 param items symbols symbols1 changes keys
%type <l> citems parties parties1 echanges eparts saxes sexprs data_opts flipnames opt_flipby
%type <fn> flipname
%type <due> odue
%type <c> change wchange starget
%type <sw> saxis
%type <num> chop opt_ordered opt_count
%type <n> name of_target opt_of data_col opt_flipto flipword
%type <str> opt_label iword cword dword
%type <date> date opt_at
%type <rg> range opt_range
%type <ptail> ptail
%type <span> span
%type <by> opt_span
%type <a> attr
%type <k> key

%%

/* A script is a program; a session's input may also be one of the forms
 * below, each introduced by its start token. */
input:
  program
| START_VALUE expr              { decl *d = mkdecl(ps, S_VALUE, @2); d->u.expect.e = $2; alist_push(A, &ps->decls, d); }
| START_WHATIF IDENT IDENT changes opt_then {
      if ($5 && $5->k == S_SWEEP) sweep_after_whatif(ps, $4, @4, $5->loc);
      alist_push(A, &ps->decls, mkchanges(ps, C_WHATIF, @$, $4, $5));
  }
| START_SET IDENT changes opt_then {
      if ($4) diag_at(ps->diags, ps->src, @4, COOP_ERROR, "set takes no ': STATEMENT' (what if does)");
      alist_push(A, &ps->decls, mkchanges(ps, C_SET, @$, $3, NULL));
  }
| START_CHANGE change          { alist_push(A, &ps->decls, mkchanges(ps, C_SET, @$, list1(A, $2), NULL)); }
| START_AXIS starget            { alist_push(A, &ps->decls, mksweep(ps, @2, list1(A, mkaxis(ps, @2, $2)), NULL)); }
| START_WHY IDENT name opt_at   { alist_push(A, &ps->decls, why(ps, $2, @2, @$, $3, NULL, $4)); }
| START_WHY IDENT name '(' names ')' opt_at {
      decl *d = why(ps, $2, @2, @$, $3, $5, $7); d->u.target.has_args = 1;
      alist_push(A, &ps->decls, d);
  }
;

changes:
  wchange                       { $$ = list1(A, $1); }
| changes ',' wchange           { $$ = $1; alist_push(A, $$, $3); }
;
/* a what-if's change: of a value, or of an event: `no EVENT`, or when it acts */
wchange:
  change
| IDENT IDENT                   { $$ = ev_change(ps, @$, mkname($2, @2), NULL); no_word(ps, $1, @1); }
| IDENT AT date                 {
      event_def *e = when_def(ps, EVENT_AT, @2);
      e->at = $3;
      $$ = ev_change(ps, @$, mkname($1, @1), e);
  }
| IDENT EVERY opt_count IDENT eparts {
      event_def *e = when_def(ps, EVENT_EVERY, @2);
      if ($3 >= 0) e->every = $3;
      e->every_loc = $3 >= 0 ? @3 : @4;
      e->unit = mkname($4, @4);
      event_parts(ps, e, $5);
      $$ = ev_change(ps, @$, mkname($1, @1), e);
  }
| IDENT ON cond                 {
      event_def *e = when_def(ps, EVENT_ON, @2);
      e->cond = $3;
      $$ = ev_change(ps, @$, mkname($1, @1), e);
  }
| IDENT WHILE cond              {
      event_def *e = when_def(ps, EVENT_WHILE, @2);
      e->cond = $3;
      $$ = ev_change(ps, @$, mkname($1, @1), e);
  }
;
change:
  IDENT '.' IDENT chop expr     { $$ = attr_change(ps, @$, mkname($1, @1), mkname($3, @3), (chop)$4, $5); }
| IDENT chop expr               { $$ = param_change(ps, @$, mkname($1, @1), (chop)$2, $3); }
| IDENT '(' names ')' chop expr {
      coop_loc t = @1; t.end_line = @4.end_line; t.end_col = @4.end_col;
      $$ = rel_change(ps, @$, t, mkname($1, @1), $3, (chop)$5, $6);
  }
| IDENT '(' names ')' '.' IDENT chop expr {
      coop_loc t = @1; t.end_line = @6.end_line; t.end_col = @6.end_col;
      $$ = bid_change(ps, @$, t, mkname($1, @1), $3, mkname($6, @6), (chop)$7, $8);
  }
;
chop:
  '='                           { $$ = CH_SET; }
| PLUSEQ                        { $$ = CH_ADD; }
| MINUSEQ                       { $$ = CH_SUB; }
;
/* `what if ... : STATEMENT` */
opt_then:
  %empty                        { $$ = NULL; }
| ':' stmt                      { $$ = $2; }
| ':' expr                      { $$ = mkdecl(ps, S_VALUE, @2); $$->u.expect.e = $2; }
| ':' IDENT name opt_at         { $$ = why(ps, $2, @2, @$, $3, NULL, $4); }
| ':' IDENT name '(' names ')' opt_at { $$ = why(ps, $2, @2, @$, $3, $5, $7); $$->u.target.has_args = 1; }
| ':' sweep                     { $$ = $2; } /* refused: what if says why, set its own */
;

program:
  %empty
| program decl        { if ($2) alist_push(A, &ps->decls, $2); slip_passed(ps, @2); }
| program error
| program error RESYNC          { yyerrok; }
;

decl:
  KIND name                     { $$ = mkdecl(ps, D_KIND, @$); $$->n = *$2; }
| KIND name ':' name            { $$ = mkdecl(ps, D_KIND, @$); $$->n = *$2; $$->u.kind.parent = *$4; $$->u.kind.has_parent = 1; }
| actor_head attrs '}' {
      $$ = $1;
      $$->loc.end_line = @3.end_line; $$->loc.end_col = @3.end_col;
      $$->u.actor.attrs = flatten(A, $2, sizeof(attrdef), &$$->u.actor.n);
  }
| RELATION name '(' names1 ')' DEFAULT expr opt_range {
      $$ = mkdecl(ps, D_RELATION, @$); $$->n = *$2;
      $$->u.rel.kinds = flatten(A, $4, sizeof(name), &$$->u.rel.n); $$->u.rel.def = $7;
      $$->u.rel.range = $8;
  }
| name '(' names ')' '=' expr {
      $$ = mkdecl(ps, D_RELSET, @$); $$->n = *$1;
      $$->u.relset.args = flatten(A, $3, sizeof(name), &$$->u.relset.n); $$->u.relset.value = $6;
  }
| rule                          { $$ = $1; }
| tender_head items '}'         { ps->in_tender = 0; $$ = rule_body(ps, $1, $2, @3); }
| contract_head citems '}'      { ps->in_contract = 0; $$ = contract_body(ps, $1, $2, @3); }
| bid_head attrs '}'            {
      $$ = $1;
      $$->loc.end_line = @3.end_line; $$->loc.end_col = @3.end_col;
      $$->u.bid.attrs = flatten(A, $2, sizeof(attrdef), &$$->u.bid.n);
  }
| TIMELINE date DOTDOT date BY IDENT {
      $$ = mkdecl(ps, D_TIMELINE, @$); $$->n = mkname("timeline", @1);
      $$->u.timeline.from = $2; $$->u.timeline.to = $4; $$->u.timeline.unit = mkname($6, @6);
  }
/* "attribute NAME : KIND range LO .. HI" ('attribute' is a word only here) */
| dword name ':' name range     {
      if (strcmp($1, "attribute") != 0 && !ps->slip.line) /* attribute-shaped, with another word */
          diag_at(ps->diags, ps->src, @1, COOP_ERROR, "expected a declaration, not '%s'; an attribute's range is "
                  "written 'attribute NAME : KIND range LO .. HI'", $1);
      $$ = mkdecl(ps, D_ATTRIBUTE, @$); $$->n = *$2;
      $$->u.attribute.kind = *$4; $$->u.attribute.range = $5;
  }
/* "param NAME = VALUE ["label"] [range LO .. HI]", the label and the range
 * in either order ('param' is a word only here) */
| dword name '=' expr ptail     {
      if (strcmp($1, "param") != 0 && !ps->slip.line) /* param-shaped, with another word */
          diag_at(ps->diags, ps->src, @1, COOP_ERROR, "expected a declaration, not '%s'; a parameter is written "
                  "'param NAME = VALUE'", $1);
      $$ = mkdecl(ps, D_PARAM, @$); $$->n = *$2;
      $$->u.param.value = $4; $$->u.param.label = $5.label; $$->u.param.range = $5.range;
  }
| event_head echanges '}'       { $$ = event_body(ps, $1, $2, @3); }
/* `data actors from "FILE" kind KIND [name COLUMN] [label COLUMN]`, `data
 * RELATION from "FILE"` ('data' is a word only here) */
| dword name FROM STRING data_opts { $$ = data_decl(ps, @$, $1, @1, $2, $4, @4, $5); }
| stmt                          { $$ = $1; }
| sweep                         { $$ = $1; }
;

/* `sweep AXIS, ... : STATEMENT`: the statement at every point of the grid
 * of its axes' values (an expression's value, an expectation) */
sweep:
  SWEEP saxes ':' stmt          { $$ = mksweep(ps, @$, $2, $4); }
| SWEEP saxes ':' expr          {
      decl *v = mkdecl(ps, S_VALUE, @4); v->u.expect.e = $4;
      $$ = mksweep(ps, @$, $2, v);
  }
| SWEEP saxes ':' sweep         {
      diag_at(ps->diags, ps->src, @4, COOP_ERROR, "a sweep's statement is not a sweep: give one sweep all the axes "
              "(sweep a.x in {1, 2}, b.y in {3, 4} : ...)");
      $$ = $4;
  }
;
saxes:
  saxis                         { $$ = list1(A, $1); }
| saxes ',' saxis               { $$ = $1; alist_push(A, $$, $3); }
;
saxis:
  starget FROM expr TO expr STEP expr { $$ = mkaxis(ps, @$, $1); $$->from = $3; $$->to = $5; $$->step = $7; }
| starget IN '{' sexprs '}'     { $$ = mkaxis(ps, @$, $1); $$->v = flatten_ptrs(A, $4, &$$->n); }
;
/* what an axis changes, written as a change's target */
starget:
  IDENT '.' IDENT               { $$ = attr_change(ps, @$, mkname($1, @1), mkname($3, @3), CH_SET, NULL); }
| IDENT '(' names ')'           { $$ = rel_change(ps, @$, @$, mkname($1, @1), $3, CH_SET, NULL); }
| IDENT '(' names ')' '.' IDENT { $$ = bid_change(ps, @$, @$, mkname($1, @1), $3, mkname($6, @6), CH_SET, NULL); }
| IDENT                         { $$ = name_change(ps, @$, mkname($1, @1)); }
;
sexprs:
  expr                          { $$ = list1(A, $1); }
| sexprs ',' expr               { $$ = $1; alist_push(A, $$, $3); }
;
data_opts:
  %empty                        { $$ = arena_alloc(A, sizeof(alist)); }
| data_opts DATA_OPT data_col   {
      $$ = $1;
      dataopt *o = arena_alloc(A, sizeof *o);
      o->word = mkname($2, @2);
      o->col = $3;
      alist_push(A, $$, o);
  }
;
/* a column, by its name in the header: a name, or a string for any other */
data_col:
  name
| STRING                        { $$ = boxname(A, mkname($1, @1)); }
;

stmt:
  SHOW name opt_at              { $$ = mkdecl(ps, S_SHOW, @$); $$->n = *$2; $$->u.target.at = $3; }
| SHOW name '(' names ')' opt_at {
      $$ = mkdecl(ps, S_SHOW, @$); $$->n = *$2; $$->u.target.args = flatten(A, $4, sizeof(name), &$$->u.target.n);
      $$->u.target.has_args = 1; $$->u.target.at = $6;
  }
| EXPLAIN name '(' names ')' opt_at {
      $$ = mkdecl(ps, S_EXPLAIN, @$); $$->n = *$2; $$->u.target.args = flatten(A, $4, sizeof(name), &$$->u.target.n);
      $$->u.target.has_args = 1; $$->u.target.at = $6;
  }
| EXPLAIN name opt_at           { $$ = mkdecl(ps, S_EXPLAIN, @$); $$->n = *$2; $$->u.target.at = $3; }
| EXPLAIN name '(' names ')' span {
      $$ = mkdecl(ps, S_EXPLAIN, @$); $$->n = *$2; $$->u.target.args = flatten(A, $4, sizeof(name), &$$->u.target.n);
      $$->u.target.has_args = 1; explain_span($$, $6.from, $6.to);
  }
| EXPLAIN name span             { $$ = explain_span(mkdecl(ps, S_EXPLAIN, @$), $3.from, $3.to); $$->n = *$2; }
| WHY name opt_at               { $$ = why(ps, "why", @1, @$, $2, NULL, $3); }
| WHY name '(' names ')' opt_at { $$ = why(ps, "why", @1, @$, $2, $4, $6); $$->u.target.has_args = 1; }
| DOMINANCE name opt_of opt_at  { $$ = mkdecl(ps, S_DOMINANCE, @$); $$->n = *$2; $$->u.target.of = $3; $$->u.target.at = $4; }
| DOMINANCE name '(' names ')' opt_of opt_at {
      $$ = mkdecl(ps, S_DOMINANCE, @$); $$->n = *$2;
      $$->u.target.args = flatten(A, $4, sizeof(name), &$$->u.target.n); $$->u.target.has_args = 1;
      $$->u.target.of = $6; $$->u.target.at = $7;
  }
/* which event made it form: `dominance R(a, b) [at D] by events` */
| DOMINANCE name '(' names ')' opt_of opt_at BY name {
      $$ = mkdecl(ps, S_DOMINANCE, @$); $$->n = *$2;
      $$->u.target.args = flatten(A, $4, sizeof(name), &$$->u.target.n); $$->u.target.has_args = 1;
      $$->u.target.of = $6; $$->u.target.at = $7; $$->u.target.by = $9;
  }
| EXPECT cond                   { $$ = mkdecl(ps, S_EXPECT, @$); $$->u.expect.e = $2; }
/* the smallest change that flips a verdict: `flip R(a, b) [to WORD] [by
 * NAME, ...]`, `to WORD` before `by` or after it */
| FLIP name '(' names ')' opt_flipto opt_flipby {
      $$ = mkdecl(ps, S_FLIP, @$); $$->n = *$2;
      $$->u.target.args = flatten(A, $4, sizeof(name), &$$->u.target.n); $$->u.target.has_args = 1;
      $$->u.target.flip_to = $6;
      $$->u.target.flip_by = flatten(A, $7, sizeof(flipname), &$$->u.target.nflip_by);
  }
| FLIP name '(' names ')' opt_flipto BY flipnames TO flipword {
      $$ = mkdecl(ps, S_FLIP, @$); $$->n = *$2;
      $$->u.target.args = flatten(A, $4, sizeof(name), &$$->u.target.n); $$->u.target.has_args = 1;
      $$->u.target.flip_to = flip_to(ps, $6, $10);
      $$->u.target.flip_by = flatten(A, $8, sizeof(flipname), &$$->u.target.nflip_by);
  }
| FLIP name opt_flipto opt_flipby {
      $$ = mkdecl(ps, S_FLIP, @$); $$->n = *$2;
      $$->u.target.flip_to = $3;
      $$->u.target.flip_by = flatten(A, $4, sizeof(flipname), &$$->u.target.nflip_by);
  }
/* show R by PERIOD [from D1] [to D2], show R(a, b) by ..., show world(a) by ... */
| SHOW name BY IDENT opt_span   { $$ = show_by(ps, @$, $2, NULL, @3, mkname($4, @4), $5); }
| SHOW name '(' names ')' BY IDENT opt_span { $$ = show_by(ps, @$, $2, $4, @6, mkname($7, @7), $8); }
;

/* A condition (forms when, expect, an aggregate's where): there '=' is a
 * slip for '=='.  Conditions nest (a where inside forms when): counted. */
cond: { ps->in_cond++; } expr { if (ps->in_cond > 0) ps->in_cond--; $$ = $2; }
;

name: IDENT                     { $$ = boxname(A, mkname($1, @1)); }
;

/* `to form`, `to fail` after flip's tuple: the verdict it asks for (the
 * word, at its place; the resolver reads it) */
opt_flipto:
  %empty                        { $$ = NULL; }
| TO flipword                   { $$ = $2; }
;
flipword:
  name                          { $$ = $1; }
| FORMS                         { $$ = boxname(A, mkname("forms", @1)); } /* a slip for 'form', said so */
;

/* `by NAME, ...` after flip's tuple: attributes (`capacity`, `acme.capacity`,
 * `n.capacity`, a tender's `bid.price`) and relations (`trust`) */
opt_flipby:
  %empty                        { $$ = NULL; }
| BY flipnames                  { $$ = $2; }
;
flipnames:
  flipname                      { $$ = list1(A, $1); }
| flipnames ',' flipname        { $$ = $1; alist_push(A, $$, $3); }
;
flipname:
  IDENT                         { $$ = arena_alloc(A, sizeof *$$); $$->attr = mkname($1, @1); }
| IDENT '.' IDENT               { $$ = arena_alloc(A, sizeof *$$); $$->obj = mkname($1, @1); $$->attr = mkname($3, @3); }
;

/* `of verdict`, `of score`: what Shapley values explain, after the rule or
 * tuple they are asked of; the word, at its place.  'verdict' is a word
 * only here, 'of' only where parse.c lets one stand: neither is reserved */
of_target:
  OF IDENT                      { $$ = of_word(ps, $2, @2); }
| OF SCORE                      { $$ = boxname(A, mkname("score", @2)); }
;
opt_of:
  %empty                        { $$ = NULL; }
| of_target                     { $$ = $1; }
;

opt_label:
  %empty                        { $$ = NULL; }
| STRING                        { $$ = $1; }
;

attrs:
  %empty                        { $$ = arena_alloc(A, sizeof(alist)); }
| attrs attr                    { $$ = $1; alist_push(A, $$, $2); }
/* a slip: a comma between attributes, said and read as a space */
| attrs ','                     {
      $$ = $1;
      if (!ps->slip.line && !number_comma(ps, @2)) /* else the echo of a slip said, or a decimal comma */
          diag_at(ps->diags, ps->src, @2, COOP_ERROR, "attributes are separated by spaces or newlines, not ','");
      if (!ps->slip.line) ps->slip = @2;
  }
| attrs error                   { $$ = $1; }
;

attr: name '=' expr opt_range   { $$ = arena_alloc(A, sizeof *$$); $$->n = *$1; $$->value = $3; $$->range = $4; }
;

/* `range LO .. HI`: the values events may write */
range: RANGE expr DOTDOT expr   { $$.lo = $2; $$.hi = $4; $$.at = @1; }
;
opt_range:
  %empty                        { $$.lo = $$.hi = NULL; $$.at = @$; }
| range                         { $$ = $1; }
;
/* a parameter's label and range, in either order */
ptail:
  %empty                        { $$.label = NULL; $$.range.lo = $$.range.hi = NULL; $$.range.at = @$; }
| STRING                        { $$.label = $1; $$.range.lo = $$.range.hi = NULL; $$.range.at = @$; }
| range                         { $$.label = NULL; $$.range = $1; }
| STRING range                  { $$.label = $1; $$.range = $2; }
| range STRING                  { $$.label = $2; $$.range = $1; }
;

/* A date where one is expected: a DATE, or a number that must be a year */
date:
  DATE                          { $$ = mkdate(ps, @1); $$->d = $1; $$->ok = $1.y != 0; }
| NUMBER                        { $$ = mkdate(ps, @1); $$->is_num = 1; $$->num = $1; }
;

/* "event NAME at DATE ["label"] {", "event NAME every [N] UNIT [from DATE]
 * [to DATE] ["label"] {", "event NAME on COND ["label"] {", "event NAME
 * while COND ["label"] {": named so an unclosed brace can say whose */
event_head:
  EVENT name AT date opt_label '{' {
      $$ = event_decl(ps, @$, $2, EVENT_AT, @3, $5, @6);
      $$->u.event->at = $4;
  }
| EVENT name EVERY opt_count IDENT eparts opt_label '{' {
      $$ = event_decl(ps, @$, $2, EVENT_EVERY, @3, $7, @8);
      event_def *e = $$->u.event;
      if ($4 >= 0) e->every = $4;
      e->every_loc = $4 >= 0 ? @4 : @5;
      e->unit = mkname($5, @5);
      event_parts(ps, e, $6);
  }
| EVENT name ON cond opt_label '{' {
      $$ = event_decl(ps, @$, $2, EVENT_ON, @3, $5, @6);
      $$->u.event->cond = $4;
  }
| EVENT name WHILE cond opt_label '{' {
      $$ = event_decl(ps, @$, $2, EVENT_WHILE, @3, $5, @6);
      $$->u.event->cond = $4;
  }
;
/* `at DATE` after a statement's target; NULL when not written */
opt_at:
  %empty                        { $$ = NULL; }
| AT date                       { $$ = $2; }
;
/* explain's `from D1 to D2`, `from D1` (to the timeline's end), `to D2`
 * (from its start) */
span:
  FROM date                     { $$.from = $2; $$.to = NULL; }
| FROM date TO date             { $$.from = $2; $$.to = $4; }
| TO date                       { $$.from = NULL; $$.to = $2; }
/* the periods show reads: `from DATE`, `to DATE`, both or neither */
opt_span:
  %empty                        { $$ = arena_alloc(A, sizeof(bydef)); }
| FROM date                     { $$ = arena_alloc(A, sizeof(bydef)); $$->from = $2; }
| TO date                       { $$ = arena_alloc(A, sizeof(bydef)); $$->to = $2; }
| FROM date TO date             { $$ = arena_alloc(A, sizeof(bydef)); $$->from = $2; $$->to = $4; }
| date                          {
      $$ = arena_alloc(A, sizeof(bydef));
      diag_at(ps->diags, ps->src, @1, COOP_ERROR, "a span of periods is written after the period with 'from DATE', "
              "'to DATE' or both, like 'by year from 2014 to 2016'");
  }
;
/* N of `every N UNIT`; -1 when not written */
opt_count:
  %empty                        { $$ = -1; }
| NUMBER                        { $$ = $1; }
;
eparts:
  %empty                        { $$ = arena_alloc(A, sizeof(alist)); }
| eparts IDENT date             {
      $$ = $1;
      epart *p = arena_alloc(A, sizeof *p);
      p->w = mkname($2, @2);
      p->d = $3;
      alist_push(A, $$, p);
  }
;
/* an event's changes, separated by newlines or commas */
echanges:
  %empty                        { $$ = arena_alloc(A, sizeof(alist)); }
| echanges change               { $$ = $1; alist_push(A, $$, $2); }
| echanges ',' change           {
      $$ = $1;
      if (!$1->n) diag_at(ps->diags, ps->src, @2, COOP_ERROR, "an event's changes do not start with ','");
      alist_push(A, $$, $3);
  }
| echanges error                { $$ = $1; }
;

/* "actor NAME : KIND "label" {": named so an unclosed brace can say whose. */
actor_head: ACTOR name ':' name opt_label '{' {
      $$ = mkdecl(ps, D_ACTOR, @$); $$->n = *$2; $$->u.actor.kind = *$4; $$->u.actor.label = $5;
      name_brace(ps, @6, arena_printf(A, "actor '%s'", $2->s));
  }
;

/* "partnership NAME(params) [ordered] {": named so an unclosed brace can
 * say whose. */
rule_head: PARTNERSHIP name '(' params ')' opt_ordered '{' {
      $$ = mkdecl(ps, D_RULE, @$); $$->n = *$2;
      $$->u.rule.params = flatten(A, $4, sizeof(paramdef), &$$->u.rule.np);
      $$->u.rule.ordered = $6 != 0;
      $$->u.rule.ordered_loc = @6;
      name_brace(ps, @7, arena_printf(A, "partnership '%s'", $2->s));
      ps->rule_syntax_error = 0;
      ps->in_contract = 0; /* after a contract left open by an error */
  }
;

rule: rule_head items '}' { $$ = rule_body(ps, $1, $2, @3); }
;

/* "tender NAME(a: KIND) ["label"] {" */
tender_head: TENDER name '(' params ')' opt_label '{' {
      $$ = mkdecl(ps, D_TENDER, @$); $$->n = *$2;
      $$->u.rule.params = flatten(A, $4, sizeof(paramdef), &$$->u.rule.np);
      $$->u.rule.tender = arena_alloc(A, sizeof(tender_def));
      $$->u.rule.tender->label = $6;
      name_brace(ps, @7, arena_printf(A, "tender '%s'", $2->s));
      ps->rule_syntax_error = 0;
      ps->in_tender = 1;
      ps->in_contract = 0;
  }
;

/* The first word of a declaration that starts with a name: 'bid',
 * 'attribute', 'data', or a misspelt keyword (not_bid) */
dword: IDENT                    { not_bid(ps, $1, @1); $$ = $1; }
;

/* "bid TENDER by BIDDER {" ('bid' is a word only here) */
bid_head: dword name BY name '{' {
      if (strcmp($1, "bid") != 0 && !ps->slip.line) /* bid-shaped, with another word */
          diag_at(ps->diags, ps->src, @1, COOP_ERROR, "expected a declaration, not '%s'; a bid is written "
                  "'bid TENDER by ACTOR { ... }'", $1);
      $$ = mkdecl(ps, D_BID, @$); $$->n = *$2;
      $$->u.bid.tender = *$2; $$->u.bid.bidder = *$4;
      name_brace(ps, @5, arena_printf(A, "the bid of '%s' for '%s'", $4->s, $2->s));
  }
;

/* "contract NAME = award(TENDER) ["label"] {" or "contract NAME(buyer = G,
 * supplier = S) ["label"] {" ('award' is a word only here) */
contract_head:
  CONTRACT name '=' IDENT '(' name ')' opt_label '{' {
      $$ = contract_decl(ps, @$, $2, $8, @9);
      $$->u.contract->by_award = 1;
      $$->u.contract->tender = *$6;
      if (strcmp($4, "award") != 0)
          diag_at(ps->diags, ps->src, @4, COOP_ERROR, "a contract comes from a tender as 'award(%s)', not '%s(%s)'",
                  $6->s, $4, $6->s);
  }
| CONTRACT name '(' parties ')' opt_label '{' {
      $$ = contract_decl(ps, @$, $2, $6, @7);
      $$->u.contract->party = flatten(A, $4, sizeof(setting), &$$->u.contract->nparty);
  }
| CONTRACT name opt_label '{'   {
      $$ = contract_decl(ps, @$, $2, $3, @4);
      diag_at(ps->diags, ps->src, @2, COOP_ERROR, "contract '%s' names no parties: write 'contract %s(buyer = ACTOR, "
              "supplier = ACTOR)' or 'contract %s = award(TENDER)'", $2->s, $2->s, $2->s);
  }
;
parties:
  %empty                        { $$ = NULL; }
| parties1                      { $$ = $1; }
;
parties1:
  name '=' expr                 { setting *p = arena_alloc(A, sizeof *p); p->n = *$1; p->value = $3; $$ = list1(A, p); }
| parties1 ',' name '=' expr    { setting *p = arena_alloc(A, sizeof *p); p->n = *$3; p->value = $5; $$ = $1; alist_push(A, $$, p); }
;

/* A contract's items: `term = N`, `oblige SIDE NAME = COND ["label"]`,
 * `monitor when COND`, `renew when COND` (words only there) */
citems:
  %empty                        { $$ = arena_alloc(A, sizeof(alist)); }
| citems cword '=' expr         { $$ = $1; alist_push(A, $$, citem(ps, CI_SETTING, @2, NULL, mkname($2, @2), $4, NULL)); }
| citems cword IDENT name '=' cond odue opt_label {
      $$ = $1;
      citem_t *it = citem(ps, CI_OBLIGE, @2, $2, mkname($3, @3), $6, $8);
      it->n2 = *$4;
      if ($7) it->due = *$7;
      it->loc.end_line = @$.end_line; it->loc.end_col = @$.end_col;
      alist_push(A, $$, it);
  }
| citems cword name '=' cond odue opt_label {
      $$ = $1;
      citem_t *it = citem(ps, CI_NOSIDE, @2, $2, *$3, $5, $7);
      alist_push(A, $$, it);
  }
| citems cword WHEN cond        { $$ = $1; alist_push(A, $$, citem(ps, CI_WHEN, @2, $2, mkname($2, @2), $4, NULL)); }
| citems FACTOR name '=' expr opt_baseline { $$ = $1; alist_push(A, $$, citem(ps, CI_FACTOR, @2, NULL, *$3, $5, NULL)); }
| citems error                  { $$ = $1; }
;
/* a contract item's first word (oblige, monitor, renew, term) */
cword: IDENT                    { $$ = item_word(ps, $1, @1); }
;
/* when an obligation falls due: `by DATE`, `every [N] UNIT [from DATE] [to
 * DATE]`; NULL: neither */
odue:
  %empty                        { $$ = NULL; }
| BY date                       { $$ = due_of(ps, @1, $2, -1, @1, NULL, NULL); }
| EVERY opt_count IDENT opt_span { name u = mkname($3, @3); $$ = due_of(ps, @1, NULL, $2, @2, &u, $4); }
;

params:
  %empty                        { $$ = NULL; }
| params1                       { $$ = $1; }
;
params1:
  param                         { $$ = $1; }
| params1 ',' param             { $$ = $1; for (int i = 0; i < $3->n; i++) alist_push(A, $$, $3->v[i]); }
;
/* "a, b: KIND" is "a: KIND, b: KIND" */
param: names1 ':' name {
      $$ = $1;
      for (int i = 0; i < $$->n; i++) {
          paramdef *p = arena_alloc(A, sizeof *p);
          p->n = *(name *)$$->v[i];
          p->kind = *$3;
          $$->v[i] = p;
      }
  }
;
/* 'ordered' is a word only here, after a rule's parameters: no reserved
 * word, so it may still name an actor, an attribute or a symbol */
opt_ordered:
  %empty                        { $$ = 0; }
| IDENT                         {
      $$ = strcmp($1, "ordered") == 0;
      if (strcmp($1, "unordered") == 0)
          diag_at(ps->diags, ps->src, @1, COOP_ERROR,
                  "a rule takes each set of actors once unless it says 'ordered': delete 'unordered'");
      else if (!$$) {
          suggest sg;
          suggest_init(&sg, $1, ps->diags);
          suggest_offer(&sg, "ordered", 0);
          diag_at(ps->diags, ps->src, @1, COOP_ERROR, "expected 'ordered' or '{' after the parameters, not '%s'%s",
                  $1, suggest_said(&sg));
      }
      }
;

items:
  %empty                        { $$ = arena_alloc(A, sizeof(alist)); }
| items FACTOR name '=' expr opt_baseline { $$ = $1; alist_push(A, $$, factor_item(ps, @2, $3, $5, $6)); }
| items INFLUENCE name ARROW name BY expr { $$ = $1; alist_push(A, $$, influence_item(ps, @2, @7, $3, $5, $7)); }
| items SCORE '=' expr          { $$ = $1; ritem *it = mkitem(ps, IT_SCORE, @2); it->e = $4; alist_push(A, $$, it); }
| items FORMS WHEN cond         { $$ = $1; ritem *it = mkitem(ps, IT_FORMS, @2); it->e = $4; alist_push(A, $$, it); }
/* slips: an item without its keyword, said (at once: a session's line
 * may end there) and read as if it had it */
| items name '=' {
      if (ps->in_tender && strcmp($2->s, "require") == 0)
          item_slip(ps, @2, "a requirement has a name: write 'require NAME = CONDITION'", NULL, NULL);
      else if (!(ps->in_tender && words_tender_setting($2->s)))
          item_slip(ps, @2, "a factor is declared with 'factor': write 'factor %s = ...'", $2->s, NULL);
  }
  expr opt_baseline             {
      $$ = $1;
      if (ps->in_tender && words_tender_setting($2->s)) {
          ritem *it = mkitem(ps, IT_SETTING, @2);
          it->n = *$2;
          it->e = $5;
          if ($6) diag_at(ps->diags, ps->src, @6, COOP_ERROR, "a tender's %s takes no baseline", $2->s);
          alist_push(A, $$, it);
      } else
          alist_push(A, $$, factor_item(ps, @2, $2, $5, $6));
  }
/* tenders: `require NAME = COND ["label"]`, `award WORD EXPR`,
 * `tie WORD EXPR, ...` (words only there) */
| items iword name '=' cond opt_label {
      $$ = $1;
      ritem *it = mkitem(ps, IT_REQUIRE, @2);
      it->n = *$3;
      it->e = $5;
      it->label = $6;
      it->loc.end_line = @$.end_line; it->loc.end_col = @$.end_col;
      if (strcmp($2, "require") != 0) {
          suggest sg;
          suggest_init(&sg, $2, ps->diags);
          if (ps->in_tender) suggest_offer(&sg, "require", 0);
          diag_at(ps->diags, ps->src, @2, COOP_ERROR, "expected an item of a %s, not '%s'%s", ps->in_tender ? "tender" : "partnership",
                  $2, sg.best ? suggest_said(&sg) : ps->in_tender ? "; a requirement is written 'require NAME = CONDITION'" : "");
          ps->rule_syntax_error = 1;
      } else
          alist_push(A, $$, it);
  }
| items iword keys              {
      $$ = $1;
      int said = say_unnamed(ps, -1); /* `require fit a.x >= 1`: a requirement without its '=' */
      ritem *it = mkitem(ps, IT_KEYS, @2);
      it->n = mkname($2, @2);
      it->keys = $3;
      it->loc.end_line = @3.end_line; it->loc.end_col = @3.end_col;
      if (said)
          ps->rule_syntax_error = 1;
      else if (ps->in_tender && !strcmp($2, "then") && $1->n && ((ritem *)$1->v[$1->n - 1])->k == IT_KEYS &&
               !strcmp(((ritem *)$1->v[$1->n - 1])->n.s, "tie")) {
          diag_at(ps->diags, ps->src, @2, COOP_ERROR, "%s", tie_then(ps, $1->v[$1->n - 1], $3));
          ps->rule_syntax_error = 1;
      } else if (strcmp($2, "award") != 0 && strcmp($2, "tie") != 0) {
          diag_at(ps->diags, ps->src, @2, COOP_ERROR, "expected an item of a %s, not '%s'", ps->in_tender ? "tender" : "partnership", $2);
          ps->rule_syntax_error = 1;
      } else if (!ps->in_tender || keys_worded(ps, $2, $3)) /* a partnership's: rule_body says it */
          alist_push(A, $$, it);
  }
| items name ARROW name {
      item_slip(ps, @2, "an influence is declared with 'influence': write 'influence %s -> %s by ...'", $2->s, $4->s);
  }
  BY expr                       { $$ = $1; alist_push(A, $$, influence_item(ps, @2, @7, $2, $4, $7)); }
| items error                   { $$ = $1; ps->rule_syntax_error = 1; }
;

/* a tender item's first word (require, award, tie) */
iword: IDENT                    { $$ = item_word(ps, $1, @1); }
;

opt_baseline:
  %empty                        { $$ = NULL; }
| BASELINE expr                 { $$ = $2; }
;

/* `lowest bid.price`, `best score`, `to NAME`: a word, then what; and
 * the slips `bid.price`, `score` without their word (keys_worded says
 * them; a word alone is said by yyreport_syntax_error) */
keys:
  key                           { $$ = list1(A, $1); }
| keys ',' key                  { $$ = $1; alist_push(A, $$, $3); }
;
key:
  IDENT expr                    { $$ = arena_alloc(A, sizeof(keydef)); $$->word = mkname($1, @1); $$->e = $2; }
| IDENT '.' IDENT               {
      $$ = arena_alloc(A, sizeof(keydef));
      $$->word = mkname(NULL, @1);
      $$->e = ast_expr(A, X_ATTR, @$); $$->e->u.attr.obj = mkname($1, @1); $$->e->u.attr.attr = mkname($3, @3);
  }
| SCORE                         { $$ = arena_alloc(A, sizeof(keydef)); $$->word = mkname(NULL, @1); $$->e = ast_expr(A, X_SCORE, @1); }
/* a word and no value: said; the keys after it are read on */
| IDENT error                   { $$ = arena_alloc(A, sizeof(keydef)); $$->word = mkname($1, @1); $$->e = NULL; }
;

names:
  %empty                        { $$ = NULL; }
| names1                        { $$ = $1; }
;
names1:
  name                          { $$ = list1(A, $1); }
| names1 ',' name               { $$ = $1; alist_push(A, $$, $3); }
;

/* ---- Expressions, loosest first ---- */

expr: or_e ;

or_e:
  and_e
| or_e OR and_e                 { $$ = bin(ps, OP_OR, @$, $1, $3); }
;
and_e:
  not_e
| and_e AND not_e               { $$ = bin(ps, OP_AND, @$, $1, $3); }
;
not_e:
  cmp_e
| NOT not_e                     { $$ = depth_check(ps, ast_op(A, X_NOT, 0, @$, $2, NULL, NULL)); }
;
/* Comparisons do not chain: `a < b < c` is a syntax error. */
cmp_e:
  add_e
| add_e '<' add_e               { $$ = bin(ps, OP_LT, @$, $1, $3); }
| add_e LE add_e                { $$ = bin(ps, OP_LE, @$, $1, $3); }
| add_e '>' add_e               { $$ = bin(ps, OP_GT, @$, $1, $3); }
| add_e GE add_e                { $$ = bin(ps, OP_GE, @$, $1, $3); }
| add_e EQ add_e                { $$ = bin(ps, OP_EQ, @$, $1, $3); }
| add_e NE add_e                { $$ = bin(ps, OP_NE, @$, $1, $3); }
| add_e APPROX add_e WITHIN add_e { $$ = depth_check(ps, ast_op(A, X_APPROX, 0, @$, $1, $3, $5)); }
| add_e IN add_e                { $$ = depth_check(ps, ast_op(A, X_IN, 0, @$, $1, $3, NULL)); }
;
add_e:
  mul_e
| add_e '+' mul_e               { $$ = bin(ps, OP_ADD, @$, $1, $3); }
| add_e '-' mul_e               { $$ = bin(ps, OP_SUB, @$, $1, $3); }
;
mul_e:
  un_e
| mul_e '*' un_e                { $$ = bin(ps, OP_MUL, @$, $1, $3); }
| mul_e '/' un_e                { $$ = bin(ps, OP_DIV, @$, $1, $3); }
;
un_e:
  post_e
| '-' un_e                      { $$ = depth_check(ps, ast_op(A, X_NEG, 0, @$, $2, NULL, NULL)); }
;
/* A statement's query read at a step of the timeline, or over steps */
post_e:
  primary
| primary AT date               { $$ = time_expr(ps, @$, $1, TIME_AT, @2, $3, NULL); }
| primary THROUGHOUT date %prec ONE_PERIOD { $$ = time_expr(ps, @$, $1, TIME_THROUGHOUT, @2, $3, $3); }
| primary THROUGHOUT date DOTDOT date { $$ = time_expr(ps, @$, $1, TIME_THROUGHOUT, @2, $3, $5); }
| primary DURING date %prec ONE_PERIOD { $$ = time_expr(ps, @$, $1, TIME_DURING, @2, $3, $3); }
| primary DURING date DOTDOT date { $$ = time_expr(ps, @$, $1, TIME_DURING, @2, $3, $5); }
;
primary:
  NUMBER                        { $$ = ast_expr(A, X_NUM, @$); $$->u.num = $1; }
| DATE                          {
      $$ = ast_expr(A, X_DATE, @$);
      $$->u.date = mkdate(ps, @1); $$->u.date->d = $1; $$->u.date->ok = $1.y != 0;
  }
| TRUE                          { $$ = ast_expr(A, X_BOOL, @$); $$->u.num = 1; }
| FALSE                         { $$ = ast_expr(A, X_BOOL, @$); $$->u.num = 0; }
| STRING                        { $$ = ast_expr(A, X_STR, @$); $$->u.str = $1; }
| IDENT                         { $$ = ast_expr(A, X_NAME, @$); $$->u.id = mkname($1, @1); }
| SCORE                         { $$ = ast_expr(A, X_SCORE, @$); }
| IDENT '.' IDENT               { $$ = ast_expr(A, X_ATTR, @$); $$->u.attr.obj = mkname($1, @1); $$->u.attr.attr = mkname($3, @3); }
| IDENT '(' args ')'            {
      $$ = ast_expr(A, X_CALL, @$); $$->u.call.fn = mkname($1, @1);
      $$->u.call.args = flatten_ptrs(A, $3, &$$->u.call.n);
      for (int i = 0; i < $$->u.call.n; i++)
          if ($$->u.call.args[i]->depth >= $$->depth) $$->depth = $$->u.call.args[i]->depth + 1;
      depth_check(ps, $$);
  }
| IDENT '(' args ')' '.' IDENT  { $$ = bid_expr(ps, @$, mkname($1, @1), $3, mkname($6, @6)); }
| SCORE '(' args ')'            {
      $$ = ast_expr(A, X_CALL, @$); $$->u.call.fn = mkname("score", @1);
      $$->u.call.args = flatten_ptrs(A, $3, &$$->u.call.n);
      for (int i = 0; i < $$->u.call.n; i++)
          if ($$->u.call.args[i]->depth >= $$->depth) $$->depth = $$->u.call.args[i]->depth + 1;
      depth_check(ps, $$);
  }
| '(' expr ')'                  { $$ = $2; }
/* aggregates: count(x: KIND where COND), sum(EXPR for x: KIND where COND
 * else VALUE); the ':' tells count(x: K) from the query count(R) */
| IDENT '(' IDENT ':' name opt_where opt_else ')' {
      $$ = depth_check(ps, ast_agg(A, @$, mkname($1, @1), mkname($3, @3), *$5, NULL, $6, $7));
  }
| IDENT '(' expr FOR name ':' name opt_where opt_else ')' {
      $$ = depth_check(ps, ast_agg(A, @$, mkname($1, @1), *$5, *$7, $3, $8, $9));
  }
| '{' symbols '}'               {
      $$ = ast_expr(A, X_SET, @$);
      $$->u.set.v = flatten(A, $2, sizeof(name), &$$->u.set.n);
  }
;

opt_where:
  %empty                        { $$ = NULL; }
| WHERE cond                    { $$ = $2; }
;
opt_else:
  %empty                        { $$ = NULL; }
| ELSE expr                     { $$ = $2; }
;

args:
  %empty                        { $$ = NULL; }
| args1                         { $$ = $1; }
;
args1:
  arg                           { $$ = list1(A, $1); }
| args1 ',' arg                 { $$ = $1; alist_push(A, $$, $3); }
;
/* an argument; a query's first one may say what its Shapley values are of:
 * `R(a, b) of verdict` */
arg:
  expr
| expr of_target                {
      $$ = ast_expr(A, X_OF, @$);
      $$->u.of.e = $1;
      $$->u.of.word = *$2;
      $$->u.of.at = @2;
      $$->depth = $1->depth + 1;
      depth_check(ps, $$);
  }
/* flip_cost(R(a, b) to form): the verdict a flip query asks for */
| expr TO flipword              {
      $$ = ast_expr(A, X_TO, @$);
      $$->u.of.e = $1;
      $$->u.of.word = *$3;
      $$->u.of.at = @2;
      $$->u.of.at.end_line = @3.end_line;
      $$->u.of.at.end_col = @3.end_col;
      $$->depth = $1->depth + 1;
      depth_check(ps, $$);
  }
;

symbols:
  %empty                        { $$ = NULL; }
| symbols1                      { $$ = $1; }
;
symbols1:
  name                          { $$ = list1(A, $1); }
| symbols1 ',' name             { $$ = $1; alist_push(A, $$, $3); }
;

%%

/* A token as a message names it: what the user typed in quotes ('kind',
 * '==', '{'); a class of tokens (identifier, number) as it is. */
static const char *token_text(yysymbol_kind_t k, char *buf, size_t n)
{
    const char *s = yysymbol_name(k);
    switch (k) {
    case YYSYMBOL_YYEOF: case YYSYMBOL_YYerror: case YYSYMBOL_YYUNDEF:
    case YYSYMBOL_NUMBER: case YYSYMBOL_IDENT: case YYSYMBOL_STRING: case YYSYMBOL_DATE:
        return s;
    default:
        if (s[0] == '\'') return s;
        if (s[0] == '"') { /* bison keeps the quotes of an alias */
            snprintf(buf, n, "'%.*s'", (int)strlen(s) - 2, s + 1);
            return buf;
        }
        snprintf(buf, n, "'%s'", s);
        return buf;
    }
}

/* A requirement or an obligation whose name is missing (`require
 * p.years >= 2`, `oblige supplier x.y >= 1`), told by the tokens after its
 * word and `next`, the one the parser refused (a symbol kind; -1: none):
 * the message, or NULL when the item is well begun and the error is
 * elsewhere. */
static const char *unnamed_item(parse_state *ps, int next)
{
    const char *w = ps->item.word;
    int req = w && ps->in_tender && strcmp(w, "require") == 0, obl = w && ps->in_contract && strcmp(w, "oblige") == 0;
    if (!req && !obl) return NULL;
    int s[4], n = 0, id = YYSYMBOL_IDENT, eq = YYTRANSLATE('=');
    for (int i = 0; i < ps->item.n; i++) s[n++] = YYTRANSLATE(ps->item.tok[i]);
    if (next >= 0 && n < 4) s[n++] = next;
    int named = req ? (n < 1 || s[0] == id) && (n < 2 || s[1] == eq)
                    : (n < 1 || s[0] == id) && (n < 2 || s[1] == eq || (s[1] == id && (n < 3 || s[2] == eq)));
    if (named) return NULL;
    if (req) return "a requirement has a name: write 'require NAME = CONDITION'";
    const char *side = ps->item.str && (!strcmp(ps->item.str, "supplier") || !strcmp(ps->item.str, "buyer"))
                       ? ps->item.str : NULL;
    if (side) return strcmp(side, "buyer") ? "an obligation has a name: write 'oblige supplier NAME = CONDITION'"
                                           : "an obligation has a name: write 'oblige buyer NAME = CONDITION'";
    return "an obligation binds a side and has a name: write 'oblige supplier NAME = CONDITION' or 'oblige buyer "
           "NAME = CONDITION'";
}

/* Says unnamed_item's message at the item's word, once: the syntax errors
 * that follow are its echo.  1 when said. */
static int say_unnamed(parse_state *ps, int next)
{
    const char *msg = unnamed_item(ps, next);
    if (!msg) return 0;
    diag_at(ps->diags, ps->src, ps->item.at, COOP_ERROR, "%s", msg);
    ps->slip = ps->item.at;
    ps->item.word = NULL;
    return 1;
}

/* A word where a statement's date is read, that cannot stand there
 * (`explain R(a, b) form 2013`, `why R(a, b) from 2013`, `show R at 2012
 * to 2013`): the word `w` at l.  Said, and 1; else 0. */
static int stmt_date_slip(parse_state *ps, const char *w, coop_loc l)
{
    const char *st = ps->stmt_word;
    if (!st) return 0;
    int ex = strcmp(st, "explain") == 0, span = !strcmp(w, "from") || !strcmp(w, "to");
    if (!span && strcmp(w, "at") != 0) {
        suggest sg;
        suggest_init(&sg, w, ps->diags);
        suggest_offer(&sg, "at", 0);
        if (ex) {
            suggest_offer(&sg, "from", 0);
            suggest_offer(&sg, "to", 0);
        }
        if (!sg.best) return 0;
        diag_at(ps->diags, ps->src, l, COOP_ERROR, "expected %s before a date, not '%s'%s",
                ex ? "'at', 'from' or 'to'" : "'at'", w, suggest_said(&sg));
    } else if (ps->stmt_dates)
        diag_at(ps->diags, ps->src, l, COOP_ERROR, "%s reads one step ('at DATE')%s, said once; not '%s' here", st,
                ex ? " or one span ('from D1 to D2')" : "", w);
    else if (strcmp(st, "why") == 0)
        diag_at(ps->diags, ps->src, l, COOP_ERROR, "why reads the verdict at one step: write 'why R(a, b) at DATE'; "
                "explain R(a, b) %s tells every change over a span", !strcmp(w, "from") ? "from D1 to D2" : "to D2");
    else
        diag_at(ps->diags, ps->src, l, COOP_ERROR, "'%s' reads a tuple's story with explain: explain R(a, b) from D1 to "
                "D2; %s reads one step: %s R at DATE", w, st, st);
    ps->slip = l;
    return 1;
}
static int same_place(coop_loc a, coop_loc b) { return a.line && a.line == b.line && a.col == b.col; }

/* The ',' at c between two numbers written close ("0,4", "1,500,000"): a
 * decimal comma or a thousands separator, said over the whole number with
 * its fix (slip_number), and 1; else 0. */
static int number_comma(parse_state *ps, coop_loc c)
{
    const char *t = ps->src->text;
    size_t len = ps->src->len, at = source_offset(ps->src, c.line - ps->src->line0, c.col), from = at, to = at;
    if (at == 0 || at + 1 >= len || t[at] != ',' || !isdigit((unsigned char)t[at - 1]) ||
        !isdigit((unsigned char)t[at + 1]))
        return 0;
    while (from > 0 && (isdigit((unsigned char)t[from - 1]) || t[from - 1] == '.')) from--;
    while (to < len && (isdigit((unsigned char)t[to]) || (t[to] == ',' && to + 1 < len && isdigit((unsigned char)t[to + 1]))))
        to++;
    to += to < len && t[to] == '%';
    char num[64], fix[256];
    if (to - from >= sizeof num) return 0;
    memcpy(num, t + from, to - from);
    num[to - from] = 0;
    if (!slip_number(num, fix, sizeof fix)) return 0;
    coop_loc l = c; /* (digits, points and commas: a column a byte) */
    l.col -= (int)(at - from);
    l.end_line = l.line;
    l.end_col = c.col + (int)(to - at);
    diag_at(ps->diags, ps->src, l, COOP_ERROR, "%s", fix);
    return 1;
}

/* "unexpected X, expected Y or Z", naming tokens as the user types them;
 * at the end of input, a note points at the brace left open. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, parse_state *ps)
{
    (void)scanner;
    int in_cond = ps->in_cond; /* the error ends the condition */
    ps->in_cond = 0;
    if (ps->fatal || ps->slip.line) return 0; /* a slip's echo: it was said */
    ps->syntax_said++;
    yysymbol_kind_t got = yypcontext_token(ctx);
    const coop_loc *l = yypcontext_location(ctx);
    if (got != YYSYMBOL_YYEOF && say_unnamed(ps, got)) return 0; /* (at the end: unfinished, said below) */
    /* `0,4`: a decimal comma, at the ',' or at the number after it */
    if ((strcmp(yysymbol_name(got), "','") == 0 && ps->pushed[0].tok == NUMBER && number_comma(ps, *l)) ||
        (got == YYSYMBOL_NUMBER && ps->pushed[0].tok == ',' && ps->pushed[1].tok == NUMBER &&
         number_comma(ps, ps->pushed[0].loc)))
        return 0;
    /* 'of' where no Shapley target may follow, or one without its word
     * (parse.c says which 'of' is which) */
    if (got == YYSYMBOL_OF || ps->stray_of.line) {
        diag_at(ps->diags, ps->src, got == YYSYMBOL_OF ? *l : ps->stray_of, COOP_ERROR, "%s", words_of_where);
        return 0;
    }
    if (ps->after_of) {
        char tb[64];
        diag_at(ps->diags, ps->src, *l, COOP_ERROR, "syntax error: unexpected %s, expected 'verdict' or 'score' after 'of'",
                token_text(got, tb, sizeof tb));
        if (got == YYSYMBOL_YYEOF) diag_set_incomplete(ps->diags);
        return 0;
    }
    /* after show's period, a misspelt 'from' or 'to' before a date; `at
     * DATE` then `by PERIOD` */
    int dated = got == YYSYMBOL_DATE || got == YYSYMBOL_NUMBER;
    if (dated && ps->pushed[0].tok == IDENT && same_place(ps->pushed[1].loc, ps->period)) {
        name w = {ps->pushed[0].str, ps->pushed[0].loc};
        not_span_word(ps, &w);
        return 0;
    }
    /* after an obligation's period, a 'from' or 'to' where its span is past
     * it: twice, or 'from' after 'to' (statements say theirs below) */
    if (dated && ps->in_contract && ps->pushed[0].tok == IDENT &&
        (!strcmp(ps->pushed[0].str, "from") || !strcmp(ps->pushed[0].str, "to"))) {
        diag_at(ps->diags, ps->src, ps->pushed[0].loc, COOP_ERROR, "a span is 'from DATE', 'to DATE' or both, each once "
                "and in that order: write 'from D1 to D2'");
        return 0;
    }
    if (got == YYSYMBOL_STRING && ps->pushed[1].tok == IDENT && !strcmp(ps->pushed[1].str, "data") &&
        ps->pushed[0].tok == IDENT) { /* `data actors "FILE"` */
        diag_at(ps->diags, ps->src, *l, COOP_ERROR, "syntax error: expected 'from' before the file: data %s from "
                "\"FILE\"%s", ps->pushed[0].str, strcmp(ps->pushed[0].str, "actors") ? "" : " kind KIND");
        return 0;
    }
    if (got == YYSYMBOL_BY && ps->pushed[1].tok == AT) {
        diag_at(ps->diags, ps->src, *l, COOP_ERROR, "syntax error: unexpected 'by'; 'at' reads one step and 'by' every "
                "period: write one of them");
        return 0;
    }
    enum { MAXEXP = 6, ALL = YYNTOKENS };
    yysymbol_kind_t exp[ALL];
    int n0 = yypcontext_expected_tokens(ctx, exp, ALL), n = 0, in_items = 0;
    /* `timeline 2010 .. 2012` and no 'by' on its line: said there, after its last token */
    if (n0 == 1 && exp[0] == YYSYMBOL_BY && ps->pushed[1].tok == DOTDOT &&
        (l->line > ps->pushed[0].loc.end_line || got == YYSYMBOL_YYEOF)) {
        coop_loc end = ps->pushed[0].loc;
        end.line = end.end_line;
        end.col = end.end_col++;
        diag_at(ps->diags, ps->src, end, COOP_ERROR, "syntax error: the timeline's step is missing: write 'by year', "
                "'by quarter', 'by month' or 'by day' after its dates");
        if (got == YYSYMBOL_YYEOF) diag_set_incomplete(ps->diags);
        return 0;
    }
    /* a name starting a declaration, then a date or a number (`timelin
     * 2010 .. 2018 by year`): a misspelt keyword, when close to one */
    if ((got == YYSYMBOL_DATE || got == YYSYMBOL_NUMBER) && ps->pushed[0].tok == IDENT && n0 == 2 &&
        (exp[0] == YYSYMBOL_IDENT || exp[1] == YYSYMBOL_IDENT) && ps->nbraces == 0 && !ps->parens) {
        not_bid(ps, ps->pushed[0].str, ps->pushed[0].loc);
        if (ps->slip.line) return 0;
    }
    /* a word of a date after a statement that takes no such word there
     * (`why R(a, b) from 2013`), or a misspelt one (`form 2013`) */
    if ((got == YYSYMBOL_DATE || got == YYSYMBOL_NUMBER) && ps->pushed[0].tok == IDENT && ps->nbraces == 0 &&
        !ps->parens && stmt_date_slip(ps, ps->pushed[0].str, ps->pushed[0].loc))
        return 0;
    if (got == YYSYMBOL_IDENT && ps->nbraces == 0 && !ps->parens && ps->pushing &&
        (!strcmp(ps->pushing, "from") || !strcmp(ps->pushing, "to") || !strcmp(ps->pushing, "at")) &&
        stmt_date_slip(ps, ps->pushing, *l))
        return 0;
    for (int i = 0; i < n0; i++) in_items |= exp[i] == YYSYMBOL_FACTOR;
    /* between attributes (a name or '}' expected), a ',' is a slip: not named */
    int ident = 0, brace = 0, span = 0, dot = 0;
    for (int i = 0; i < n0; i++) {
        ident |= exp[i] == YYSYMBOL_IDENT;
        brace |= strcmp(yysymbol_name(exp[i]), "'}'") == 0;
        span |= exp[i] == YYSYMBOL_ON; /* an event's head: 'at' is named there (not after an obligation's condition) */
        dot |= strcmp(yysymbol_name(exp[i]), "'.'") == 0;
    }
    /* a what-if's change after its first name: a value's ('.', '(') is
     * named, not an event's change (`no EVENT`, `EVENT at D`, ...) */
    int whatif_head = dot && span;
    for (int i = 0; i < n0; i++) /* start tokens are the parser's own, never typed; nor is an item's slip */
        if ((exp[i] < YYSYMBOL_START_VALUE || exp[i] > YYSYMBOL_START_WHY) && !(in_items && exp[i] == YYSYMBOL_IDENT) &&
            !(ident && brace && strcmp(yysymbol_name(exp[i]), "','") == 0) &&
            !(ps->in_contract && exp[i] == YYSYMBOL_FACTOR) && /* read in a contract only to be refused, */
            !(ps->in_tender && exp[i] == YYSYMBOL_FORMS) &&    /* and in a tender */
            !(exp[i] == YYSYMBOL_RANGE && n0 > 1) &&           /* a value's range: seldom what was meant */
            !(!span && n0 > 1 && (exp[i] == YYSYMBOL_AT || exp[i] == YYSYMBOL_THROUGHOUT || exp[i] == YYSYMBOL_DURING ||
                                  exp[i] == YYSYMBOL_BY || exp[i] == YYSYMBOL_FROM || exp[i] == YYSYMBOL_TO ||
                                  exp[i] == YYSYMBOL_WHY)) &&
            !(whatif_head && (exp[i] == YYSYMBOL_IDENT || exp[i] == YYSYMBOL_AT || exp[i] == YYSYMBOL_EVERY ||
                              exp[i] == YYSYMBOL_ON || exp[i] == YYSYMBOL_WHILE)))
            /* nor a query's step, after a value or a statement's target, nor explain's span, `why`, or show's
             * periods */
            exp[n++] = exp[i];
    /* where an expression may start, say so rather than list its tokens;
     * where a date, that (a year is a number) */
    int want_expr = 0, want_date = 0;
    for (int i = 0; i < n; i++) want_expr |= exp[i] == YYSYMBOL_NUMBER;
    for (int i = 0; i < n; i++) want_date |= exp[i] == YYSYMBOL_DATE;
    int paren = 0; /* an expression may start with '(' , a date may not */
    for (int i = 0; i < n; i++) paren |= strcmp(yysymbol_name(exp[i]), "'('") == 0;
    if (want_date && !paren) {
        char tb[64];
        diag_at(ps->diags, ps->src, *l, COOP_ERROR, "syntax error: unexpected %s, expected a date (2014, 2014-Q3, 2014-08 "
                "or 2014-08-15)", token_text(got, tb, sizeof tb));
        if (got == YYSYMBOL_YYEOF) diag_set_incomplete(ps->diags);
        return 0;
    }
    /* a tender key's word, and no value after it (`tie price`, `tie
     * lowest`): a value follows a name nowhere else; the word is 'tie' or
     * 'award' before it, or a ',' (keys after the first: a tie's) */
    const char *item = ps->pushed[1].tok == ',' ? "tie" : ps->pushed[1].tok == IDENT ? ps->pushed[1].str : "";
    if (want_expr && ps->in_tender && got != YYSYMBOL_YYEOF && ps->pushed[0].tok == IDENT &&
        (!strcmp(item, "tie") || !strcmp(item, "award"))) {
        char fix[256];
        diag_at(ps->diags, ps->src, ps->pushed[0].loc, COOP_ERROR, "%s",
                slip_key(fix, sizeof fix, item, ps->pushed[0].str, NULL));
        return 0;
    }
    /* `X ~= Y` and no 'within': said at the '~=' (the input may go on
     * with it on the next line: that is still the end of the input) */
    for (int i = 0; i < n; i++)
        if (exp[i] == YYSYMBOL_WITHIN) {
            diag_at(ps->diags, ps->src, ps->approx, COOP_ERROR, "'~=' needs a tolerance: write 'X ~= Y within 0.01'");
            if (got == YYSYMBOL_YYEOF) diag_set_incomplete(ps->diags);
            return 0;
        }
    char buf[512];
    size_t len = 0;
    char tb[64];
    len += (size_t)snprintf(buf + len, sizeof buf - len, "syntax error: unexpected %s", token_text(got, tb, sizeof tb));
    int after_and = 0; /* right after a complete comparison */
    for (int i = 0; i < n; i++) after_and |= exp[i] == YYSYMBOL_AND;
    int cmp = got == YYSYMBOL_LE || got == YYSYMBOL_GE || got == YYSYMBOL_EQ || got == YYSYMBOL_NE ||
              got == YYSYMBOL_APPROX || got == YYSYMBOL_IN || strcmp(yysymbol_name(got), "'<'") == 0 ||
              strcmp(yysymbol_name(got), "'>'") == 0;
    int want_eq = 0; /* '=' in a condition, where '==' would do */
    for (int i = 0; i < n; i++) want_eq |= exp[i] == YYSYMBOL_EQ;
    want_eq &= in_cond && strcmp(yysymbol_name(got), "'='") == 0;
    int brace_next = 0; /* after `event NAME at DATE`: a label or '{' */
    for (int i = 0; i < n; i++) brace_next |= exp[i] == YYSYMBOL_STRING;
    char word[8] = "";
    if (got == YYSYMBOL_IDENT && brace_next) { /* the name where the error is */
        size_t at = source_offset(ps->src, l->line, l->col), w = 0;
        while (at + w < ps->src->len && w < sizeof word - 1 && isalpha((unsigned char)ps->src->text[at + w]))
            word[w] = ps->src->text[at + w], w++;
        word[w] = 0;
    }
    int span_word = brace_next && (strcmp(word, "to") == 0 || strcmp(word, "from") == 0);
    if (cmp && after_and)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "; comparisons do not chain: write a < b and b < c");
    else if (want_eq)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "; to compare, write '==' (or '>=', '<=')");
    else if (want_expr)
        len += (size_t)snprintf(buf + len, sizeof buf - len, ", expected an expression");
    else if (after_and) {
        /* after a complete expression an operator could always continue
         * it: name only what else would do */
        int m = 0;
        for (int i = 0; i < n; i++) {
            const char *t = yysymbol_name(exp[i]);
            int op = exp[i] == YYSYMBOL_AND || exp[i] == YYSYMBOL_OR || exp[i] == YYSYMBOL_LE || exp[i] == YYSYMBOL_GE ||
                     exp[i] == YYSYMBOL_EQ || exp[i] == YYSYMBOL_NE || exp[i] == YYSYMBOL_APPROX || exp[i] == YYSYMBOL_IN ||
                     (t[0] == '\'' && strchr("+-*/<>.(", t[1]));
            if (!op) exp[m++] = exp[i];
        }
        n = m;
    }
    if (!want_expr && !(cmp && after_and) && !want_eq && n > 0 && n < MAXEXP) {
        for (int i = 0; i < n && len < sizeof buf; i++)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i == 0 ? ", expected " : i == n - 1 ? " or " : ", ",
                                    token_text(exp[i], tb, sizeof tb));
    }
    /* the end of input, or a declaration starting a line, inside braces:
     * say which brace is open (a keyword within a line is more likely a
     * misused word than a missing '}') */
    int starts_decl = (got == YYSYMBOL_KIND || got == YYSYMBOL_ACTOR || got == YYSYMBOL_RELATION ||
                       got == YYSYMBOL_PARTNERSHIP || got == YYSYMBOL_TENDER || got == YYSYMBOL_CONTRACT ||
                       got == YYSYMBOL_TIMELINE || got == YYSYMBOL_EVENT ||
                       got == YYSYMBOL_SHOW || got == YYSYMBOL_EXPLAIN ||
                       got == YYSYMBOL_DOMINANCE || got == YYSYMBOL_EXPECT) &&
                      l->col == 1;
    /* a reserved word where a name would do */
    int want_ident = 0;
    for (int i = 0; i < n; i++) want_ident |= exp[i] == YYSYMBOL_IDENT;
    /* the reserved words are declared together, from "kind" to "in" */
    if (want_ident && !want_expr && !starts_decl && got >= YYSYMBOL_KIND && got <= YYSYMBOL_IN && len < sizeof buf)
        snprintf(buf + len, sizeof buf - len, " (%s is a reserved word)", token_text(got, tb, sizeof tb));
    if (span_word && len < sizeof buf)
        snprintf(buf + len, sizeof buf - len, "; an event at a date acts once: for a span, write 'every UNIT from "
                 "DATE to DATE'");
    diag_at(ps->diags, ps->src, *l, COOP_ERROR, "%s", buf);
    if (got == YYSYMBOL_YYEOF) diag_set_incomplete(ps->diags);
    if (got == YYSYMBOL_YYEOF || starts_decl) {
        if (ps->nbraces > 0) {
            open_brace *b = &ps->braces[ps->nbraces - 1];
            if (b->what)
                diag_at(ps->diags, ps->src, b->loc, COOP_NOTE, "the '{' of %s opened here is not closed", b->what);
            else
                diag_at(ps->diags, ps->src, b->loc, COOP_NOTE, "the '{' opened here is not closed");
        }
    }
    return 0;
}

/* Could the input end after the tokens pushed into p so far?  Asked by
 * parse.c of an input read a line at a time (LAC makes the answer exact). */
int parse_can_end(coop_yypstate *p)
{
    return yy_lac(p->yyesa, &p->yyes, &p->yyes_capacity, p->yyssp, YYSYMBOL_YYEOF) == 0;
}

/* Could `token` be pushed into p next (after the reductions it would make)? */
int parse_takes(coop_yypstate *p, int token)
{
    return yy_lac(p->yyesa, &p->yyes, &p->yyes_capacity, p->yyssp, YYTRANSLATE(token)) == 0;
}
