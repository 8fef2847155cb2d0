/* query.c - cached answers about a script's rules. */
#include "query.h"

#include "evshap.h"
#include "keep.h"
#include "flip.h"
#include "loser.h"
#include "obligation.h"
#include "result.h"
#include "timeline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The last event Shapley values worked out, and of what (query.h). */
struct evshap_memo {
    int rule, step;
    int tuple[COOP_MAX_PARAMS];
    evshap_result r;
};

/* The last flip worked out (flip_count(), flip_cost(), flippable()), of
 * which tuple, to which verdict, in which version of the declared world. */
struct flip_memo {
    int rule, to;
    int tuple[COOP_MAX_PARAMS];
    uint64_t version;
    int found, count;
    double cost;
    int already, before; /* the verdict asked for is the tuple's now, and that verdict */
};

void query_init(query *q, const model *m, const coop_world *w, uint64_t seed)
{
    memset(q, 0, sizeof *q);
    q->m = m;
    q->w = w;
    q->seed = seed ? seed : COOP_SHAPLEY_SEED;
    q->ev = mem_calloc((size_t)m->nrules + 1, sizeof *q->ev);
    q->st = mem_calloc((size_t)m->nrules + 1, sizeof *q->st);
    for (int i = 0; i < m->nrules; i++) {
        q->st[i].count = -1;
        q->st[i].winner = WINNER_UNDECIDED;
    }
    q->cm = mem_calloc((size_t)m->ncontracts + 1, sizeof *q->cm);
    q->err_rule = q->err_contract = -1;
    q->err_step = -1;
    q->over_at = -1;
}

/* Forgets what was worked out of a rule: 1 if anything was. */
static int stats_drop(rule_stats *st)
{
    int held = st->count >= 0 || st->imp[OF_SCORE].have || st->imp[OF_VERDICT].have || st->have_tender || st->failed ||
               st->losers || st->winner != WINNER_UNDECIDED;
    st->count = -1;
    for (int t = 0; t < SHAPLEY_OFS; t++) st->imp[t].have = 0;
    if (st->have_tender) tender_free(&st->tender);
    st->have_tender = 0;
    free(st->failed);
    st->failed = NULL;
    loser_cache_free(st->losers);
    st->losers = NULL;
    st->winner = WINNER_UNDECIDED;
    return held;
}

rule_stats *query_stats(query *q, int rule)
{
    rule_stats *st = &q->st[rule];
    if (st->ver == q->w->version && st->step == q->step) return st;
    const rule_deps *dp = &q->m->rules[rule].deps;
    if (world_changed_since(q->w, dp->cols, dp->ncols, st->ver) || (dp->reads_dated && st->step != q->step))
        q->drops += stats_drop(st);
    st->ver = q->w->version;
    st->step = q->step;
    return st;
}

void query_free(query *q)
{
    for (int i = 0; i < q->m->nrules; i++) {
        ev_free(&q->ev[i]);
        stats_drop(&q->st[i]);
        for (int t = 0; t < SHAPLEY_OFS; t++) {
            free(q->st[i].imp[t].importance);
            free(q->st[i].imp[t].mean);
            free(q->st[i].imp[t].dominant_in);
        }
    }
    free(q->ev);
    free(q->st);
    contracts_free(&q->cs);
    free(q->cm);
    if (q->at) query_free(q->at);
    free(q->at);
    free(q->err_msg);
    if (q->es) evshap_free(&q->es->r);
    free(q->es);
    free(q->flip);
    if (q->oh) obl_history_free(q->oh);
    free(q->oh);
}

evaluator *query_ev(query *q, int rule)
{
    if (!q->ev[rule].r) {
        ev_init(&q->ev[rule], q->m, q->w, rule);
        q->ev[rule].stop = q->stop;
        q->ev[rule].cs = &q->cs;
    }
    return &q->ev[rule];
}

/* query_history; *stopped set when an interrupt stopped the records
 * (recorded in q). */
static const struct obl_history *history(query *q, int *k, int *stopped)
{
    query *root = q->tl ? q : q->root && q->root->tl ? q->root : NULL;
    *stopped = 0;
    if (!root) return NULL;
    *k = root == q ? q->tl->nsteps - 1 : q->step;
    if (root->oh) return root->oh;
    root->oh = mem_alloc(sizeof *root->oh);
    int rc = obl_history_run(root->oh, q->m, root->tl, q->stop);
    if (rc == 0) return root->oh;
    free(root->oh); /* stopped, not kept: asked again next time */
    root->oh = NULL;
    /* (-2, no journal: the resolver keeps one for every statement that
     * reads a dated obligation, stmt.past) */
    if (rc == -1) {
        *stopped = 1;
        if (!q->err) {
            q->err = 1;
            q->err_kind = QUERY_INTERRUPTED;
            q->err_rule = q->err_contract = -1;
        }
    }
    return NULL;
}

const struct obl_history *query_history(query *q, int *k)
{
    int stopped;
    return history(q, k, &stopped);
}

/* Tender t's winner for the contracts it awards, kept with the rule's
 * stats: WINNER_STOPPED is not kept. */
static int winner(query *q, int t, contract_fault **why)
{
    rule_stats *st = query_stats(q, t);
    *why = &st->winner_why;
    if (st->winner == WINNER_UNDECIDED) {
        st->winner_why.rule = st->winner_why.contract = st->winner_why.step = -1;
        st->winner = contract_winner(q->m, q->w, t, q->stop, &st->winner_why);
    }
    int who = st->winner;
    if (who == WINNER_STOPPED) st->winner = WINNER_UNDECIDED;
    return who;
}

const contract_row *query_contract_row(query *q, int c)
{
    const contract_info *ci = &q->m->contracts[c];
    contract_memo *cm = &q->cm[c];
    if (!q->cs.n) contracts_init(q->m, &q->cs);
    contract_row *row = &q->cs.c[c];
    if (cm->have && cm->ver != q->w->version && world_changed_since(q->w, ci->cols, ci->ncols, cm->ver)) {
        cm->have = 0;
        q->drops++;
    }
    cm->ver = q->w->version;
    if (!cm->have) { /* its supplier and conditions, in the world */
        contract_fault *why = NULL;
        int who = ci->tender >= 0 ? winner(q, ci->tender, &why) : WINNER_NONE;
        if (who == WINNER_STOPPED) return NULL;
        contract_begin(q->m, c, who, why, row);
        contract_conditions(q->m, q->w, &q->cs, c, row);
        cm->have = 1;
    }
    if (cm->have == 2 && (cm->step == q->step || !ci->ndated)) return row;
    if (cm->have == 1 && contract_failed(row)) return row; /* no status to give */
    int k = -1, stopped = 0; /* its statuses, at the step */
    const struct obl_history *h = ci->ndated ? history(q, &k, &stopped) : NULL;
    if (stopped) return NULL;
    contract_statuses(q->m, q->w, &q->cs, h, k, c, row);
    cm->have = 2;
    cm->step = q->step;
    return row;
}

/* Records that an interrupt stopped a contract's decision: -1. */
static int contracts_stopped(query *q)
{
    if (q->err) return -1;
    q->err = 1;
    q->err_kind = QUERY_INTERRUPTED;
    q->err_rule = q->err_contract = -1;
    return -1;
}

/* Records why a contract could not be decided (f: its row's fault, or
 * its record's), as a runtime error: -1. */
static int contract_fault_met(query *q, const contract_fault *f)
{
    if (q->err) return -1;
    q->err = 1;
    q->err_kind = QUERY_DIVISION;
    q->err_coalition = 0;
    q->err_loc = f->loc;
    q->err_agg = f->agg;
    q->err_rule = f->rule;
    q->err_contract = f->contract;
    memcpy(q->err_tuple, f->tuple, sizeof q->err_tuple);
    if (f->step >= 0) q->err_step = f->step; /* met keeping a dated obligation's record */
    return -1;
}

const contract_row *query_contract(query *q, int c)
{
    const contract_row *row = query_contract_row(q, c);
    if (!row) return contracts_stopped(q), NULL;
    if (contract_failed(row)) return contract_fault_met(q, &row->fault), NULL;
    return row->record.step >= 0 ? contract_fault_met(q, &row->record), NULL : row;
}

int query_ready(query *q, int rule)
{
    const rule_deps *dp = &q->m->rules[rule].deps;
    for (int c = 0; dp->reads_contracts && c < q->m->ncontracts; c++) {
        if (!dp->contracts[c]) continue;
        const contract_row *row = query_contract_row(q, c);
        if (!row) return contracts_stopped(q);
        if (contract_failed(row)) return contract_fault_met(q, &row->fault);
    }
    return 0;
}

void query_runtime_error(query *q, const evaluator *e, int coalition)
{
    if (q->err) return;
    q->err = 1;
    q->err_kind = e->stopped ? QUERY_INTERRUPTED : QUERY_DIVISION;
    q->err_coalition = coalition;
    q->err_loc = e->err_loc;
    q->err_agg = e->err_agg;
    q->err_rule = e->rule;
    q->err_contract = -1;
    memcpy(q->err_tuple, e->tuple, sizeof q->err_tuple);
}

void query_refuse(query *q, int kind, int rule, long count)
{
    if (q->err) return;
    q->err = 1;
    q->err_kind = kind;
    q->err_rule = rule;
    q->err_count = count;
}

const tender_result *query_tender(query *q, int rule)
{
    rule_stats *st = query_stats(q, rule);
    if (st->have_tender) return &st->tender;
    evaluator *e = query_ev(q, rule);
    if (tender_decide(e, &st->tender) < 0) {
        query_runtime_error(q, e, 0);
        tender_free(&st->tender);
        return NULL;
    }
    st->have_tender = 1;
    return &st->tender;
}

const uint64_t *query_set(query *q, const rexpr *x, int *n)
{
    if (x->k == R_AT) {
        query *qk = query_at(q, x->index);
        const uint64_t *v = query_set(qk, x->sub[0], n);
        if (!v) query_take_error(q, qk, x->index);
        return v;
    }
    if (x->k != R_FAILED) {
        evaluator none; /* a statement's set reads no tuple */
        ev_statement(&none, q->m, q->w, q->stop);
        return ev_set(&none, x, n);
    }
    const tender_result *t = query_tender(q, x->rule);
    if (!t) return NULL;
    rule_stats *st = query_stats(q, x->rule);
    const tender_info *ti = q->m->rules[x->rule].tender;
    size_t words = (size_t)q->w->setwords;
    if (!st->failed) {
        st->failed = mem_calloc((size_t)t->nbids * words + 1, sizeof *st->failed);
        for (int i = 0; i < t->nbids; i++)
            for (int r = 0; r < ti->nreq; r++)
                if (t->bids[i].failed >> r & 1) st->failed[i * words + (size_t)ti->req[r].sym / 64] |= 1ull << ti->req[r].sym % 64;
    }
    *n = (int)words;
    return st->failed + (size_t)tender_bid_of(t, x->args[0]) * words;
}

/* A tender's bid whose factors or score met a runtime error (e's last
 * tuple): as the tender's decision has it, one that is not eligible has
 * no value (tender.c, decide_bid): 0, its values NaN, q->unscored set and
 * e where it failed.  -1 for an eligible one, whose error stands, or
 * after an error deciding the tender (recorded). */
static int unscored(query *q, evaluator *e, const int *tuple)
{
    const tender_result *t = query_tender(q, e->rule);
    if (!t) return -1;
    int eligible = t->bids[tender_bid_of(t, tuple[0])].eligible;
    int v = ev_tuple(e, tuple); /* again, as the bid left it: the decision may have used e */
    if (v >= 0 || e->stopped || eligible) return v;
    for (int i = 0; i < e->ru->nf; i++) e->own[i] = e->r[i] = NAN;
    e->r[e->ru->nf] = NAN;
    q->unscored = 1;
    return 0;
}

int query_tuple(query *q, int rule, const int *tuple)
{
    q->unscored = 0;
    if (query_ready(q, rule) < 0) return -1;
    evaluator *e = query_ev(q, rule);
    int v = ev_tuple(e, tuple);
    if (v < 0 && !e->stopped && e->ru->tender) v = unscored(q, e, tuple);
    if (v < 0) query_runtime_error(q, e, 0);
    return v;
}

int query_scored(query *q, int rule, const int *tuple)
{
    int v = query_tuple(q, rule, tuple);
    if (!q->unscored) return v;
    query_runtime_error(q, query_ev(q, rule), 0);
    return -1;
}

static int count_one(evaluator *e, int v, void *ctx)
{
    (void)e;
    long *n = ctx;
    if (v < 0) return 1;
    n[0] += v;
    n[1]++;
    return 0;
}

long query_count(query *q, int rule)
{
    rule_stats *st = query_stats(q, rule);
    if (st->count >= 0) return st->count;
    long n[2] = {0, 0};
    if (q->keep && keep_fits(q->keep, rule)) {
        long nk = keep_count(q->keep, rule, query_ev(q, rule));
        if (nk >= 0) {
            st->count = nk;
            st->total = q->m->rules[rule].ntuples;
            return nk;
        }
    }
    if (q->base && q->base->w != q->w) {
        long na = query_count(q->base, rule), nb = na < 0 ? -1 : result_count_from(q->m, q->base->w, na, q->w, rule, q->stop);
        if (nb >= 0) {
            st->count = nb;
            st->total = q->m->rules[rule].ntuples;
            return nb;
        }
    }
    if (query_ready(q, rule) < 0) return -1;
    evaluator *e = query_ev(q, rule);
    if (ev_foreach_verdicts(e, count_one, n)) {
        query_runtime_error(q, e, 0);
        return -1;
    }
    st->count = n[0];
    st->total = n[1];
    return st->count;
}

int query_more(double a, double b)
{
    /* values equal but for the last bits of rounding (M is solved
     * numerically) are ties, which declaration order breaks */
    return fabs(a) > fabs(b) + 1e-12 * fabs(b) + 1e-300;
}

int query_dominant(const double *phi, int k)
{
    if (k <= 0) return -1; /* a tender without factors: nothing to dominate */
    int best = 0;
    for (int i = 1; i < k; i++)
        if (query_more(phi[i], phi[best])) best = i;
    return phi[best] != 0 ? best : -1; /* all zero: nothing dominates */
}

int query_ties(const double *phi, int k, int best, int *tied)
{
    int n = 0;
    for (int i = 0; best >= 0 && i < k; i++)
        if (i != best && !query_more(phi[best], phi[i])) tied[n++] = i;
    return n;
}

int query_flat(const double *phi, int k)
{
    for (int i = 0; i < k; i++)
        if (phi[i] != 0) return 0;
    return 1;
}

void query_rank(const double *v, int k, int *order)
{
    /* insertion sort: stable, and k <= COOP_MAX_FACTORS */
    for (int i = 0; i < k; i++) order[i] = i;
    for (int i = 1; i < k; i++) {
        int x = order[i], j = i;
        while (j > 0 && query_more(v[x], v[order[j - 1]])) { order[j] = order[j - 1]; j--; }
        order[j] = x;
    }
}

typedef struct imp_acc {
    query *q;
    rule_importance *st;
    long n, formed;
} imp_acc;

static int imp_one(evaluator *e, int v, void *ctx)
{
    imp_acc *a = ctx;
    if (v < 0) return 1;
    double phi[COOP_MAX_FACTORS], se[COOP_MAX_FACTORS];
    int rc = ev_shapley(e, a->st->of, a->q->seed, phi, se);
    if (rc < 0) {
        query_runtime_error(a->q, e, 1);
        return 1;
    }
    if (rc == 0) a->st->exact = 0;
    int k = e->ru->nf;
    for (int i = 0; i < k; i++) {
        a->st->importance[i] += fabs(phi[i]);
        a->st->mean[i] += phi[i];
    }
    int dom = query_dominant(phi, k);
    if (dom >= 0) a->st->dominant_in[dom]++;
    a->st->flat += a->st->of == OF_VERDICT && query_flat(phi, k);
    a->n++;
    a->formed += v;
    return 0;
}

int query_affordable(query *q, int rule, shapley_of of)
{
    const rule_info *ru = &q->m->rules[rule];
    if (ru->ntuples * ev_shapley_work(ru, of) <= COOP_SHAPLEY_BUDGET) return 0;
    if (!q->err) q->err_of = of;
    query_refuse(q, QUERY_OVER_BUDGET, rule, 0);
    return -1;
}

const rule_importance *query_importance(query *q, int rule, shapley_of of)
{
    rule_stats *rs = query_stats(q, rule);
    rule_importance *st = &rs->imp[of];
    if (st->have) return st;
    if (query_ready(q, rule) < 0) return NULL;
    evaluator *e = query_ev(q, rule);
    int k = e->ru->nf;
    if (query_affordable(q, rule, of) < 0) return NULL;
    /* a second try after a runtime error reuses the arrays */
    if (!st->importance) {
        st->importance = mem_alloc((size_t)k * sizeof *st->importance);
        st->mean = mem_alloc((size_t)k * sizeof *st->mean);
        st->dominant_in = mem_alloc((size_t)k * sizeof *st->dominant_in);
    }
    memset(st->importance, 0, (size_t)k * sizeof *st->importance);
    memset(st->mean, 0, (size_t)k * sizeof *st->mean);
    memset(st->dominant_in, 0, (size_t)k * sizeof *st->dominant_in);
    st->exact = 1;
    st->of = of;
    st->flat = 0;
    imp_acc a = {q, st, 0, 0};
    if (ev_foreach(e, imp_one, &a)) {
        query_runtime_error(q, e, 0);
        return NULL;
    }
    for (int i = 0; i < k && a.n; i++) {
        st->importance[i] /= (double)a.n;
        st->mean[i] /= (double)a.n;
    }
    st->formed = rs->count = a.formed;
    st->total = rs->total = a.n;
    st->dominant = query_dominant(st->importance, k);
    query_rank(st->importance, k, st->order);
    st->have = 1;
    return st;
}

int query_values(query *q, const rexpr *x, double *phi)
{
    int k = q->m->rules[x->rule].nf;
    if (x->k == R_IMPORTANCE || x->k == R_DOMINANT_R) {
        const rule_importance *st = query_importance(q, x->rule, x->of);
        if (!st) return -1;
        memcpy(phi, st->importance, (size_t)k * sizeof *phi);
        return 0;
    }
    if (query_scored(q, x->rule, x->args) < 0) return -1;
    evaluator *e = query_ev(q, x->rule);
    double se[COOP_MAX_FACTORS];
    if (ev_shapley(e, x->of, q->seed, phi, se) < 0) {
        query_runtime_error(q, e, 1);
        return -1;
    }
    return 0;
}

query *query_at(query *q, int k)
{
    if (!q->tl || k >= q->tl->nsteps - 1) return q;
    const coop_world *w = tl_world_at(q->tl, k); /* the run kept a journal (stmt.past) */
    if (q->at && q->at->w != w) {
        q->drops += q->at->drops;
        query_free(q->at);
        free(q->at);
        q->at = NULL;
    }
    if (!q->at) {
        q->at = mem_alloc(sizeof *q->at);
        query_init(q->at, q->m, w, q->seed);
        q->at->stop = q->stop;
        q->at->root = q;
    }
    q->at->step = k; /* what reads a dated obligation is decided again (query_stats) */
    return q->at;
}

void query_take_error(query *q, query *qk, int k)
{
    if (qk == q || !qk->err) return;
    if (!q->err) {
        q->err = 1;
        q->err_kind = qk->err_kind;
        q->err_coalition = qk->err_coalition;
        q->err_loc = qk->err_loc;
        q->err_agg = qk->err_agg;
        q->err_rule = qk->err_rule;
        q->err_contract = qk->err_contract;
        q->err_of = qk->err_of;
        memcpy(q->err_tuple, qk->err_tuple, sizeof q->err_tuple);
        q->err_count = qk->err_count;
        q->err_step = qk->err_step >= 0 ? qk->err_step : k; /* (a dated obligation's record: its own) */
        free(q->err_msg);
        q->err_msg = qk->err_msg;
        qk->err_msg = NULL;
    }
    qk->err = 0;
    qk->err_step = -1;
}

/* x read at step k: 0 or 1 into *v, or -1 after an error (recorded in q). */
static int read_at(query *q, const rexpr *x, int k, double *v)
{
    query *qk = query_at(q, k);
    evaluator none;
    ev_statement(&none, qk->m, qk->w, qk->stop);
    ev_fault f = {0, NULL, NULL};
    *v = ev_expr(&none, x, query_leaf, qk, &f);
    if (!f.kind) return 0;
    if (!qk->err) { /* the statement's own arithmetic or aggregate */
        qk->err = 1;
        qk->err_kind = f.kind == EV_STOPPED ? QUERY_INTERRUPTED : QUERY_DIVISION;
        qk->err_coalition = 0;
        qk->err_loc = ev_fault_loc(&f, x);
        qk->err_agg = f.agg;
        qk->err_rule = qk->err_contract = -1;
    }
    if (qk != q) query_take_error(q, qk, k);
    else q->err_step = k;
    return -1;
}

/* The first step from a to b (b >= a: forward) where x is `want`, or -1. */
static int first_where(query *q, const rexpr *x, int a, int b, int want, int *err)
{
    for (int k = a; k <= b; k++) {
        double v;
        if (read_at(q, x, k, &v) < 0) {
            *err = 1;
            return -1;
        }
        if ((v != 0) == want) return k;
    }
    return -1;
}

/* The event Shapley values of x's tuple at its step (R_DECISIVE): kept
 * for the next ask of the same; NULL after an error (recorded). */
static int event_error(query *q, const evshap_result *r)
{
    if (q->err) return -1;
    q->err = 1;
    q->err_kind = r->stopped ? QUERY_INTERRUPTED : QUERY_MESSAGE;
    q->err_loc = r->err_loc;
    free(q->err_msg);
    q->err_msg = r->err_msg ? mem_strdup(r->err_msg) : NULL;
    return -1;
}

/* The declared world of q's timeline run (q's own without one). */
static const coop_world *declared(const query *q) { return q->tl ? q->tl->w0 : q->w; }

const evshap_result *query_event_values(query *q, const rexpr *x)
{
    struct evshap_memo *m = q->es;
    if (m && m->rule == x->rule && m->step == x->index &&
        memcmp(m->tuple, x->args, (size_t)x->nargs * sizeof *x->args) == 0)
        return &m->r;
    if (!m) m = q->es = mem_calloc(1, sizeof *m);
    else evshap_free(&m->r);
    m->rule = -1;
    if (evshap_events(&m->r, q->m, declared(q), x->rule, x->args, x->index, q->seed, q->stop) < 0) {
        event_error(q, &m->r);
        return NULL;
    }
    m->rule = x->rule;
    m->step = x->index;
    memcpy(m->tuple, x->args, (size_t)x->nargs * sizeof *x->args);
    return &m->r;
}

/* The smallest change that flips x's tuple (R_FLIP_*: its rule and
 * tuple, to verdict `index`), from the declared world: kept for the next
 * ask of the same; NULL after an error (recorded). */
static const struct flip_memo *flip_of(query *q, const rexpr *x)
{
    const coop_world *w0 = declared(q);
    struct flip_memo *m = q->flip;
    int np = q->m->rules[x->rule].np;
    if (m && m->rule == x->rule && m->to == x->index && m->version == w0->version &&
        !memcmp(m->tuple, x->args, (size_t)np * sizeof(int)))
        return m;
    if (!m) m = q->flip = mem_calloc(1, sizeof *m);
    m->rule = -1;
    flip_result r;
    if (flip_find(&r, q->m, w0, x->rule, x->args, x->index, NULL, 0, q->seed, q->stop) < 0) {
        if (!q->err) {
            q->err = 1;
            q->err_kind = r.stopped ? QUERY_INTERRUPTED : QUERY_MESSAGE;
            q->err_loc = r.err_loc;
            free(q->err_msg);
            q->err_msg = r.err_msg ? mem_strdup(r.err_msg) : NULL;
        }
        flip_free(&r);
        return NULL;
    }
    m->rule = x->rule;
    m->to = x->index;
    memcpy(m->tuple, x->args, (size_t)np * sizeof(int));
    m->version = w0->version;
    m->found = r.found;
    m->count = r.count;
    m->cost = r.cost;
    m->already = r.already;
    m->before = r.before;
    flip_free(&r);
    return m;
}

int query_flip_already(query *q, const rexpr *x)
{
    if ((x->k != R_FLIP_COUNT && x->k != R_FLIP_COST) || x->index == COOP_FLIP_OTHER) return -1;
    const struct flip_memo *f = flip_of(q, x);
    return f && f->already ? f->before : -1;
}

double query_leaf(void *ctx, const rexpr *x, int *err)
{
    query *q = ctx;
    switch (x->k) {
    case R_FLIP_COUNT: case R_FLIP_COST: case R_FLIPPABLE: { /* none: inf (flippable: false) */
        const struct flip_memo *f = flip_of(q, x);
        if (!f) { *err = 1; return 0; }
        if (x->k == R_FLIPPABLE) return f->found;
        return !f->found ? INFINITY : x->k == R_FLIP_COUNT ? f->count : f->cost;
    }
    case R_DECISIVE: {
        const evshap_result *r = query_event_values(q, x);
        if (!r) { *err = 1; return 0; }
        return r->decisive < 0 ? -1 : r->player[r->decisive];
    }
    case R_BUT_FOR: {
        const evshap_result *r = q->es && q->es->rule == x->rule && q->es->step == x->index &&
                                 memcmp(q->es->tuple, x->args, (size_t)x->nargs * sizeof *x->args) == 0
                               ? &q->es->r : NULL;
        if (r) { /* worked out with the Shapley values; an event acting only after the step is no player */
            int i = evshap_player(r, x->param);
            return i >= 0 && r->but_for[i];
        }
        evshap_result one;
        int v = evshap_but_for(&one, q->m, declared(q), x->rule, x->args, x->index, x->param, q->stop);
        if (v < 0) event_error(q, &one);
        evshap_free(&one);
        if (v < 0) { *err = 1; return 0; }
        return v;
    }
    case R_AT: {
        double v;
        if (read_at(q, x->sub[0], x->index, &v) < 0) *err = 1;
        return v;
    }
    case R_OVER: { /* throughout: no step where it fails; during: a step where it holds */
        int k = first_where(q, x->sub[0], x->index, x->param, x->op == OP_OR, err);
        q->over_at = k;
        return x->op == OP_AND ? k < 0 : k >= 0;
    }
    case R_FIRST: {
        int k = first_where(q, x->sub[0], 0, q->m->timeline->nsteps - 1, 1, err);
        return k < 0 ? INFINITY : k;
    }
    case R_VERDICT: case R_QSCORE: case R_VALUE: {
        int v = query_tuple(q, x->rule, x->args);
        if (v < 0) { *err = 1; return 0; }
        evaluator *e = query_ev(q, x->rule);
        if (x->k == R_VERDICT) return v;
        return e->r[x->k == R_QSCORE ? e->ru->nf : x->index];
    }
    case R_SHAPLEY: case R_DOMINANT_T: case R_IMPORTANCE: case R_DOMINANT_R: {
        double phi[COOP_MAX_FACTORS];
        if (query_values(q, x, phi) < 0) { *err = 1; return 0; }
        if (x->k == R_SHAPLEY || x->k == R_IMPORTANCE) return phi[x->index];
        return query_dominant(phi, q->m->rules[x->rule].nf);
    }
    case R_COUNT: {
        long n = query_count(q, x->rule);
        if (n < 0) { *err = 1; return 0; }
        return (double)n;
    }
    case R_WINNER: case R_STATUS: case R_RANK: case R_ELIGIBLE: case R_BIDSCORE: {
        const tender_result *t = query_tender(q, x->rule);
        if (!t) { *err = 1; return 0; }
        if (x->k == R_WINNER) return t->winner < 0 ? -1 : t->bids[t->winner].actor;
        if (x->k == R_STATUS) return t->status;
        const bid_row *b = &t->bids[tender_bid_of(t, x->args[0])];
        return x->k == R_RANK ? b->rank : x->k == R_ELIGIBLE ? b->eligible : b->score;
    }
    case R_GAP: {
        loser_gap g;
        const tender_result *t = query_tender(q, x->rule);
        if (!t || loser_gap_of(q, x->rule, tender_bid_of(t, x->args[0]), 0, &g) < 0) { *err = 1; return 0; }
        if (g.first < 0) { /* nothing ranked to be behind */
            query_refuse(q, QUERY_NO_FIRST, x->rule, 0);
            *err = 1;
        }
        return g.gap;
    }
    case R_WIN_PRICE: {
        loser_win w;
        const tender_result *t = query_tender(q, x->rule);
        if (!t || loser_win_price(q, x->rule, tender_bid_of(t, x->args[0]), &w) < 0) { *err = 1; return 0; }
        return w.kind == WIN_NEVER ? -1 : w.price;
    }
    case R_STABLE: {
        const loser_stability *s = loser_stable(q, x->rule);
        if (!s) { *err = 1; return 0; }
        return s->n == 0;
    }
    case R_OVERLAP: case R_COVERS: case R_COMMON: case R_SIZE: case R_IN: case R_BIN: { /* of failed(T, x) */
        int na, nb = 0;
        const uint64_t *a = query_set(q, x->sub[0], &na), *b = x->nsub > 1 ? query_set(q, x->sub[1], &nb) : NULL;
        if (!a || (x->nsub > 1 && !b)) { *err = 1; return 0; }
        return ev_sets(x, a, na, b, nb);
    }
    case R_CONTRACT_Q:
        if (!query_contract(q, x->rule)) { *err = 1; return 0; }
        return contract_read(&q->cs, q->m, NULL, 0, x->rule, x->index, x->param);
    default:
        *err = 1;
        return 0;
    }
}
