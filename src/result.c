/*
 * result.c - the analyses' results worked out as data: a verdict's trace,
 * a tuple's Shapley values, and the differences between two worlds, found
 * by evaluating only the tuples that read what differs.
 */
#include "result.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linear.h"
#include "obligation.h"
#include "timeline.h"

/* ---- explain ---- */

/* The terms of a sum: ((t1 + t2) - t3) gives +t1, +t2, -t3. */
static int terms(const rexpr *x, const rexpr **t, int *sign, int n, int max, int s)
{
    if (x->k == R_BIN && (x->op == OP_ADD || x->op == OP_SUB) && n < max - 1) {
        n = terms(x->sub[0], t, sign, n, max, s);
        t[n] = x->sub[1];
        sign[n] = x->op == OP_SUB ? -s : s;
        return n + 1;
    }
    t[n] = x;
    sign[n] = s;
    return n + 1;
}

/* The clauses of a condition: a and b and c, or a or b or c. */
static int clauses(const rexpr *x, binop op, const rexpr **c, int n, int max)
{
    if (x->k == R_BIN && x->op == op && n < max - 1) {
        n = clauses(x->sub[0], op, c, n, max);
        c[n] = x->sub[1];
        return n + 1;
    }
    c[n] = x;
    return n + 1;
}

/* Is x a weighted term, k * v or v * k with k a constant or read from
 * the model's parameters (its value in e's world)? */
static int weighted(const evaluator *e, const rexpr *x, double *k, const rexpr **v)
{
    if (rx_weighted(x, k, v)) return 1;
    if (x->k != R_BIN || x->op != OP_MUL) return 0;
    int i = linear_coef(x->sub[0]) ? 0 : linear_coef(x->sub[1]) ? 1 : -1;
    if (i < 0) return 0;
    ev_fault err = {0, NULL, NULL}; /* the tuple was decided: no error */
    *k = ev_expr(e, x->sub[i], NULL, NULL, &err);
    *v = x->sub[1 - i];
    return 1;
}

/* The score's terms, each with its weight, value and contribution. */
static void explain_terms(const evaluator *e, explain_result *x)
{
    const rule_info *ru = e->ru;
    if (!ru->score) return;
    const rexpr *t[RESULT_MAX_TERMS];
    int sg[RESULT_MAX_TERMS];
    ev_fault err = {0, NULL, NULL}; /* the tuple was decided: the tree meets no error */
    x->nterms = terms(ru->score, t, sg, 0, RESULT_MAX_TERMS, 1);
    x->terms = arena_alloc(&x->mem, (size_t)x->nterms * sizeof *x->terms);
    for (int i = 0; i < x->nterms; i++) {
        explain_term *tm = &x->terms[i];
        double k = 1;
        const rexpr *v = t[i];
        tm->weighted = weighted(e, t[i], &k, &v) || t[i]->k == R_FACTOR; /* a bare factor weighs 1 */
        double val = ev_expr(e, t[i], NULL, NULL, &err);
        tm->text = ast_text(&x->mem, t[i]->src);
        tm->sign = sg[i];
        tm->weight = sg[i] * k;
        tm->factor = tm->weighted && v->k == R_FACTOR ? v->index : -1;
        tm->value = tm->weighted ? ev_expr(e, v, NULL, NULL, &err) : val;
        tm->contribution = sg[i] * val;
    }
}

/* Condition c in e's tuple: its text, whether it holds, and for a
 * comparison both sides' values. */
static void clause_of(const evaluator *e, const rexpr *c, arena *mem, explain_clause *cl)
{
    ev_fault err = {0, NULL, NULL};
    cl->text = ast_text(mem, c->src);
    cl->holds = ev_expr(e, c, NULL, NULL, &err) != 0;
    cl->compares = c->k == R_BIN && c->op >= OP_LT && c->op <= OP_NE;
    if (!cl->compares) return;
    cl->op = c->op;
    cl->left = ev_expr(e, c->sub[0], NULL, NULL, &err);
    cl->right = ev_expr(e, c->sub[1], NULL, NULL, &err);
}

/* The clauses of forms when, each with whether it holds. */
static void explain_clauses(const evaluator *e, explain_result *x)
{
    const rule_info *ru = e->ru;
    const rexpr *c[RESULT_MAX_TERMS];
    int n = clauses(ru->forms, OP_AND, c, 0, RESULT_MAX_TERMS);
    if (ru->tender) /* a tender's clauses are its requirements, each whole */
        for (n = 0; n < ru->tender->nreq; n++) c[n] = ru->tender->req[n].cond;
    else if (n == 1) {
        n = clauses(ru->forms, OP_OR, c, 0, RESULT_MAX_TERMS);
        x->any = n > 1;
    }
    x->nclauses = n;
    x->clauses = arena_alloc(&x->mem, (size_t)n * sizeof *x->clauses);
    for (int i = 0; i < n; i++) clause_of(e, c[i], &x->mem, &x->clauses[i]);
}

void result_explain(const evaluator *e, int verdict, explain_result *x)
{
    const rule_info *ru = e->ru;
    memset(x, 0, sizeof *x);
    arena_init(&x->mem);
    x->rule = e->rule;
    memcpy(x->tuple, e->tuple, sizeof x->tuple);
    x->verdict = verdict;
    x->score = ru->score ? e->r[ru->nf] : 0;
    for (int i = 0; i < ru->nf; i++) {
        x->own[i] = e->own[i];
        x->effective[i] = e->r[i];
    }
    x->added = arena_alloc(&x->mem, ((size_t)ru->ne + 1) * sizeof *x->added);
    x->weight = arena_alloc(&x->mem, ((size_t)ru->ne + 1) * sizeof *x->weight);
    for (int k = 0; k < ru->ne; k++) {
        x->weight[k] = e->ew[k];
        x->added[k] = e->ew[k] * e->r[ru->e[k].from];
    }
    x->nparams = ru->deps.npread;
    x->params = ru->deps.pread;
    x->pvalues = arena_alloc(&x->mem, ((size_t)x->nparams + 1) * sizeof *x->pvalues);
    for (int i = 0; i < x->nparams; i++) x->pvalues[i] = e->w->param[x->params[i]];
    explain_terms(e, x);
    explain_clauses(e, x);
}

void result_explain_free(explain_result *x) { arena_free(&x->mem); }

/* ---- contracts ---- */

int result_contract(query *q, int c, contract_result *x)
{
    const model *m = q->m;
    const contract_info *ci = &m->contracts[c];
    memset(x, 0, sizeof *x);
    arena_init(&x->mem);
    x->contract = c;
    x->tender_status = -1;
    if (!query_contract(q, c)) return -1;
    const contracts *cs = &q->cs; /* (a renewal reads its own row) */
    if (ci->tender >= 0) {
        const tender_result *t = query_tender(q, ci->tender);
        if (!t) return -1;
        x->tender_status = t->status;
    }
    x->row = cs->c[c];
    x->obl = arena_alloc(&x->mem, ((size_t)ci->nobl + 1) * sizeof *x->obl);
    if (x->row.supplier < 0) return 0; /* void: no condition is read */
    int k;
    const obl_history *h = ci->ndated ? query_history(q, &k) : NULL; /* decided: it was kept */
    if (h) {
        x->oh = h;
        x->step = k;
        x->due = arena_alloc(&x->mem, ((size_t)ci->nobl + 1) * sizeof *x->due);
        for (int o = 0; o < ci->nobl; o++)
            if (ci->obl[o].due != DUE_NONE) obl_state_at(h, m, c, o, k, &x->due[o]);
    }
    evaluator e;
    contract_evaluator(&e, m, q->w, c, x->row.supplier, cs);
    if (ci->monitor) clause_of(&e, ci->monitor, &x->mem, &x->monitor);
    for (int o = 0; o < ci->nobl; o++) clause_of(&e, ci->obl[o].cond, &x->mem, &x->obl[o]);
    if (ci->renew) clause_of(&e, ci->renew, &x->mem, &x->renew);
    return 0;
}

void result_contract_free(contract_result *x) { arena_free(&x->mem); }

int result_contracts_diff(const model *m, const coop_world *a, const coop_world *b, const volatile sig_atomic_t *stop,
                          contracts_diff *d)
{
    return result_contracts_diff_at(m, a, NULL, b, NULL, stop, d);
}

int result_contracts_diff_at(const model *m, const coop_world *a, struct tl_run *ra, const coop_world *b,
                             struct tl_run *rb, const volatile sig_atomic_t *stop, contracts_diff *d)
{
    memset(d, 0, sizeof *d);
    const coop_world *w[2] = {a, b};
    struct tl_run *run[2] = {ra, rb};
    int rc = 0;
    for (int i = 0; i < 2 && rc == 0; i++) {
        obl_history h, *hp = NULL;
        if (run[i] && obligations_dated(m)) {
            int got = obl_history_run(&h, m, run[i], stop);
            if (got == -1) return -1; /* stopped */
            if (got == 0) hp = &h;    /* (-2, no journal: the caller keeps one when m has dated obligations) */
        }
        rc = contracts_decide_at(m, w[i], stop, hp, hp ? run[i]->nsteps - 1 : -1, &d->c[i]) < 0 ? -1 : 0;
        if (hp) obl_history_free(hp);
    }
    return rc;
}

void result_contracts_diff_free(contracts_diff *d)
{
    contracts_free(&d->c[0]);
    contracts_free(&d->c[1]);
}

/* ---- dominance ---- */

int result_dominance(query *q, int rule, const int *tuple, shapley_of of, dominance_result *d)
{
    memset(d, 0, sizeof *d);
    int v = query_scored(q, rule, tuple);
    return v < 0 ? -1 : result_dominance_of(q, query_ev(q, rule), v, of, d);
}

int result_dominance_of(query *q, evaluator *e, int v, shapley_of of, dominance_result *d)
{
    memset(d, 0, sizeof *d);
    const rule_info *ru = e->ru;
    int k = ru->nf, tuple[COOP_MAX_PARAMS];
    memcpy(tuple, e->tuple, (size_t)ru->np * sizeof *tuple);
    d->rule = e->rule;
    memcpy(d->tuple, tuple, (size_t)ru->np * sizeof *tuple);
    d->verdict = v;
    d->score = ru->score ? e->r[k] : 0;
    d->of = of;
    d->target = of == OF_SCORE ? d->score : v;
    memcpy(d->own, e->own, (size_t)k * sizeof *d->own);
    d->seed = q->seed;
    int rc = ev_shapley(e, of, q->seed, d->phi, d->se);
    if (rc < 0) goto fail;
    memcpy(d->base, e->base, (size_t)k * sizeof *d->base);
    d->exact = rc;
    d->dominant = query_dominant(d->phi, k);
    query_rank(d->phi, k, d->order);
    if (ev_coalition(e, 0, of, &d->base_target) < 0) goto fail;
    uint64_t all = k == 64 ? ~0ull : (1ull << k) - 1;
    for (int i = 0; i < k; i++) {
        double t;
        int w = ev_coalition(e, all & ~(1ull << i), of, &t);
        if (w < 0) goto fail;
        d->pivotal[i] = w != v;
    }
    ev_tuple(e, tuple); /* the tuple's own registers again, for what reads them next */
    return 0;
fail:
    query_runtime_error(q, e, 1);
    memcpy(q->err_tuple, tuple, (size_t)ru->np * sizeof *tuple);
    return -1;
}

/* ---- differences ---- */

typedef VEC(int) intvec;

/* What a rule must evaluate again: every tuple, or the tuples matching
 * some pattern (an actor fixed at some parameters, -1 elsewhere). */
typedef struct rule_work {
    int all;
    intvec pats;      /* np ints a pattern */
    double estimate;  /* tuples the patterns name, at most */
} rule_work;

typedef struct diff_ctx {
    const model *m;
    rule_work *work;
} diff_ctx;

/* Adds pattern `fixed` to rule ri's work, unless no tuple can match it. */
static void add_pattern(diff_ctx *c, int ri, const int *fixed)
{
    const rule_info *ru = &c->m->rules[ri];
    rule_work *w = &c->work[ri];
    double est = 1;
    for (int p = 0; p < ru->np; p++) {
        if (fixed[p] < 0) { est *= ru->ncand[p]; continue; }
        /* of the kind, and a tender's bidder only if it bid */
        if (!rule_cand_has(ru, p, fixed[p])) return;
    }
    if (w->all) return;
    w->estimate += est;
    if (w->estimate >= (double)ru->ntuples) { /* as many as all of them: walk them all, in order */
        w->all = 1;
        return;
    }
    for (int p = 0; p < ru->np; p++) vec_push(w->pats, fixed[p]);
}

static void attr_changed(void *ctx, int at, int ac)
{
    diff_ctx *c = ctx;
    for (int ri = 0; ri < c->m->nrules; ri++) {
        const rule_info *ru = &c->m->rules[ri];
        if (!ru->deps.attr_params) continue; /* not compiled: no tuples are evaluated */
        if (ru->deps.attr_all[at]) c->work[ri].all = 1;
        for (int p = 0; p < ru->np; p++) {
            if (!(ru->deps.attr_params[at] >> p & 1)) continue;
            int fixed[COOP_MAX_PARAMS];
            for (int q = 0; q < ru->np; q++) fixed[q] = -1;
            fixed[p] = ac;
            add_pattern(c, ri, fixed);
        }
    }
}

static void rel_changed(void *ctx, int rel, const int *actors)
{
    diff_ctx *c = ctx;
    int arity = c->m->rels[rel].arity;
    for (int ri = 0; ri < c->m->nrules; ri++) {
        const rule_info *ru = &c->m->rules[ri];
        if (!ru->deps.attr_params) continue;
        if (ru->deps.rel_all[rel]) c->work[ri].all = 1;
        for (int i = 0; i < ru->deps.nrels; i++) {
            const dep_rel *dr = &ru->deps.rels[i];
            if (dr->rel != rel) continue;
            int fixed[COOP_MAX_PARAMS], ok = 1;
            for (int q = 0; q < ru->np; q++) fixed[q] = -1;
            for (int j = 0; j < arity && ok; j++) { /* r(n, n) reads one actor twice */
                int p = dr->params[j];
                if (fixed[p] >= 0 && fixed[p] != actors[j]) ok = 0;
                fixed[p] = actors[j];
            }
            if (ok) add_pattern(c, ri, fixed);
        }
    }
}

/* A parameter moves every tuple of each rule that reads it. */
static void param_changed(void *ctx, int param)
{
    diff_ctx *c = ctx;
    for (int ri = 0; ri < c->m->nrules; ri++) {
        const rule_info *ru = &c->m->rules[ri];
        if (ru->deps.attr_params && ru->deps.params[param]) c->work[ri].all = 1;
    }
}

/* The rule's tuples that match `fixed`, in tuple order, onto out. */
static void matching(const rule_info *ru, const int *fixed, int p, int *t, intvec *out)
{
    if (p == ru->np) {
        for (int q = 0; q < ru->np; q++) vec_push(*out, t[q]);
        return;
    }
    if (fixed[p] >= 0) {
        int a = fixed[p], after = ru->order_after[p];
        if ((after >= 0 && a <= t[after]) || !rule_fresh(p, t, a)) return; /* not the tuple's canonical order */
        t[p] = a;
        matching(ru, fixed, p + 1, t, out);
        return;
    }
    for (int i = rule_first(ru, p, t); i < ru->ncand[p]; i++) {
        int a = ru->cand[p][i];
        if (!rule_fresh(p, t, a)) continue;
        t[p] = a;
        matching(ru, fixed, p + 1, t, out);
    }
}

/* Tuples of np actors, compared in the rule's tuple order. */
static int tuple_cmp(const int *a, const int *b, int np)
{
    for (int i = 0; i < np; i++)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* Sorts the n tuples of v (np ints each) into tuple order: a merge sort,
 * stable, through scratch of the same size (qsort takes no context). */
static void sort_tuples(int *v, size_t n, int np, int *scratch)
{
    size_t w = (size_t)np;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                memcpy(scratch + w * k++, v + w * (tuple_cmp(v + w * i, v + w * j, np) <= 0 ? i++ : j++), w * sizeof *v);
            while (i < mid) memcpy(scratch + w * k++, v + w * i++, w * sizeof *v);
            while (j < hi) memcpy(scratch + w * k++, v + w * j++, w * sizeof *v);
        }
        memcpy(v, scratch, n * w * sizeof *v);
    }
}

/* The tuples the patterns of w name, into ts (np ints each), in tuple
 * order, each once; how many. */
static size_t touched(const rule_info *ru, const rule_work *w, intvec *ts)
{
    int t[COOP_MAX_PARAMS], np = ru->np;
    for (size_t i = 0; i < w->pats.n; i += (size_t)np) matching(ru, w->pats.v + i, 0, t, ts);
    size_t n = ts->n / (size_t)np, k = (size_t)np, kept = 0;
    int *scratch = mem_alloc((ts->n + 1) * sizeof *scratch);
    sort_tuples(ts->v, n, np, scratch);
    free(scratch);
    for (size_t i = 0; i < n; i++) /* one named by two patterns, once */
        if (i == 0 || tuple_cmp(ts->v + (i - 1) * k, ts->v + i * k, np) != 0) {
            if (kept != i) memmove(ts->v + kept * k, ts->v + i * k, k * sizeof *ts->v);
            kept++;
        }
    ts->n = kept * k;
    return kept;
}

typedef VEC(diff_row) diff_rows;

/* One tuple, decided in world a as v (score s0), in world b by eb: a row
 * when its verdict or score differs.  A division by zero on a side is a
 * verdict of its own (-1), and so is every verdict of a rule in a world
 * where a contract it reads could not be decided (b_fails). */
static void compare_one(evaluator *eb, int b_fails, const int *t, int v, double s0, diff_rule *out, diff_rows *rows)
{
    const rule_info *ru = eb->ru;
    int w = b_fails ? -1 : ev_verdict(eb, t);
    double s1 = ru->score && w >= 0 ? eb->r[ru->nf] : 0;
    if (!ru->score || v < 0) s0 = 0;
    out->evaluated++;
    if (v == w && (s0 == s1 || (isnan(s0) && isnan(s1)))) return;
    diff_row r;
    memset(&r, 0, sizeof r);
    memcpy(r.tuple, t, (size_t)ru->np * sizeof *t);
    r.v0 = v;
    r.v1 = w;
    r.s0 = s0;
    r.s1 = s1;
    vec_push(*rows, r);
}

typedef struct all_ctx {
    evaluator *eb;
    int fails[2]; /* a contract the rule reads was not decided in a, in b */
    diff_rule *out;
    diff_rows *rows;
} all_ctx;

static int each_tuple(evaluator *e, int v, void *ctx)
{
    all_ctx *c = ctx;
    compare_one(c->eb, c->fails[1], e->tuple, c->fails[0] ? -1 : v, e->r[e->ru->nf], c->out, c->rows);
    return 0;
}

/* Tender ri decided whole in worlds a and b: its rows the bids whose rank,
 * eligibility, score or failed requirements moved, in the order of b's
 * ranking.  1 when *stop ended it. */
static int diff_tender(const model *m, const coop_world *a, const coop_world *b, int ri, diff_rule *out,
                       const volatile sig_atomic_t *stop)
{
    const coop_world *w[2] = {a, b};
    out->has_award = 1;
    for (int k = 0; k < 2; k++) {
        evaluator e;
        ev_init(&e, m, w[k], ri);
        e.stop = stop;
        out->decided[k] = tender_decide(&e, &out->award[k]) == 0;
        ev_free(&e);
        if (e.stopped) return 1;
    }
    out->evaluated = m->rules[ri].ncand[0];
    if (!out->decided[0] || !out->decided[1]) return 0;
    const tender_result *t0 = &out->award[0], *t1 = &out->award[1];
    diff_rows rows = {0};
    int *order = mem_alloc(((size_t)t1->nbids + 1) * sizeof *order);
    tender_order(t1, order);
    for (int i = 0; i < t1->nbids; i++) {
        const bid_row *x = &t0->bids[order[i]], *y = &t1->bids[order[i]]; /* the same bidders in both */
        int same = x->score == y->score || (isnan(x->score) && isnan(y->score)); /* no value in both */
        if (x->rank == y->rank && x->eligible == y->eligible && same && x->failed == y->failed) continue;
        diff_row r;
        memset(&r, 0, sizeof r);
        r.tuple[0] = y->actor;
        r.tuple[1] = m->rules[ri].tender->buyer;
        r.v0 = x->eligible;
        r.v1 = y->eligible;
        r.s0 = x->score;
        r.s1 = y->score;
        r.r0 = x->rank;
        r.r1 = y->rank;
        r.f0 = x->failed;
        r.f1 = y->failed;
        vec_push(rows, r);
    }
    free(order);
    out->rows = rows.v;
    out->n = rows.n;
    return 0;
}

int result_award_moved(const diff_rule *d)
{
    if (!d->has_award) return 0;
    if (!d->decided[0] || !d->decided[1]) return 1;
    const tender_result *t0 = &d->award[0], *t1 = &d->award[1];
    int w0 = t0->winner < 0 ? -1 : t0->bids[t0->winner].actor, w1 = t1->winner < 0 ? -1 : t1->bids[t1->winner].actor;
    return w0 != w1 || t0->status != t1->status;
}

/* Rule ri's rows: every tuple, or those the patterns name (sorted into
 * tuple order, each once).  1 when *stop ended it. */
static int diff_one(const model *m, const coop_world *a, const coop_world *b, int ri, rule_work *w, diff_rule *out,
                    const contracts_diff *dc, const volatile sig_atomic_t *stop)
{
    const rule_info *ru = &m->rules[ri];
    out->total = ru->ntuples;
    if (!ru->deps.attr_params || (!w->all && !w->pats.n)) return 0;
    if (ru->tender) return diff_tender(m, a, b, ri, out, stop); /* a bid's change may move every bid's rank: all of it */
    evaluator ea, eb;
    ev_init(&ea, m, a, ri);
    ev_init(&eb, m, b, ri);
    ea.cs = &dc->c[0];
    eb.cs = &dc->c[1];
    ea.stop = stop;
    diff_rows rows = {0};
    all_ctx c = {&eb, {0, 0}, out, &rows};
    for (int k = 0; k < 2 && ru->deps.reads_contracts; k++) c.fails[k] = contracts_fault_of(m, &dc->c[k], ri) != NULL;
    if (w->all) {
        ev_foreach_verdicts(&ea, each_tuple, &c);
    } else {
        intvec ts = {0};
        size_t n = touched(ru, w, &ts), k = (size_t)ru->np;
        for (size_t i = 0; i < n && !ev_stop(&ea); i++) {
            const int *ti = ts.v + i * k;
            int v = c.fails[0] ? -1 : ev_verdict(&ea, ti);
            compare_one(&eb, c.fails[1], ti, v, ea.r[ru->nf], out, &rows);
        }
        vec_free(ts);
    }
    out->rows = rows.v;
    out->n = rows.n;
    ev_free(&ea);
    ev_free(&eb);
    return ea.stopped;
}

diff_rule *result_diff(const model *m, const coop_world *a, const coop_world *b, const volatile sig_atomic_t *stop)
{
    diff_rule *d = mem_calloc((size_t)m->nrules + 1, sizeof *d);
    diff_ctx c = {m, mem_calloc((size_t)m->nrules + 1, sizeof *c.work)};
    world_delta fn = {attr_changed, rel_changed, param_changed, &c};
    world_compare(a, b, &fn);
    /* a rule that reads a contract decided otherwise in b is decided again
     * whole (model.h, rule_deps) */
    contracts_diff dc;
    memset(&dc, 0, sizeof dc);
    int reads = 0;
    for (int ri = 0; ri < m->nrules; ri++) reads |= m->rules[ri].deps.reads_contracts;
    int stopped = reads && result_contracts_diff(m, a, b, stop, &dc) < 0;
    for (int ri = 0; ri < m->nrules && reads && !stopped; ri++) {
        const rule_deps *dp = &m->rules[ri].deps;
        for (int ci = 0; dp->reads_contracts && ci < m->ncontracts; ci++)
            if (dp->contracts[ci] && contracts_differ(m, &dc.c[0], &dc.c[1], ci)) c.work[ri].all = 1;
    }
    for (int ri = 0; ri < m->nrules; ri++) {
        if (!stopped) stopped = diff_one(m, a, b, ri, &c.work[ri], &d[ri], &dc, stop);
        vec_free(c.work[ri].pats);
    }
    result_contracts_diff_free(&dc);
    free(c.work);
    if (stopped) {
        result_diff_free(m, d);
        return NULL;
    }
    return d;
}

double result_touched(const model *m, int ri, const event_change *t, int n)
{
    const rule_info *ru = &m->rules[ri];
    if (ru->tender || ru->deps.reads_contracts) return (double)ru->ntuples;
    diff_ctx c = {m, mem_calloc((size_t)m->nrules + 1, sizeof *c.work)};
    for (int i = 0; i < n; i++) {
        if (t[i].is_param) param_changed(&c, t[i].param);
        else if (t[i].is_rel) rel_changed(&c, t[i].rel, t[i].args);
        else if (t[i].attr >= 0) attr_changed(&c, t[i].attr, t[i].actor);
    }
    double moved = c.work[ri].all ? (double)ru->ntuples : c.work[ri].estimate;
    for (int i = 0; i < m->nrules; i++) vec_free(c.work[i].pats);
    free(c.work);
    return moved < (double)ru->ntuples ? moved : (double)ru->ntuples;
}

long result_count_from(const model *m, const coop_world *a, long na, const coop_world *b, int ri,
                       const volatile sig_atomic_t *stop)
{
    const rule_info *ru = &m->rules[ri];
    if (ru->tender || ru->deps.reads_contracts || !ru->deps.attr_params) return -2;
    diff_ctx c = {m, mem_calloc((size_t)m->nrules + 1, sizeof *c.work)};
    world_delta fn = {attr_changed, rel_changed, param_changed, &c};
    world_compare(a, b, &fn);
    rule_work *w = &c.work[ri];
    long nb = -2;
    if (!w->all && 2 * w->estimate < (double)ru->ntuples) {
        evaluator ea, eb;
        ev_init(&ea, m, a, ri);
        ev_init(&eb, m, b, ri);
        ea.stop = eb.stop = stop;
        intvec ts = {0};
        size_t n = touched(ru, w, &ts), k = (size_t)ru->np;
        nb = na;
        for (size_t i = 0; i < n && nb >= 0; i++) {
            int va = ev_verdict(&ea, ts.v + i * k), vb = va < 0 ? -1 : ev_verdict(&eb, ts.v + i * k);
            nb = va < 0 || vb < 0 || ev_stop(&ea) ? -1 : nb + vb - va;
        }
        vec_free(ts);
        ev_free(&ea);
        ev_free(&eb);
    }
    for (int i = 0; i < m->nrules; i++) vec_free(c.work[i].pats);
    free(c.work);
    return nb;
}

void result_diff_free(const model *m, diff_rule *d)
{
    if (!d) return;
    for (int i = 0; i < m->nrules; i++) {
        free(d[i].rows);
        if (d[i].has_award) {
            tender_free(&d[i].award[0]);
            tender_free(&d[i].award[1]);
        }
    }
    free(d);
}
