/* run.c - runs statements in order: show, explain, dominance, expect, and
 * a session's bare expressions.  Each statement class's run is named in
 * decl.h's table; the results are built here and in result.c, and printed
 * by report.h. */
#include "runner.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "decl.h"
#include "evshap.h"
#include "flip.h"
#include "grid.h"
#include "report.h"
#include "story.h"
#include "sweep.h"
#include "timeline.h"


/* Why rule ru's Shapley values (of the verdict, with of_verdict) have no
 * closed form: what is not linear. */
static void not_linear(const rule_info *ru, int of_verdict, char *why, size_t size)
{
    const rexpr *x = ru->nonlinear;
    if (of_verdict)
        snprintf(why, size, "they are of the verdict, which is not linear in its factors");
    else if (!x)
        snprintf(why, size, "it has no score, and its verdict is not linear in its factors");
    else if (x->k == R_BIN && x->op == OP_DIV)
        snprintf(why, size, "a coalition may divide by zero (line %d, column %d)", x->src->loc.line, x->src->loc.col);
    else
        snprintf(why, size, "its score is not linear in its factors (line %d, column %d)", x->src->loc.line,
                 x->src->loc.col);
}

/* Why tender ri's gaps are not divided: too many factors for all the
 * coalitions, or more coalitions than the budget for `count` gaps. */
static void gap_refused(runner *u, int ri, int kind, long count)
{
    const rule_info *ru = &u->env->m->rules[ri];
    char why[160];
    not_linear(ru, 0, why, sizeof why);
    if (kind == QUERY_GAP_EXACT)
        diag_at(u->d, u->env->src, u->cur->loc, COOP_ERROR,
                "a gap between two bids of %s divides among its %d factors exactly, over all 2^%d coalitions, past "
                "the limit of %d factors (COOP_SHAPLEY_EXACT_MAX): %s; make the score a sum of weighted factors, or "
                "give %s at most %d factors",
                ru->name, ru->nf, ru->nf, COOP_SHAPLEY_EXACT_MAX, why, ru->name, COOP_SHAPLEY_EXACT_MAX);
    else
        diag_at(u->d, u->env->src, u->cur->loc, COOP_ERROR,
                "the gaps of %ld bids of %s to the first need %lld coalition evaluations (%ld x 2^%d), more than the "
                "limit of %lld: %s, so they have no closed form; explain one bid (explain %s(%s)), or give %s fewer "
                "bids or factors",
                count, ru->name, (long long)count << ru->nf, count, ru->nf, (long long)COOP_SHAPLEY_BUDGET, why,
                ru->name, ru->pnames[0], ru->name);
}

/* Why rule ri's Shapley values (of the score or of the verdict) exceed the
 * budget: what is not linear; and what to ask instead. */
static void over_budget(runner *u, int ri, shapley_of of)
{
    const rule_info *ru = &u->env->m->rules[ri];
    long long work = ru->ntuples * ev_shapley_work(ru, of);
    int of_verdict = of == OF_VERDICT && ru->score; /* not the rule's default */
    char how[96], why[160], ask[160], other[200] = "";
    if (ru->nf <= COOP_SHAPLEY_EXACT_MAX)
        snprintf(how, sizeof how, "%ld x 2^%d", ru->ntuples, ru->nf);
    else
        snprintf(how, sizeof how, "%ld x (1 + %d factors x %d orders)", ru->ntuples, ru->nf,
                 COOP_SHAPLEY_PERMUTATIONS);
    not_linear(ru, of_verdict, why, sizeof why);
    int n = snprintf(ask, sizeof ask, "%s(", ru->name);
    for (int p = 0; p < ru->np && n < (int)sizeof ask; p++)
        n += snprintf(ask + n, sizeof ask - (size_t)n, "%s%s", p ? ", " : "", ru->pnames[p]);
    if (n < (int)sizeof ask) snprintf(ask + n, sizeof ask - (size_t)n, ")%s", of_verdict ? " of verdict" : "");
    if (of_verdict && ru->ntuples * ev_shapley_work(ru, OF_SCORE) <= COOP_SHAPLEY_BUDGET)
        snprintf(other, sizeof other, ", ask of the score (dominance %s)", ru->name);
    diag_at(u->d, u->env->src, u->cur->loc, COOP_ERROR,
            "the Shapley values%s of all %ld tuples of %s need %lld coalition evaluations (%s), more than the "
            "limit of %lld: %s, so they have no closed form; ask about one tuple (dominance %s)%s, or give %s "
            "fewer tuples or factors",
            of_verdict ? " of the verdict" : "", ru->ntuples, ru->name, work, how, (long long)COOP_SHAPLEY_BUDGET,
            why, ask, other, ru->name);
}

/* Reports the runtime error the query met, once. */
int run_runtime(runner *u)
{
    query *q = u->q;
    if (q->err_kind == QUERY_OVER_BUDGET) over_budget(u, q->err_rule, q->err_of);
    else if (q->err_kind == QUERY_GAP_EXACT || q->err_kind == QUERY_GAP_BUDGET)
        gap_refused(u, q->err_rule, q->err_kind, q->err_count);
    else if (q->err_kind == QUERY_NO_FIRST)
        diag_at(u->d, u->env->src, u->cur->loc, COOP_ERROR,
                "tender '%s' ranks no bid, so there is no first bid for gap() to measure from",
                u->env->m->rules[q->err_rule].name);
    else if (q->err_kind == QUERY_MESSAGE)
        diag_at(u->d, u->env->src, q->err_loc.line ? q->err_loc : u->cur->loc, COOP_ERROR, "%s",
                q->err_msg ? q->err_msg : "runtime error");
    else if (q->err_kind == QUERY_INTERRUPTED) {
        diag_at(u->d, u->env->src, u->cur->loc, COOP_ERROR, "interrupted");
        u->interrupted = 1;
    } else {
        char *msg = report_runtime(u->env->m, q->err_agg, q->err_coalition, q->err_rule, q->err_contract,
                                   q->err_tuple, u->cur->k == S_EXPECT ? "this expectation" : "this expression");
        int k = q->err_step >= 0 ? q->err_step : u->cur->step;
        char day[32] = "";
        if (k >= 0) tl_step_text(u->env->m, k, day, sizeof day);
        diag_at(u->d, u->env->src, q->err_loc, COOP_ERROR, "%s%s%s", msg, *day ? ", at " : "", day);
        free(msg);
    }
    q->err = 0;
    q->err_step = -1;
    u->broken = 1;
    return -1;
}

/* ---- show and explain ---- */

/* The trace of the evaluator's last tuple; of a bid with no value
 * (`unscored`: query_tuple), with the runtime error its factors or score
 * met, as it would be said, and nothing stopped. */
static void explain(runner *u, const evaluator *e, int verdict, int unscored)
{
    explain_result x;
    result_explain(e, verdict, &x);
    if (unscored) {
        char *msg = report_runtime(u->env->m, e->err_agg, 0, e->rule, -1, e->tuple, NULL);
        coop_loc at;
        const char *file = source_where(u->env->src, e->err_loc, &at);
        x.unscored = arena_printf(&x.mem, "%s:%d:%d: %s", file, at.line, at.col, msg);
        free(msg);
    }
    report_explain(&u->r, &x);
    result_explain_free(&x);
}

typedef struct show_ctx {
    runner *u;
    long formed, total;
    int explain_only;
} show_ctx;

static int show_one(evaluator *e, int v, void *ctx)
{
    show_ctx *c = ctx;
    if (v < 0) return 1;
    if (c->explain_only)
        explain(c->u, e, v, 0);
    else {
        show_row row = {e->tuple, v, e->ru->score ? e->r[e->ru->nf] : 0, e->r};
        report_show_row(&c->u->r, e->rule, &row, c->total == 0);
    }
    c->formed += v;
    c->total++;
    return 0;
}

static void show_all(runner *u, int rule, int explain_only)
{
    show_ctx c = {u, 0, 0, explain_only};
    if (query_ready(u->q, rule) < 0) {
        run_runtime(u);
        return;
    }
    if (!explain_only) report_show_begin(&u->r, rule);
    evaluator *e = query_ev(u->q, rule);
    if ((explain_only ? ev_foreach : ev_foreach_verdicts)(e, show_one, &c)) {
        query_runtime_error(u->q, e, 0);
        if (!explain_only)
            report_show_abort(&u->r, u->q->err_kind == QUERY_INTERRUPTED ? "interrupted"
                                     : u->q->err_agg ? "an aggregate over nothing" : "division by zero");
        run_runtime(u);
        return;
    }
    if (explain_only) return;
    report_show_end(&u->r, rule, c.formed, c.total);
    /* --explain: the trace of every verdict, after the table */
    if (u->opt->explain) show_all(u, rule, 1);
}

/* ---- tenders ---- */

/* `explain T(x)`: the bid's trace, its place in the award and why it
 * lost; `show T`: the ranking, and the losers that decide the first; `why
 * T`: the winner's trace and place, or, with no winner, the ranking (what
 * failed, what tied). */
static int tender_run(runner *u, const stmt *st, int explain_bids)
{
    const tender_result *t = query_tender(u->q, st->rule);
    if (!t) return run_runtime(u), 0;
    const loser_stability *s = loser_stable(u->q, st->rule);
    if (!s) return run_runtime(u), 0;
    int only = st->has_tuple ? st->tuple[0] : st->why && t->winner >= 0 ? t->bids[t->winner].actor : -1;
    if (!explain_bids || (st->why && only < 0)) {
        report_tender_show(&u->r, t, s);
        return 0;
    }
    if (!t->nbids) {
        report_tender_no_bids(&u->r, t, s);
        return 0;
    }
    /* the gaps to divide, all refused before any is printed */
    long n = 0;
    for (int i = 0; i < t->nbids && loser_divides(&u->env->m->rules[st->rule]); i++)
        n += (only < 0 || t->bids[i].actor == only) && t->bids[i].eligible && t->nranked && i != t->ranked[0];
    if (loser_may_divide(u->q, st->rule, n) < 0) return run_runtime(u), 0;
    for (int i = 0; i < t->nbids; i++) {
        if (only >= 0 && t->bids[i].actor != only) continue;
        int tuple[COOP_MAX_PARAMS] = {t->bids[i].actor, u->env->m->rules[st->rule].tender->buyer};
        int v = query_tuple(u->q, st->rule, tuple);
        if (v < 0) return run_runtime(u), 0;
        explain(u, query_ev(u->q, st->rule), v, u->q->unscored);
        loser_why why;
        if (loser_why_of(u->q, st->rule, i, &why) < 0) return run_runtime(u), 0;
        report_tender_award(&u->r, t, i, &why);
    }
    return 0;
}

/* `dominance T`: the runner-up's gap to the first, by factor. */
static void tender_dominance(runner *u, const stmt *st)
{
    const tender_result *t = query_tender(u->q, st->rule);
    loser_gap g;
    memset(&g, 0, sizeof g);
    g.bid = g.first = -1;
    if (!t) {
        run_runtime(u);
        return;
    }
    if (t->nranked >= 2 && loser_gap_of(u->q, st->rule, t->ranked[1], 1, &g) < 0) {
        run_runtime(u);
        return;
    }
    if (t->nranked == 1) g.first = t->ranked[0];
    report_tender_dominance(&u->r, t, &g);
}

/* ---- contracts ---- */

/* `show C`, `explain C` (the conditions traced). */
static int contract_run(runner *u, const stmt *st, int trace)
{
    contract_result x;
    if (result_contract(u->q, st->contract, &x) < 0) run_runtime(u);
    else report_contract(&u->r, &x, trace);
    result_contract_free(&x);
    return 0;
}

/* ---- per period ---- */

/* `show R by PERIOD`, `show world(a)` (grid.h): read from the world the
 * run ends with, the timeline walked forward; refused before any work
 * past COOP_MAX_GRID_CELLS. */
static int show_grid(runner *u, const stmt *st)
{
    long rows;
    int nper;
    long long cells = grid_cells(&u->q0, st, u->r.as_csv, &rows, &nper);
    if (cells > COOP_MAX_GRID_CELLS) {
        const model *m = u->env->m;
        const char *unit = st->by >= 0 ? date_unit_name((date_unit)st->by) : "step";
        diag_at(u->d, u->env->src, st->loc, COOP_ERROR,
                "this show keeps each of its %ld %s in each of its %d %s%s: %lld, more than the limit of %ld "
                "(COOP_MAX_GRID_CELLS); show fewer periods (a coarser one, or from and to)%s", rows,
                st->world >= 0 ? "values" : m->rules[st->rule].tender ? "bids" : "tuples", nper, unit,
                nper == 1 ? "" : "s", cells,
                (long)COOP_MAX_GRID_CELLS, st->world >= 0 ? "" : ", one tuple, or print it as CSV (--format csv), "
                "which keeps none");
        u->broken = 1;
        return 0;
    }
    if ((st->world >= 0 ? grid_world : grid_show)(&u->q0, st, &u->r) < 0) {
        u->q = &u->q0; /* the error is q0's */
        run_runtime(u);
    }
    return 0;
}

int run_show(runner *u, const stmt *st)
{
    if (st->world >= 0 || st->by >= 0) return show_grid(u, st);
    if (st->params) {
        report_model_params(&u->r, u->q->w);
        return 0;
    }
    /* --explain: a contract's conditions traced, every bid of a tender
     * (as explain C, explain T print them), after what show prints; a
     * partnership's traces, below */
    int more = u->opt->explain, broken = u->broken;
    u->broken = 0; /* what show meets is said once */
    if (st->contract >= 0) contract_run(u, st, 0);
    else if (u->env->m->rules[st->rule].tender) tender_run(u, st, st->has_tuple);
    more &= !u->broken && (st->contract >= 0 || (u->env->m->rules[st->rule].tender && !st->has_tuple));
    u->broken |= broken;
    if (st->contract >= 0) return more ? contract_run(u, st, 1) : 0;
    if (u->env->m->rules[st->rule].tender) return more ? tender_run(u, st, 1) : 0;
    if (!st->has_tuple) {
        show_all(u, st->rule, 0);
        return 0;
    }
    int v = query_tuple(u->q, st->rule, st->tuple);
    if (v < 0) return run_runtime(u), 0;
    evaluator *e = query_ev(u->q, st->rule);
    show_row row = {st->tuple, v, e->ru->score ? e->r[e->ru->nf] : 0, e->r};
    report_show_one(&u->r, st->rule, &row);
    if (u->opt->explain) explain(u, e, v, 0);
    return 0;
}

/* ---- a tuple's story over the timeline ---- */

typedef struct story_out {
    runner *u;
    const story *s;
} story_out;

static void story_step_out(void *ctx, const story_step *st)
{
    story_out *o = ctx;
    report_story_step(&o->u->r, o->s, st);
}

/* Is st a tuple's story: explain R(a, b) from D1 to D2, or why R(a, b)
 * of a partnership on a timeline (with the run's journal)? */
static int is_story(const runner *u, const stmt *st)
{
    if (st->span) return 1;
    return st->why && st->has_tuple && st->contract < 0 && !u->env->m->rules[st->rule].tender && u->q0.tl &&
           u->q0.tl->journal;
}

/* explain R(a, b) from D1 to D2: the steps at which what the tuple reads
 * changed; why R(a, b) [at D]: its verdict's last change (story.h).  Both
 * read any step through the last one's query. */
static int run_story(runner *u, const stmt *st)
{
    story s;
    u->q = &u->q0;
    u->r.w = u->q0.w;
    story_init(&s, &u->q0, st->rule, st->tuple);
    if (!st->span) {
        if (story_why_at(&s, st->step >= 0 ? st->step : u->q0.tl->nsteps - 1) < 0) run_runtime(u);
        else report_story_why(&u->r, &s);
    } else if (story_start(&s, st->from) < 0)
        run_runtime(u);
    else {
        story_out o = {u, &s};
        report_story_begin(&u->r, &s, st->from, st->to);
        if (story_span(&s, st->from, st->to, story_step_out, &o) < 0) {
            report_story_abort(&u->r, u->q->err_kind == QUERY_INTERRUPTED ? "interrupted"
                                      : u->q->err_agg ? "an aggregate over nothing" : "division by zero");
            run_runtime(u);
        } else
            report_story_end(&u->r, &s, st->from, st->to);
    }
    story_free(&s);
    return 0;
}

int run_explain(runner *u, const stmt *st)
{
    if (is_story(u, st)) return run_story(u, st);
    if (st->contract >= 0) return contract_run(u, st, 1);
    if (u->env->m->rules[st->rule].tender) return tender_run(u, st, 1);
    if (!st->has_tuple) {
        show_all(u, st->rule, 1);
        return 0;
    }
    int v = query_tuple(u->q, st->rule, st->tuple);
    if (v < 0) return run_runtime(u), 0;
    explain(u, query_ev(u->q, st->rule), v, 0);
    return 0;
}

/* An analysis of the declared world (event Shapley values, a flip) that
 * stopped or failed: said at loc (line 0: at the statement). */
static void analysis_failed(runner *u, const stmt *st, int stopped, coop_loc loc, const char *msg)
{
    if (stopped) {
        diag_at(u->d, u->env->src, st->loc, COOP_ERROR, "interrupted");
        u->interrupted = 1;
    } else
        diag_at(u->d, u->env->src, loc.line ? loc : st->loc, COOP_ERROR, "%s", msg ? msg : "runtime error");
    u->broken = 1;
}

/* `dominance R(a, b) at D by events`: evshap.h, from the declared world. */
static void event_dominance(runner *u, const stmt *st)
{
    evshap_result x;
    const coop_world *w0 = u->q0.tl ? u->q0.tl->w0 : u->env->w;
    if (evshap_events(&x, u->env->m, w0, st->rule, st->tuple, st->step, u->q0.seed, u->opt->interrupt) < 0)
        analysis_failed(u, st, x.stopped, x.err_loc, x.err_msg);
    else
        report_event_dominance(&u->r, st->rule, st->tuple, &x);
    evshap_free(&x);
}

/* `dominance R` as CSV: every tuple's Shapley values, as `dominance R(a,
 * b)` gives them, within the budget of the rule's importance. */
typedef struct dom_ctx {
    runner *u;
    shapley_of of;
} dom_ctx;

static int dominance_one(evaluator *e, int v, void *ctx)
{
    dom_ctx *c = ctx;
    dominance_result d;
    if (v < 0 || result_dominance_of(c->u->q, e, v, c->of, &d) < 0) return 1;
    report_dominance(&c->u->r, &d);
    return 0;
}

static void dominance_rows(runner *u, const stmt *st)
{
    if (query_ready(u->q, st->rule) < 0 || query_affordable(u->q, st->rule, st->of) < 0) {
        run_runtime(u);
        return;
    }
    report_dominance_begin(&u->r, st->rule);
    dom_ctx c = {u, st->of};
    evaluator *e = query_ev(u->q, st->rule);
    if (ev_foreach(e, dominance_one, &c)) {
        if (!u->q->err) query_runtime_error(u->q, e, 0);
        run_runtime(u);
    }
}

int run_dominance(runner *u, const stmt *st)
{
    if (st->by_events) {
        event_dominance(u, st);
        return 0;
    }
    if (!st->has_tuple && u->env->m->rules[st->rule].tender) {
        tender_dominance(u, st);
        return 0;
    }
    if (st->has_tuple) {
        dominance_result dr;
        if (result_dominance(u->q, st->rule, st->tuple, st->of, &dr) < 0) run_runtime(u);
        else {
            report_dominance_begin(&u->r, st->rule);
            report_dominance(&u->r, &dr);
        }
        return 0;
    }
    if (u->r.as_csv) {
        dominance_rows(u, st);
        return 0;
    }
    const rule_importance *imp = query_importance(u->q, st->rule, st->of);
    if (!imp) run_runtime(u);
    else report_importance(&u->r, st->rule, imp);
    return 0;
}

/* `flip R(a, b) [to ...] [by ...]`: flip.h, from the declared world (on a
 * timeline, its last step's verdict). */
int run_flip(runner *u, const stmt *st)
{
    flip_result x;
    const coop_world *w0 = u->q0.tl ? u->q0.tl->w0 : u->env->w;
    if (flip_find(&x, u->env->m, w0, st->rule, st->tuple, st->flip_to, st->pick, st->npick, u->q0.seed,
                  u->opt->interrupt) < 0)
        analysis_failed(u, st, x.stopped, x.err_loc, x.err_msg);
    else
        report_flip(&u->r, &x);
    flip_free(&x);
    return 0;
}

/* ---- values and expectations ---- */

/* Evaluates expression x of statement st into v; 0, or -1 after reporting
 * a runtime error. */
int run_value_in(runner *u, const stmt *st, const rexpr *x, value_result *v)
{
    evaluator none;
    ev_statement(&none, u->env->m, u->env->w, u->q->stop);
    memset(v, 0, sizeof *v);
    v->type = x->type;
    const rexpr *y = x->k == R_AT ? x->sub[0] : x; /* a verdict at a step: its score there */
    v->rule = y->k == R_VERDICT || x->type == T_FACTOR ? y->rule : -1;
    if (x->type == T_SET) { /* a set's members are not a number */
        v->bits = query_set(u->q, x, &v->nwords);
        if (v->bits) return 0;
        return run_runtime(u);
    }
    ev_fault err = {0, NULL, NULL};
    v->num = ev_expr(&none, x, query_leaf, u->q, &err);
    if (!err.kind) {
        if (y->k == R_VERDICT && u->env->m->rules[y->rule].score) {
            v->has_score = 1;
            v->score = query_ev(x == y ? u->q : query_at(u->q, x->index), y->rule)->r[u->env->m->rules[y->rule].nf];
        }
        return 0;
    }
    if (u->q->err) run_runtime(u);
    else if (err.kind == EV_STOPPED) {
        diag_at(u->d, u->env->src, st->loc, COOP_ERROR, "interrupted");
        u->interrupted = u->broken = 1;
    } else {
        char *msg = report_runtime(u->env->m, err.agg, 0, -1, -1, NULL,
                                   st->k == S_EXPECT ? "this expectation" : "this expression");
        diag_at(u->d, u->env->src, err.agg ? err.agg->src->src->loc : st->loc, COOP_ERROR, "%s", msg);
        free(msg);
        u->broken = 1;
    }
    return -1;
}

/* Value x of statement st as text, into f (a step's run tells which step
 * decided it): 0, or -1 after a runtime error. */
static int value_text(runner *u, const stmt *st, const rexpr *x, FILE *f)
{
    value_result v;
    if (run_value_in(u, st, x, &v) < 0) return -1;
    report_value_text(f, u->env->m, u->env->w, &v);
    if (x->k == R_OVER) { /* which step decided it */
        char day[32];
        int k = u->q->over_at;
        if (k >= 0) tl_step_text(u->env->m, k, day, sizeof day);
        if (x->op == OP_AND)
            fprintf(f, k >= 0 ? " (it fails at %s)" : " (it holds at every step)", day);
        else
            fprintf(f, k >= 0 ? " (it holds at %s)" : " (it holds at no step)", day);
    }
    return 0;
}

/* What an expectation found, as text: for a comparison or ~= of two
 * computed sides, both, around its operator ("0.31 < 0.25"); with a
 * constant on one side, the other side's value (`score(...) >= 0.45`,
 * `0.45 <= score(...)`, `f == dominant(...)`: what was found is the side
 * that was computed); the operand of not; otherwise the whole
 * expression's value.  A condition of constants alone shows its left
 * side's value. */
static void got_text(runner *u, const stmt *st, char *buf, size_t n)
{
    const rexpr *x = st->e->folded ? st->e->folded : st->e, *subj = x, *other = NULL;
    int cmp = (x->k == R_BIN && x->op >= OP_LT && x->op <= OP_NE) || x->k == R_APPROX;
    if (cmp || x->k == R_NOT) subj = x->sub[0];
    int const0 = cmp && (subj->k == R_CONST || subj->k == R_SETCONST),
        const1 = cmp && (x->sub[1]->k == R_CONST || x->sub[1]->k == R_SETCONST);
    if (const0 && !const1) subj = x->sub[1];
    else if (cmp && !const0 && !const1) other = x->sub[1];
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    int rc = value_text(u, st, subj, f);
    if (rc == 0 && other) {
        fprintf(f, " %s ", x->k == R_APPROX ? "~=" : ast_op_text(x->op));
        rc = value_text(u, st, other, f);
    }
    fclose(f);
    snprintf(buf, n, "%s", rc < 0 ? "an error" : t);
    free(t);
}

/* The first contract that x reads in a statement (R_CONTRACT_Q) and that
 * is void in the query's world, or -1. */
static int void_read(runner *u, const rexpr *x)
{
    if (x->k == R_CONTRACT_Q) {
        const contract_row *row = query_contract_row(u->q, x->rule);
        if (row && !contract_failed(row) && row->supplier < 0) return x->rule;
    }
    for (int i = 0; i < x->nsub; i++) {
        int c = void_read(u, x->sub[i]);
        if (c >= 0) return c;
    }
    return -1;
}

/* A failed expectation that reads a void contract says why it is void,
 * after what it got: a contract by award whose tender has no winner binds
 * neither side, so none of its obligations is met or violated. */
static void void_why(runner *u, const stmt *st, char *got, size_t n)
{
    int c = void_read(u, st->e);
    const model *m = u->env->m;
    const contract_info *ci = c >= 0 ? &m->contracts[c] : NULL;
    if (!ci || ci->tender < 0) return; /* only an award's is void */
    const tender_result *t = query_tender(u->q, ci->tender); /* decided: the contract was */
    static const char *const how[] = {"is awarded", "is unsuccessful", "is tied, with no winner", "has no bids"};
    size_t len = strlen(got);
    snprintf(got + len, n - len, " (contract '%s' is void: tender '%s' %s, so it binds neither side)", ci->name,
             m->rules[ci->tender].name, how[t ? t->status : TS_UNSUCCESSFUL]);
}

/* How many flip queries x reads; the first whose answer is 0 because the
 * tuple has the verdict asked for already (query_flip_already) into *first. */
static int flips_read(runner *u, const rexpr *x, const rexpr **first)
{
    int n = x->k == R_FLIP_COUNT || x->k == R_FLIP_COST || x->k == R_FLIPPABLE;
    if (!*first && query_flip_already(u->q, x) >= 0) *first = x;
    for (int i = 0; i < x->nsub; i++) n += flips_read(u, x->sub[i], first);
    return n;
}

/* A failed expectation whose flip_count or flip_cost is 0 because the
 * tuple has the verdict asked for already says so after what it got: "(it
 * forms already)"; naming the tuple when the expectation reads several. */
static void already_why(runner *u, const stmt *st, char *got, size_t n)
{
    const rexpr *first = NULL;
    int nflip = flips_read(u, st->e->folded ? st->e->folded : st->e, &first);
    if (!first) return;
    const model *m = u->env->m;
    const rule_info *ru = &m->rules[first->rule];
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    if (nflip > 1) report_tuple(f, m, first->rule, first->args);
    else fputs(ru->tender ? "the bid" : "it", f);
    fprintf(f, " %s%s already", ru->tender ? "is " : "", report_verdict(ru, query_flip_already(u->q, first)));
    fclose(f);
    size_t l = strlen(got);
    snprintf(got + l, n - l, " (%s)", t);
    free(t);
}

/* A note at each Shapley query in x of a verdict whose values are all 0
 * (they divide nothing), with what to do; with `ties`, at each dominant()
 * whose factor ties with others, broken by declaration order. */
static void shapley_notes(runner *u, const rexpr *x, int ties)
{
    for (int i = 0; i < x->nsub; i++) shapley_notes(u, x->sub[i], ties);
    if (x->k != R_SHAPLEY && x->k != R_DOMINANT_T && x->k != R_IMPORTANCE && x->k != R_DOMINANT_R) return;
    const model *m = u->env->m;
    const rule_info *ru = &m->rules[x->rule];
    double phi[COOP_MAX_FACTORS];
    if (query_values(u->q, x, phi) < 0) return;
    char tie[512];
    int dom = query_dominant(phi, ru->nf);
    if (ties && (x->k == R_DOMINANT_T || x->k == R_DOMINANT_R) && *report_tied(ru, phi, dom, tie, sizeof tie))
        diag_at(u->d, u->env->src, x->src->loc, COOP_NOTE, "dominant() is %s%s, equal %s up to rounding: it names the "
                "first declared", ru->f[dom].name, tie, x->k == R_DOMINANT_T ? "|shapley|" : "importance");
    int tuple = x->k == R_SHAPLEY || x->k == R_DOMINANT_T;
    if (x->of != OF_VERDICT || !query_flat(phi, ru->nf) || (!tuple && !query_importance(u->q, x->rule, x->of)->total))
        return; /* (a rule without tuples has nothing to divide either) */
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    if (tuple) {
        fputs("every Shapley value of the verdict of ", f);
        report_tuple(f, m, x->rule, x->args);
        fprintf(f, " is 0: with every factor at its baseline it %s",
                query_tuple(u->q, x->rule, x->args) ? "forms too" : "does not form either");
    } else
        fprintf(f, "every Shapley value of the verdicts of %s is 0: each tuple's verdict is its verdict with every "
                   "factor at its baseline", ru->name);
    fclose(f);
    diag_at(u->d, u->env->src, x->src->loc, COOP_NOTE, "%s, so the values divide nothing; %s", t, report_flat_hint);
    free(t);
}

/* `dominant(...) == f` (or !=) whose outcome rests on a tie for the
 * largest value, broken by declaration order: a warning when it passed,
 * the tie said after what it got when it failed. */
/* `expect decisive(R(a, b) at D) == E` (or !=) where E's share of the
 * verdict equals the decisive event's: it holds or fails through a tie,
 * broken by the events' names; said as dominant()'s ties are. */
static void event_tie_check(runner *u, const stmt *st, const rexpr *q, const rexpr *f, int passed, char *got,
                            size_t n)
{
    const evshap_result *r = query_event_values(u->q, q);
    if (!r || r->decisive < 0) return;
    const model *m = u->env->m;
    double best = fabs(r->phi[OF_VERDICT][r->decisive]);
    int named = evshap_player(r, (int)f->num), nt = 0;
    char ties[512] = "";
    size_t len = 0;
    for (int i = 0; i < r->n; i++)
        if (i != r->decisive && !query_more(best, fabs(r->phi[OF_VERDICT][i])) && len < sizeof ties) {
            len += (size_t)snprintf(ties + len, sizeof ties - len, "%s%s", nt++ ? ", " : "", m->events[r->player[i]].name);
        }
    if (!nt || named < 0 || query_more(best, fabs(r->phi[OF_VERDICT][named]))) return;
    const char *dec = m->events[r->player[r->decisive]].name;
    if (passed)
        diag_at(u->d, u->env->src, st->loc, COOP_WARNING, "this holds only through a tie: decisive() is %s, equal with "
                "%s up to rounding, and names the first by name", dec, ties);
    else {
        arena tmp; /* the tie can be as long as got: cut to fit, never the format's business */
        arena_init(&tmp);
        const char *said = arena_printf(&tmp, " (equal with %s up to rounding; decisive() names the first by name)", ties);
        size_t l = strlen(got);
        snprintf(got + l, n - l, "%s", said);
        arena_free(&tmp);
    }
}

static void tie_check(runner *u, const stmt *st, int passed, char *got, size_t n)
{
    const rexpr *x = st->e->folded ? st->e->folded : st->e;
    if (x->k != R_BIN || (x->op != OP_EQ && x->op != OP_NE)) return;
    for (int s = 0; s < 2; s++)
        if (x->sub[s]->k == R_DECISIVE && x->sub[1 - s]->k == R_CONST) {
            event_tie_check(u, st, x->sub[s], x->sub[1 - s], passed, got, n);
            return;
        }
    const rexpr *q = x->sub[0], *f = x->sub[1];
    if (q->k != R_DOMINANT_T && q->k != R_DOMINANT_R) { q = x->sub[1]; f = x->sub[0]; }
    if ((q->k != R_DOMINANT_T && q->k != R_DOMINANT_R) || f->k != R_CONST) return;
    const rule_info *ru = &u->env->m->rules[q->rule];
    double phi[COOP_MAX_FACTORS];
    if (query_values(u->q, q, phi) < 0) return;
    int dom = query_dominant(phi, ru->nf), tied[COOP_MAX_FACTORS], nt = query_ties(phi, ru->nf, dom, tied), in = dom == f->num;
    for (int i = 0; i < nt; i++) in |= tied[i] == f->num;
    if (!nt || !in) return;
    char ties[512];
    report_tied(ru, phi, dom, ties, sizeof ties);
    const char *what = q->k == R_DOMINANT_T ? "|shapley|" : "importance";
    if (passed)
        diag_at(u->d, u->env->src, st->loc, COOP_WARNING, "this holds only through a tie: dominant() is %s%s, equal "
                "%s up to rounding, and names the first declared; declared in another order, the factors would give "
                "another answer", ru->f[dom].name, ties, what);
    else {
        arena tmp; /* the tie can be as long as got: cut to fit, never the format's business */
        arena_init(&tmp);
        const char *said = arena_printf(&tmp, " (%s up to rounding; dominant() names the first declared)", ties + 2);
        size_t len = strlen(got);
        snprintf(got + len, n - len, "%s", said);
        arena_free(&tmp);
    }
}

int run_decide_expect(runner *u, const stmt *st, char *got, size_t n)
{
    value_result v;
    *got = 0;
    if (run_value_in(u, st, st->e, &v) < 0) {
        if (u->interrupted) return -1; /* not decided, and the run ends */
        /* a runtime error decides nothing: the expectation fails */
        snprintf(got, n, "a runtime error");
        v.num = 0;
    } else {
        got_text(u, st, got, n); /* what it found, passed or not */
        if (v.num == 0) {
            void_why(u, st, got, n);
            already_why(u, st, got, n);
            if (!u->quiet) shapley_notes(u, st->e, 0);
        }
    }
    if (!u->q->err && !u->quiet) tie_check(u, st, v.num != 0, got, n);
    return v.num != 0;
}

void run_expect_done(runner *u, const stmt *st, const char *with, int passed, const char *got)
{
    arena tmp;
    arena_init(&tmp);
    coop_loc where;
    const char *file = source_where(u->env->src, st->loc, &where);
    const char *text = ast_text(&tmp, st->e->src);
    if (with) text = arena_printf(&tmp, "%s with %s", text, with);
    coop_expect_result res = {file, where, text, passed, got};
    if (u->r.out) report_expect(&u->r, &res);
    if (u->opt->on_expect) u->opt->on_expect(u->opt->ctx, &res);
    arena_free(&tmp);
}

int run_expect(runner *u, const stmt *st)
{
    char got[512];
    int passed = run_decide_expect(u, st, got, sizeof got);
    if (passed < 0) return 0;
    run_expect_done(u, st, NULL, passed, got);
    return !passed;
}

int run_value(runner *u, const stmt *st)
{
    value_result v;
    if (run_value_in(u, st, st->e, &v) < 0 || !u->r.out) return 0;
    shapley_notes(u, st->e, 1);
    arena tmp;
    arena_init(&tmp);
    report_value(&u->r, ast_text(&tmp, st->e->src), &v);
    arena_free(&tmp);
    return 0;
}

/* Is statement st one CSV does not hold (--format csv: the tables of show
 * R and dominance R of a partnership, of show R by PERIOD, show world(a)
 * and show params, and of a sweep; expect, which prints nothing)?  Then it is
 * skipped, with a warning at it: what is piped to a file stays the
 * tables, whole, and the run does not fail for it. */
static int csv_skipped(runner *u, const stmt *st)
{
    if (!u->r.as_csv || st->k == S_EXPECT || st->k == S_SWEEP ||
        (st->k == S_SHOW && (st->by >= 0 || st->world >= 0 || st->params)))
        return 0; /* (a sweep: a table of a value, or its points' expectations as coop test's) */
    int partnership = st->contract < 0 && st->rule >= 0 && !u->env->m->rules[st->rule].tender;
    if (partnership && (st->k == S_SHOW || (st->k == S_DOMINANCE && !st->by_events))) return 0;
    diag_at(u->d, u->env->src, st->loc, COOP_WARNING, "skipped: this %s has no table in CSV, which holds those of "
            "'show R' and 'dominance R' of a partnership, 'show R by PERIOD', 'show world(a)', 'show params' and "
            "'sweep'; run it with --format text or json", st->why ? "why" : decl_class_of(st->k)->noun);
    return 1;
}

/* ---- runs ---- */

void run_init(runner *u, const run_env *env, const coop_options *opt, coop_diags *d)
{
    memset(u, 0, sizeof *u);
    u->env = u->env0 = env;
    u->opt = opt;
    u->d = d;
    query_init(&u->q0, env->m, env->w, opt->seed);
    u->q0.stop = opt->interrupt;
    u->q = &u->q0;
    u->r.out = opt->out;
    u->r.as_json = opt->format == COOP_FORMAT_JSON;
    u->r.as_csv = opt->format == COOP_FORMAT_CSV;
    u->r.m = env->m;
    u->r.w = env->w;
}

/* (runner.h) */
int run_timeline(const run_env *env, const stmt *v, int n, const coop_options *opt, coop_diags *d, tl_run *tl,
                 run_env *at, tl_run **run)
{
    *at = *env;
    memset(tl, 0, sizeof *tl);
    *run = NULL;
    if (!env->m->timeline || env->declared) return 0;
    int journal = env->journal;
    for (int i = 0; i < n; i++) journal |= v[i].past;
    if (tl_cache_run(env->cache, env->model_id, env->m, env->w, journal, opt->interrupt, tl, run) < 0) {
        if ((*run)->stopped) /* at the first statement waiting for the run */
            diag_at(d, env->src, n > 0 ? v[0].loc : env->m->timeline->loc, COOP_ERROR, "interrupted");
        else diag_at(d, env->src, (*run)->err_loc, COOP_ERROR, "%s", (*run)->err_msg);
        return -1;
    }
    at->w = tl_world_at(*run, (*run)->nsteps - 1);
    return 0;
}

int run_value_of(const run_env *env0, const stmt *st, uint64_t seed, coop_diags *d, double *v)
{
    coop_options none = {0};
    none.seed = seed;
    tl_run tl, *run;
    run_env at, *env = &at;
    if (run_timeline(env0, st, 1, &none, d, &tl, &at, &run) < 0) {
        tl_free(&tl);
        return -1;
    }
    runner u;
    run_init(&u, env, &none, d);
    u.q0.tl = run;
    u.cur = st;
    value_result x;
    int rc = run_value_in(&u, st, st->e, &x);
    *v = x.num;
    query_free(&u.q0);
    tl_free(&tl);
    return rc;
}

int run_statements(const run_env *env0, const stmt *v, int n, const coop_options *opt, coop_diags *d)
{
    tl_run tl, *run;
    run_env at, *env = &at;
    if (run_timeline(env0, v, n, opt, d, &tl, &at, &run) < 0) {
        tl_free(&tl);
        return -1;
    }
    runner u;
    run_init(&u, env, opt, d);
    u.env0 = env0;
    u.q0.tl = run;
    int failed = 0;
    for (int i = 0; i < n && !u.interrupted; i++) {
        const stmt *st = &v[i];
        /* show, explain and dominance only print: not for coop test, nor
         * with nowhere to print */
        int decides = st->k == S_EXPECT || st->k == S_VALUE || (st->k == S_SWEEP && st->sweep->st->k == S_EXPECT);
        if (!decides && (opt->expect_only || !opt->out)) continue;
        u.cur = st;
        if (csv_skipped(&u, st)) continue;
        u.q = st->step >= 0 ? query_at(&u.q0, st->step) : &u.q0; /* `at DATE` */
        u.r.w = u.q->w;
        char day[32];
        u.r.at = st->step >= 0 ? tl_step_text(env->m, st->step, day, sizeof day) : NULL;
        failed += decl_class_of(st->k)->run(&u, st);
    }
    query_free(&u.q0);
    tl_free(&tl);
    return u.broken ? -1 : failed;
}
