/*
 * resolve_step.c - statements over the timeline's steps (docs/language.md,
 * "Reading a timeline"): a query read at a date (`e at D`), over a span
 * (`e throughout D1 .. D2`, `e during D1 .. D2`), the first step a
 * condition holds at (first(e)), dates compared with what first() gives,
 * a statement's `at D`, and explain's span (`from D1 to D2`).  A date
 * coarser than the timeline's step covers every step of its period: `at`
 * reads the last of them, a span runs from the first step of D1 to the
 * last of D2.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "resolver.h"

#define ERR(loc, ...) diag_at(r->d, r->src, (loc), COOP_ERROR, __VA_ARGS__)

static const char *const how_word[] = {"at", "throughout", "during"};

/* Has the model a timeline to read `word` over?  Else says so. */
static int has_timeline(R *r, coop_loc loc, const char *word)
{
    if (r->m->timeline) return 1;
    ERR(loc, "'%s' reads the steps of a timeline, but this model has none: declare one, like "
             "'timeline 2010 .. 2018 by year'", word);
    return 0;
}

/* The units date dd covers, into [*k1, *k2]: of the timeline's steps, or
 * of its periods (period.h), n units from `first` at precision u; 0, or -1
 * after saying why (`finer`: what a date finer than u is finer than). */
static int units_of(R *r, const datedef *dd, date first, date_unit u, int n, const char *finer, int *k1, int *k2)
{
    const timeline_info *tl = r->m->timeline;
    date x;
    if (rsv_date(r, dd, &x) < 0) return -1;
    char b1[16], b2[16];
    date_text(x, b1, sizeof b1);
    if (x.unit > u) {
        const char *un = date_unit_name(u);
        ERR(dd->loc, "%s is a %s, finer than %s: write a %s, like %s", b1, date_unit_name(x.unit), finer, un,
            date_text(date_floor(x, u), b2, sizeof b2));
        return -1;
    }
    long a = date_diff(first, x, u), b = n;
    date next;
    if (date_add(x, 1, x.unit, &next) == 0) b = date_diff(first, next, u) - 1;
    if (b < 0) {
        ERR(dd->loc, "%s is before the timeline starts, at %s", b1, date_text(tl->start, b2, sizeof b2));
        return -1;
    }
    if (a > n - 1) {
        ERR(dd->loc, "%s is after the timeline ends, at %s", b1, date_text(tl->end, b2, sizeof b2));
        return -1;
    }
    *k1 = a < 0 ? 0 : (int)a;
    *k2 = b > n - 1 ? n - 1 : (int)b;
    return 0;
}

/* The steps date dd covers (inside the timeline). */
static int steps_of(R *r, const datedef *dd, int *k1, int *k2)
{
    const timeline_info *tl = r->m->timeline;
    return units_of(r, dd, tl->start, tl->unit, tl->nsteps, "the timeline's steps", k1, k2);
}

int rsv_steps(R *r, const datedef *dd, int *k1, int *k2) { return steps_of(r, dd, k1, k2); }

/* May a time operator `word` stand here?  Else says why not. */
static int time_allowed(R *r, coop_loc loc, const char *word, ctxkind ctx)
{
    if (ctx != CTX_STMT) {
        ERR(loc, "'%s' reads a query over the timeline's steps in statements such as expect; a rule reads every "
                 "value at the step it is decided in", word);
        return 0;
    }
    if (r->in_event) { /* read in a step of the run, it would run the timeline again */
        ERR(loc, "'%s' reads a query over the timeline's steps in statements such as expect; an event reads the world "
                 "of the step it acts in: to act at a date, write 'event NAME at DATE'", word);
        return 0;
    }
    if (!has_timeline(r, loc, word)) return 0;
    if (r->in_time) {
        ERR(loc, "'%s' inside another 'at', 'throughout', 'during' or first(): a query is read at one step or "
                 "over one span", word);
        return 0;
    }
    return 1;
}

/* e resolved inside a time operator, a condition when `cond` (of `word`). */
static rexpr *inner(R *r, const expr *e, int cond, const char *word)
{
    r->in_time++;
    rexpr *x = rsv_expr(r, e, CTX_STMT);
    r->in_time--;
    if (x->type == T_ERR || !cond || x->type == T_BOOL) return x;
    int first = strcmp(word, "first()") == 0;
    ERR(e->loc, "%s%s%s needs a condition (true/false), like %s, but this is %s", first ? "" : "'", word,
        first ? "" : "'", first ? "first(cooperation(g, n))" : "cooperation(g, n) throughout 2015 .. 2018",
        rsv_type_name(x->type));
    return rsv_fail(r, e);
}

rexpr *rsv_time(R *r, const expr *e, ctxkind ctx)
{
    const char *word = how_word[e->u.time.how];
    if (!time_allowed(r, e->u.time.word, word, ctx)) return rsv_fail(r, e);
    int last = r->m->timeline->nsteps - 1, a1, a2, b1 = 0, b2 = 0;
    if (steps_of(r, e->u.time.from, &a1, &a2) < 0) return rsv_fail(r, e);
    if (e->u.time.to && steps_of(r, e->u.time.to, &b1, &b2) < 0) return rsv_fail(r, e);
    if (e->u.time.to && b2 < a1) {
        ERR(e->u.time.to->loc, "the span ends before it starts");
        return rsv_fail(r, e);
    }
    rexpr *sub = inner(r, e->u.time.e, e->u.time.how != TIME_AT, word);
    if (sub->type == T_ERR) return sub;
    rexpr *x;
    if (e->u.time.how == TIME_AT) {
        x = rsv_node(r, R_AT, sub->type, e);
        x->index = a2;
        x->rule = sub->rule; /* a factor's value names its rule's factors */
        r->past |= a2 != last;
    } else {
        x = rsv_node(r, R_OVER, T_BOOL, e);
        x->index = a1;
        x->param = b2;
        x->op = e->u.time.how == TIME_THROUGHOUT ? OP_AND : OP_OR;
        r->past |= a1 != last;
    }
    x->sub = arena_alloc(r->a, sizeof *x->sub);
    x->nsub = 1;
    x->sub[0] = sub;
    return x;
}

rexpr *rsv_first(R *r, const expr *e, ctxkind ctx)
{
    if (!time_allowed(r, e->loc, "first()", ctx)) return rsv_fail(r, e);
    if (e->u.call.n != 1) {
        ERR(e->loc, "first() takes 1 argument, a condition, not %d", e->u.call.n);
        return rsv_fail(r, e);
    }
    rexpr *sub = inner(r, e->u.call.args[0], 1, "first()");
    if (sub->type == T_ERR) return sub;
    rexpr *x = rsv_node(r, R_FIRST, T_DATE, e);
    x->sub = arena_alloc(r->a, sizeof *x->sub);
    x->nsub = 1;
    x->sub[0] = sub;
    r->past = 1;
    return x;
}

/* A date read where no statement reads it (what: "'never' is a date", or
 * the like): a rule is decided at every step, from that step's world, and
 * an event reads the world of the step it acts in.  Says so, and what to
 * write instead.  (Rules are resolved before the timeline: r->m->timeline
 * says nothing there.) */
static void dates_refused(R *r, coop_loc loc, const char *what)
{
    if (r->in_event)
        ERR(loc, "%s: dates and first() belong to statements (expect, show, ...), not to an event, which reads the "
                 "world of the step it acts in; to act at a date, write 'event NAME at DATE'", what);
    else
        ERR(loc, "%s: dates and first() belong to statements (expect, show, ...), not to %s, which is decided at every "
                 "step from that step's world; ask when in a statement, like 'expect first(R(a, b)) <= 2014', or let an "
                 "event set a value at the date for the rule to read, like 'event NAME at 2014 { a.x = true }'",
            what, r->rule ? arena_printf(r->a, "%s '%s'", rule_noun(r->rule), r->rule->name) : "a rule");
}

/* Is e `never`? */
static int is_never(const expr *e) { return e->k == X_NAME && strcmp(e->u.id.s, "never") == 0; }

/* Does e read a date: a date, `never`, first(...), a dated obligation's
 * met_at(...) or violated_at(...) (read at a step, too)? */
static int reads_date(const expr *e)
{
    if (e->k == X_TIME) return reads_date(e->u.time.e);
    return e->k == X_DATE || is_never(e) ||
           (e->k == X_CALL && (strcmp(e->u.call.fn.s, "first") == 0 || strcmp(e->u.call.fn.s, "met_at") == 0 ||
                               strcmp(e->u.call.fn.s, "violated_at") == 0));
}

/* The function a date is compared with in e (first(), met_at(),
 * violated_at()), for messages. */
static const char *date_fn(const expr *e)
{
    if (e->k == X_TIME) return date_fn(e->u.time.e);
    return e->k == X_CALL && reads_date(e) ? e->u.call.fn.s : "first";
}

/* One side of a date comparison `a OP b` (on the right when `right`): a
 * date (a year as a number), `never`, or what reads one (fn(), the other
 * side's, for messages).  A date coarser than the timeline's step is its
 * period: `first(C) <= 2014` holds by the period's last step, `first(C) <
 * 2014` before its first; `==` and `!=` take a date at the step's
 * precision. */
static rexpr *date_side(R *r, const expr *e, ctxkind ctx, binop op, int right, const char *fn)
{
    if (is_never(e)) {
        rexpr *x = rsv_node(r, R_CONST, T_DATE, e);
        x->num = INFINITY;
        return x;
    }
    if (e->k != X_DATE && e->k != X_NUM) {
        rexpr *x = rsv_expr(r, e, ctx);
        if (x->type == T_ERR || x->type == T_DATE) return x;
        ERR(e->loc, "cannot compare %s with a date", rsv_type_name(x->type));
        return rsv_fail(r, e);
    }
    datedef dd = {e->loc, e->k == X_NUM, e->k == X_NUM ? e->u.num : 0, {0, 0, 0, DATE_YEAR}, 1};
    if (e->k == X_DATE) dd = *e->u.date;
    date x;
    if (!has_timeline(r, e->loc, "a date") || rsv_date(r, &dd, &x) < 0) return rsv_fail(r, e);
    const timeline_info *tl = r->m->timeline;
    char b1[16], b2[16];
    const char *un = date_unit_name(tl->unit);
    if (x.unit > tl->unit) {
        ERR(e->loc, "%s is a %s, finer than the timeline's steps: write a %s, like %s", date_text(x, b1, sizeof b1),
            date_unit_name(x.unit), un, date_text(date_floor(x, tl->unit), b2, sizeof b2));
        return rsv_fail(r, e);
    }
    if (x.unit != tl->unit && (op == OP_EQ || op == OP_NE)) {
        if (dd.is_num) snprintf(b1, sizeof b1, "%d", x.y); /* as written */
        else date_text(x, b1, sizeof b1);
        ERR(e->loc, "%s is a %s, but the timeline steps by %s: '%s' compares with one %s, like %s; for any %s of "
                    "%s, write %s(...) >= %s and %s(...) <= %s", b1, date_unit_name(x.unit), un,
            op == OP_EQ ? "==" : "!=", un, date_text(date_floor(x, tl->unit), b2, sizeof b2), un, b1, fn, b1, fn, b1);
        return rsv_fail(r, e);
    }
    long first = date_diff(tl->start, x, tl->unit), last = first;
    date next;
    if (x.unit != tl->unit)
        last = date_add(x, 1, x.unit, &next) == 0 ? date_diff(tl->start, next, tl->unit) - 1
                                                   : tl->nsteps - 1; /* a period the calendar ends in */
    /* the bound that keeps the period whole: `first(C) <= D` (or `D >= first(C)`) by its last step */
    int upper = right ? (op == OP_LE || op == OP_GT) : (op == OP_GE || op == OP_LT);
    rexpr *c = rsv_node(r, R_CONST, T_DATE, e);
    c->num = (double)(upper ? last : first);
    return c;
}

int rsv_date_compare(R *r, const expr *e, ctxkind ctx, rexpr **pa, rexpr **pb)
{
    if (!reads_date(e->u.op.a) && !reads_date(e->u.op.b)) return 0;
    if (ctx != CTX_STMT || r->in_event) {
        dates_refused(r, e->loc, arena_printf(r->a, "'%s' compares dates", ast_text(r->a, e)));
        *pa = *pb = rsv_fail(r, e);
        return 1;
    }
    if (!r->m->timeline) return 0;
    *pa = date_side(r, e->u.op.a, ctx, e->u.op.op, 0, date_fn(e->u.op.b));
    *pb = date_side(r, e->u.op.b, ctx, e->u.op.op, 1, date_fn(e->u.op.a));
    return 1;
}

rexpr *rsv_date_value(R *r, const expr *e, ctxkind ctx)
{
    char b[16], sub[24] = "";
    const date *x = &e->u.date->d;
    date_text(*x, b, sizeof b);
    if (x->unit == DATE_MONTH) snprintf(sub, sizeof sub, "%d - %02d", x->y, x->m);
    else if (x->unit == DATE_DAY) snprintf(sub, sizeof sub, "%d - %02d - %02d", x->y, x->m, x->d);
    if ((ctx != CTX_STMT && ctx != CTX_CONST) || r->in_event)
        dates_refused(r, e->loc, *sub ? arena_printf(r->a, "%s is a date (to subtract, write spaces: %s)", b, sub)
                                      : arena_printf(r->a, "%s is a date", b));
    else if (ctx == CTX_CONST) /* declared before the timeline: whether there is one is not known yet */
        ERR(e->loc, "%s is a date, and a declared value is a number, true/false, a string or a set%s%s", b,
            *sub ? "; to subtract, write spaces: " : "", sub);
    else if (!r->m->timeline && *sub)
        ERR(e->loc, "%s is a date, and this model has no timeline; to subtract, write spaces: %s", b, sub);
    else if (!r->m->timeline)
        ERR(e->loc, "%s is a date, and this model has no timeline", b);
    else if (*sub)
        ERR(e->loc, "%s is a date: compare it with first(), as in first(R(a, b)) <= %s, or read a query at it, as in "
                    "R(a, b) at %s; to subtract, write spaces: %s", b, b, b, sub);
    else
        ERR(e->loc, "%s is a date: compare it with first(), as in first(R(a, b)) <= %s, or read a query at it, as in "
                    "R(a, b) at %s", b, b, b);
    return rsv_fail(r, e);
}

int rsv_never(R *r, const expr *e, ctxkind ctx)
{
    if (!is_never(e) || ctx == CTX_CONST) return 0;
    if (ctx != CTX_STMT || r->in_event) dates_refused(r, e->loc, "'never' is a date");
    else if (!r->m->timeline) ERR(e->loc, "'never' is a date, and this model has no timeline");
    else
        ERR(e->loc, "'never' is the date first() gives when a condition holds at no step: compare first() with it, as "
                    "in first(R(a, b)) == never");
    return 1;
}

int rsv_stmt_step(R *r, const datedef *dd)
{
    if (!dd) return -1;
    if (!has_timeline(r, dd->loc, "at")) return -2;
    int k1, k2;
    if (steps_of(r, dd, &k1, &k2) < 0) return -2;
    if (k2 != r->m->timeline->nsteps - 1) r->past = 1;
    return k2;
}

/* `show R by PERIOD [from D1] [to D2]`: PERIOD no finer than the
 * timeline's step; D1 and D2 no finer than PERIOD, each covering the
 * periods it falls in. */
int rsv_show_by(R *r, const decl *d, stmt *st)
{
    const bydef *b = d->u.target.period;
    if (!has_timeline(r, b->loc, "by")) return -1;
    const timeline_info *tl = r->m->timeline;
    char b1[16];
    if (names_get(&r->m->contract_idx, d->n.s) >= 0) {
        ERR(b->loc, "'by' shows a partnership's verdicts or a tender's bids per period, not a contract: read "
                    "contract '%s' at a date, like 'show %s at %s'", d->n.s, d->n.s, date_text(tl->end, b1, sizeof b1));
        return -1;
    }
    int u = rsv_unit(r, &b->unit, 0);
    if (u < 0) return -1;
    if (u > (int)tl->unit) {
        char fix[64] = "";
        size_t n = 0;
        for (int v = tl->unit; v >= DATE_YEAR; v--)
            n += (size_t)snprintf(fix + n, sizeof fix - n, "%sby %s", v == (int)tl->unit ? "" : v ? ", " : " or ",
                                  date_unit_name((date_unit)v));
        ERR(b->unit.loc, "the timeline steps by %s: by %s would read between its steps; write %s",
            date_unit_name(tl->unit), b->unit.s, fix);
        return -1;
    }
    periods ps;
    periods_of(tl, (date_unit)u, &ps);
    char finer[32];
    snprintf(finer, sizeof finer, "the %ss shown", date_unit_name((date_unit)u));
    int a1 = 0, a2 = ps.n - 1, b1k = 0, b2k = ps.n - 1;
    if (b->from && units_of(r, b->from, ps.first, (date_unit)u, ps.n, finer, &a1, &a2) < 0) return -1;
    if (b->to && units_of(r, b->to, ps.first, (date_unit)u, ps.n, finer, &b1k, &b2k) < 0) return -1;
    if (b2k < a1) {
        ERR(b->to->loc, "the span ends before it starts");
        return -1;
    }
    st->by = u;
    st->p1 = a1;
    st->p2 = b2k;
    r->past |= period_last_step(&ps, a1) != tl->nsteps - 1;
    return 0;
}

int rsv_world(R *r, const decl *d, stmt *st)
{
    const model *m = r->m;
    /* `world` is a word only here, and only where no rule or contract has
     * the name: one that has it is shown */
    if (d->k != S_SHOW || strcmp(d->n.s, "world") != 0 || names_get(&m->callables, "world") <= -2 ||
        names_get(&m->contract_idx, "world") >= 0)
        return 0;
    if (!d->u.target.has_args || d->u.target.n != 1) {
        ERR(d->loc, "show world(ACTOR) shows one actor's values, its attributes and the relation values it takes "
                    "part in: name one, like show world(%s)", m->nactors ? m->actors[0].name : "emil");
        return -1;
    }
    const name *a = &d->u.target.args[0];
    if ((st->world = names_get(&m->actor_idx, a->s)) < 0) {
        rsv_unknown(r, a->loc, a->s, SUGGEST_ACTOR);
        return -1;
    }
    if (d->u.target.period && rsv_show_by(r, d, st) < 0) return -1;
    return 1;
}

/* ---- which event made it form ---- */

/* The tuple fn() asks about, R(a, b) or R(a, b) at D (e): its verdict
 * node into *v and the step into *step; 0, or -1 after saying why. */
static int cause_target(R *r, const expr *e, const char *fn, rexpr **v, int *step)
{
    const expr *t = e;
    int k1, k = r->m->timeline->nsteps - 1;
    if (e->k == X_TIME) {
        if (e->u.time.how != TIME_AT) {
            ERR(e->u.time.word, "%s() asks about one step: write %s(R(a, b) at DATE)", fn, fn);
            return -1;
        }
        if (steps_of(r, e->u.time.from, &k1, &k) < 0) return -1;
        t = e->u.time.e;
    }
    r->in_time++;
    rexpr *x = rsv_expr(r, t, CTX_STMT);
    r->in_time--;
    if (x->type == T_ERR) return -1;
    if (x->k != R_VERDICT) {
        ERR(t->loc, "%s() asks which event made one tuple's verdict: write %s(R(a, b)) or %s(R(a, b) at DATE)", fn,
            fn, fn);
        return -1;
    }
    *v = x;
    *step = k;
    return 0;
}

rexpr *rsv_event_name(R *r, const expr *e)
{
    if (e->k != X_NAME) {
        ERR(e->loc, "expected an event's name here");
        return rsv_fail(r, e);
    }
    rexpr *x = rsv_node(r, R_CONST, T_EVENT, e);
    x->num = -1;
    if (strcmp(e->u.id.s, "none") == 0) return x;
    int ev = names_get(&r->m->event_idx, e->u.id.s);
    if (ev >= 0) {
        x->num = ev;
        return x;
    }
    suggest sg;
    suggest_init(&sg, e->u.id.s, r->d);
    for (int i = 0; i < r->m->nevents; i++) suggest_offer(&sg, r->m->events[i].name, 0);
    ERR(e->loc, "unknown event '%s'%s", e->u.id.s, suggest_said(&sg));
    return rsv_fail(r, e);
}

/* Is event ev a player (dated or recurring)?  Else says why not. */
static int is_player(R *r, int ev, coop_loc loc)
{
    const event_info *x = &r->m->events[ev];
    if (x->kind == EVENT_AT || x->kind == EVENT_EVERY) return 1;
    ERR(loc, "event '%s' is triggered (%s a condition): it acts when its condition holds, and what it does goes to "
             "the dated and recurring events that made it fire; ask about one of those",
        x->name, x->kind == EVENT_ON ? "on" : "while");
    return 0;
}

rexpr *rsv_event_cause(R *r, const expr *e, ctxkind ctx, rkind k)
{
    const char *fn = k == R_DECISIVE ? "decisive" : "but_for";
    char word[16];
    snprintf(word, sizeof word, "%s()", fn);
    if (ctx == CTX_STMT && r->in_time && r->m->timeline) {
        ERR(e->loc, "%s() reads the step its tuple names (%s(R(a, b) at DATE%s)), so it cannot stand inside 'at', "
                    "'throughout', 'during' or first(): move it outside them", fn, fn, k == R_BUT_FOR ? ", EVENT" : "");
        return rsv_fail(r, e);
    }
    if (!time_allowed(r, e->loc, word, ctx)) return rsv_fail(r, e);
    int want = k == R_DECISIVE ? 1 : 2;
    if (e->u.call.n != want) {
        ERR(e->loc, k == R_DECISIVE ? "decisive() takes 1 argument, a tuple (R(a, b) at DATE), not %d"
                                    : "but_for() takes 2 arguments, a tuple (R(a, b) at DATE) and an event, not %d",
            e->u.call.n);
        return rsv_fail(r, e);
    }
    rexpr *v;
    int step, ev = -1;
    if (cause_target(r, e->u.call.args[0], fn, &v, &step) < 0) return rsv_fail(r, e);
    if (k == R_BUT_FOR) {
        rexpr *n = rsv_event_name(r, e->u.call.args[1]);
        if (n->type == T_ERR) return n;
        if (n->num < 0) {
            ERR(e->u.call.args[1]->loc, "but_for() asks about an event, not none");
            return rsv_fail(r, e);
        }
        ev = (int)n->num;
        if (!is_player(r, ev, e->u.call.args[1]->loc)) return rsv_fail(r, e);
    }
    rexpr *x = rsv_node(r, k, k == R_DECISIVE ? T_EVENT : T_BOOL, e);
    x->rule = v->rule;
    x->args = v->args;
    x->nargs = v->nargs;
    x->index = step;
    x->param = ev;
    return x;
}

int rsv_by_events(R *r, const decl *d, stmt *st)
{
    const name *by = d->u.target.by;
    if (strcmp(by->s, "events") != 0) {
        suggest sg;
        suggest_init(&sg, by->s, r->d);
        suggest_offer(&sg, "events", 0);
        ERR(by->loc, "dominance %s(...) by events divides a verdict among the events, not '%s'%s", d->n.s, by->s,
            suggest_said(&sg));
        return -1;
    }
    if (!has_timeline(r, by->loc, "by events")) return -1;
    if (d->u.target.of) {
        ERR(d->u.target.of->loc, "dominance by events gives each event's value of the verdict and of the score: "
                                 "drop 'of %s'", d->u.target.of->s);
        return -1;
    }
    st->by_events = 1;
    if (st->step < 0) st->step = r->m->timeline->nsteps - 1;
    return 0;
}

/* `from D1 to D2` as written (either end may be left out), into buf. */
static const char *span_text(const decl *d, char *buf, size_t size)
{
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    if (d->u.target.from) {
        fputs("from ", f);
        ast_print_date(f, d->u.target.from);
    }
    if (d->u.target.to) {
        fputs(d->u.target.from ? " to " : "to ", f);
        ast_print_date(f, d->u.target.to);
    }
    fclose(f);
    snprintf(buf, size, "%s", t);
    free(t);
    return buf;
}

int rsv_story(R *r, const decl *d, stmt *st)
{
    const model *m = r->m;
    if (!d->u.target.span) { /* why R(a, b): the story of its verdict, read from the journal */
        if (st->why && st->has_tuple && st->contract < 0 && m->timeline && !m->rules[st->rule].tender) r->past = 1;
        return 0;
    }
    const datedef *from = d->u.target.from, *to = d->u.target.to;
    char span[96], like[256];
    span_text(d, span, sizeof span);
    if (!has_timeline(r, (from ? from : to)->loc, from ? "from" : "to")) return -1;
    if (st->contract >= 0 || m->rules[st->rule].tender) {
        int c = st->contract >= 0;
        const char *bidder = c ? "" : d->u.target.n == 1 ? d->u.target.args[0].s : "BIDDER";
        ERR(d->loc, "'%s' reads the story of a partnership's tuple over the timeline; %s '%s' is read at one step: "
                    "explain %s%s%s%s at DATE", span, c ? "contract" : "tender", d->n.s, d->n.s, c ? "" : "(", bidder,
            c ? "" : ")");
        return -1;
    }
    const rule_info *ru = &m->rules[st->rule];
    if (!st->has_tuple) {
        size_t n = (size_t)snprintf(like, sizeof like, "explain %s(", ru->name);
        for (int p = 0; p < ru->np && n < sizeof like; p++)
            n += (size_t)snprintf(like + n, sizeof like - n, "%s%s", p ? ", " : "", ru->pnames[p]);
        if (n < sizeof like) snprintf(like + n, sizeof like - n, ") %s", span);
        ERR(d->loc, "'%s' reads the story of one tuple: name its actors, like %s", span, like);
        return -1;
    }
    int a1 = 0, a2 = 0, b1 = 0, b2 = m->timeline->nsteps - 1;
    if (from && steps_of(r, from, &a1, &a2) < 0) return -1;
    if (to && steps_of(r, to, &b1, &b2) < 0) return -1;
    if (b2 < a1) {
        ERR(to->loc, "the span ends before it starts");
        return -1;
    }
    (void)a2, (void)b1;
    st->span = 1;
    st->from = a1;
    st->to = b2;
    r->past = 1;
    return 0;
}
