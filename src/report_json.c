/* report_json.c - results as JSON for programs: one object per line,
 * written through json.h.  The fields are documented in docs/language.md
 * ("JSON"). */
#include "obligation.h"
#include "range.h"
#include "report.h"
#include "timeline.h"

#include <math.h>
#include <stdlib.h>

static void head(rep *r, const char *type, int rule)
{
    json_init(&r->j, r->out);
    json_typed(&r->j, type);
    json_kstr(&r->j, "rule", r->m->rules[rule].name);
    if (r->at) json_kstr(&r->j, "at", r->at);
}

static void tuple(rep *r, int rule, const int *t)
{
    json_arr(&r->j);
    for (int i = 0; i < r->m->rules[rule].np; i++) json_str(&r->j, r->m->actors[t[i]].name);
    json_end_arr(&r->j);
}

/* "score": the number, or null for a rule without one. */
static void score(rep *r, int rule, double s)
{
    json_key(&r->j, "score");
    if (r->m->rules[rule].score) json_num(&r->j, s);
    else json_null(&r->j);
}

void json_same_kind(rep *r, const rule_info *ru)
{
    int g[COOP_MAX_PARAMS];
    if (!range_same_kind(ru)) return;
    json_key(&r->j, "same_kind");
    json_arr(&r->j);
    for (int p = 0; p < ru->np; p++) {
        int n = range_group(ru, p, g);
        if (!n) continue;
        json_obj(&r->j);
        json_key(&r->j, "params");
        json_arr(&r->j);
        for (int i = 0; i < n; i++) json_str(&r->j, ru->pnames[g[i]]);
        json_end_arr(&r->j);
        json_kstr(&r->j, "kind", r->m->kinds[ru->pkinds[p]].name);
        json_kbool(&r->j, "ordered", ru->ordered);
        json_end_obj(&r->j);
    }
    json_end_arr(&r->j);
}

/* ---- show ---- */

void json_show_begin(rep *r, int rule)
{
    const rule_info *ru = &r->m->rules[rule];
    head(r, "show", rule);
    json_key(&r->j, "params");
    json_arr(&r->j);
    for (int i = 0; i < ru->np; i++) json_str(&r->j, ru->pnames[i]);
    json_end_arr(&r->j);
    json_same_kind(r, ru);
    json_key(&r->j, "rows");
    json_arr(&r->j);
}

static void row_fields(rep *r, int rule, const show_row *row)
{
    json_key(&r->j, "tuple");
    tuple(r, rule, row->tuple);
    json_kbool(&r->j, "forms", row->verdict);
    score(r, rule, row->score);
}

void json_show_row(rep *r, int rule, const show_row *row)
{
    json_obj(&r->j);
    row_fields(r, rule, row);
    json_end_obj(&r->j);
}

void json_show_end(rep *r, long formed, long total)
{
    json_end_arr(&r->j);
    json_kint(&r->j, "formed", formed);
    json_kint(&r->j, "total", total);
    json_end_obj(&r->j);
}

void json_show_abort(rep *r, const char *why)
{
    json_end_arr(&r->j);
    json_kstr(&r->j, "error", why);
    json_end_obj(&r->j);
}

void json_show_one(rep *r, int rule, const show_row *row)
{
    head(r, "show", rule);
    row_fields(r, rule, row);
    json_end_obj(&r->j);
}

/* ---- what if ---- */

/* "score": a what-if row's [before, after], or null for a rule without
 * one. */
static void score_pair(rep *r, int rule, const diff_row *x)
{
    json_key(&r->j, "score");
    if (!r->m->rules[rule].score) {
        json_null(&r->j);
        return;
    }
    json_arr(&r->j);
    json_num(&r->j, x->s0);
    json_num(&r->j, x->s1);
    json_end_arr(&r->j);
}

/* Closes a what-if's rows, and its object with the counts. */
static void rows_end(rep *r, const diff_rule *d, long changed)
{
    json_end_arr(&r->j);
    json_kint(&r->j, "changed", changed);
    json_kint(&r->j, "moved", (long long)d->n);
    json_kint(&r->j, "total", d->total);
    json_end_obj(&r->j);
}

void json_whatif(rep *r, int rule, const diff_rule *d)
{
    json *j = &r->j;
    long flips = 0;
    head(r, "what_if", rule);
    json_key(j, "rows");
    json_arr(j);
    for (size_t i = 0; i < d->n; i++) {
        const diff_row *x = &d->rows[i];
        flips += x->v0 != x->v1;
        json_obj(j);
        json_key(j, "tuple");
        tuple(r, rule, x->tuple);
        json_key(j, "forms");
        json_arr(j);
        for (int k = 0; k < 2; k++) { /* null: a runtime error */
            int v = k ? x->v1 : x->v0;
            if (v < 0) json_null(j); else json_bool(j, v);
        }
        json_end_arr(j);
        score_pair(r, rule, x);
        json_end_obj(j);
    }
    rows_end(r, d, flips);
}

/* [before, after] of a tender's winner or status; null for a side that a
 * runtime error left undecided. */
static void award_pair(rep *r, const diff_rule *d, int status)
{
    json *j = &r->j;
    json_arr(j);
    for (int k = 0; k < 2; k++) {
        const tender_result *t = &d->award[k];
        if (!d->decided[k] || (!status && t->winner < 0)) json_null(j);
        else json_str(j, status ? tender_status_name(t->status) : r->m->actors[t->bids[t->winner].actor].name);
    }
    json_end_arr(j);
}

/* The names of the requirements of tender `rule` that `failed` holds, as
 * an array in declaration order. */
static void failed_names(rep *r, int rule, uint64_t failed)
{
    const tender_info *ti = r->m->rules[rule].tender;
    json_arr(&r->j);
    for (int q = 0; q < ti->nreq; q++)
        if (failed >> q & 1) json_str(&r->j, ti->req[q].name);
    json_end_arr(&r->j);
}

void json_tender_whatif(rep *r, int rule, const diff_rule *d)
{
    json *j = &r->j;
    long changed = 0;
    head(r, "what_if_tender", rule);
    if (d->has_award) { /* else nothing it reads moved: the award is not decided again */
        json_key(j, "winner");
        award_pair(r, d, 0);
        json_key(j, "status");
        award_pair(r, d, 1);
    }
    json_key(j, "rows");
    json_arr(j);
    for (size_t i = 0; i < d->n; i++) {
        const diff_row *x = &d->rows[i];
        changed += x->r0 != x->r1 || x->v0 != x->v1;
        json_obj(j);
        json_kstr(j, "bidder", r->m->actors[x->tuple[0]].name);
        json_key(j, "rank");
        json_arr(j);
        for (int k = 0; k < 2; k++) {
            int rk = k ? x->r1 : x->r0;
            if (rk) json_int(j, rk); else json_null(j);
        }
        json_end_arr(j);
        json_key(j, "eligible");
        json_arr(j);
        json_bool(j, x->v0);
        json_bool(j, x->v1);
        json_end_arr(j);
        score_pair(r, rule, x);
        json_key(j, "failed");
        json_arr(j);
        failed_names(r, rule, x->f0);
        failed_names(r, rule, x->f1);
        json_end_arr(j);
        json_end_obj(j);
    }
    rows_end(r, d, changed);
}

/* ---- parameters ---- */

void json_model_params(rep *r, const coop_world *w)
{
    const model *m = r->m;
    json *j = &r->j;
    json_init(j, r->out);
    json_typed(j, "params");
    if (r->at) json_kstr(j, "at", r->at);
    json_key(j, "params");
    json_arr(j);
    for (int p = 0; p < m->nparams; p++) {
        const param_info *pi = &m->params[p];
        int tf = pi->type == T_BOOL;
        json_obj(j);
        json_kstr(j, "name", pi->name);
        json_kstr(j, "type", tf ? "bool" : "number");
        json_key(j, "value");
        if (tf) json_bool(j, w->param[p] != 0); else json_num(j, w->param[p]);
        json_key(j, "declared");
        if (tf) json_bool(j, pi->value != 0); else json_num(j, pi->value);
        json_key(j, "range");
        if (isnan(pi->lo)) json_null(j);
        else {
            json_arr(j);
            json_num(j, pi->lo);
            json_num(j, pi->hi);
            json_end_arr(j);
        }
        json_kstr(j, "label", pi->label);
        json_end_obj(j);
    }
    json_end_arr(j);
    json_end_obj(j);
}

/* ---- explain ---- */

static void explain_factors(rep *r, const rule_info *ru, const explain_result *x)
{
    json *j = &r->j;
    json_key(j, "factors");
    json_arr(j);
    for (int i = 0; i < ru->nf && !x->unscored; i++) {
        json_obj(j);
        json_kstr(j, "name", ru->f[i].name);
        json_knum(j, "own", x->own[i]);
        json_knum(j, "influence", x->effective[i] - x->own[i]);
        json_knum(j, "effective", x->effective[i]);
        json_key(j, "from");
        json_arr(j);
        for (int k = 0; k < ru->ne; k++) {
            if (ru->e[k].to != i) continue;
            json_obj(j);
            json_kstr(j, "factor", ru->f[ru->e[k].from].name);
            json_knum(j, "weight", x->weight[k]);
            json_knum(j, "added", x->added[k]);
            json_end_obj(j);
        }
        json_end_arr(j);
        json_end_obj(j);
    }
    json_end_arr(j);
}

static void explain_terms(rep *r, const rule_info *ru, const explain_result *x)
{
    json *j = &r->j;
    json_key(j, "terms");
    json_arr(j);
    for (int i = 0; i < x->nterms && !x->unscored; i++) {
        const explain_term *t = &x->terms[i];
        json_obj(j);
        json_kstr(j, "text", t->text);
        json_kint(j, "sign", t->sign);
        json_key(j, "weight");
        if (t->weighted) json_num(j, t->weight); else json_null(j);
        json_kstr(j, "factor", t->factor >= 0 ? ru->f[t->factor].name : NULL);
        json_knum(j, "value", t->value); /* what the weight weighs, else the term's own value */
        json_knum(j, "contribution", t->contribution);
        json_end_obj(j);
    }
    json_end_arr(j);
}

/* A condition traced: {"text", "holds", and for a comparison "op",
 * "left", "right"}. */
void json_clause(json *j, const explain_clause *c)
{
    json_obj(j);
    json_kstr(j, "text", c->text);
    json_kbool(j, "holds", c->holds);
    if (c->compares) {
        json_kstr(j, "op", ast_op_text(c->op));
        json_knum(j, "left", c->left);
        json_knum(j, "right", c->right);
    }
    json_end_obj(j);
}

static void explain_clauses(rep *r, const explain_result *x)
{
    json *j = &r->j;
    json_key(j, "clauses");
    json_arr(j);
    for (int i = 0; i < x->nclauses; i++) json_clause(j, &x->clauses[i]);
    json_end_arr(j);
}

void json_explain(rep *r, const explain_result *x)
{
    const rule_info *ru = &r->m->rules[x->rule];
    json *j = &r->j;
    head(r, "explain", x->rule);
    json_key(j, "tuple");
    tuple(r, x->rule, x->tuple);
    json_key(j, "labels");
    json_arr(j);
    for (int i = 0; i < ru->np; i++) json_str(j, r->m->actors[x->tuple[i]].label);
    json_end_arr(j);
    json_kbool(j, "forms", x->verdict);
    score(r, x->rule, x->score);
    if (x->nparams) { /* the parameters the rule reads, with their values */
        json_key(j, "parameters");
        json_arr(j);
        for (int i = 0; i < x->nparams; i++) {
            json_obj(j);
            json_kstr(j, "name", r->m->params[x->params[i]].name);
            json_key(j, "value");
            if (r->m->params[x->params[i]].type == T_BOOL) json_bool(j, x->pvalues[i] != 0);
            else json_num(j, x->pvalues[i]);
            json_end_obj(j);
        }
        json_end_arr(j);
    }
    explain_factors(r, ru, x);
    explain_terms(r, ru, x);
    explain_clauses(r, x);
    json_kstr(j, "join", x->any ? "or" : "and");
    if (x->unscored) json_kstr(j, "unscored", x->unscored);
    json_end_obj(j);
}

/* ---- dominance ---- */

/* "target": what Shapley values are of. */
static const char *target_name(shapley_of of) { return of == OF_SCORE ? "score" : "verdict"; }

/* "dominant": the factor with the largest |v| (or null), "tied_with": the
 * factors equal to it up to rounding, in declaration order. */
static void dominant_fields(rep *r, const rule_info *ru, const double *v, int dominant)
{
    int tied[COOP_MAX_FACTORS], nt = query_ties(v, ru->nf, dominant, tied);
    json_kstr(&r->j, "dominant", dominant >= 0 ? ru->f[dominant].name : NULL);
    json_key(&r->j, "tied_with");
    json_arr(&r->j);
    for (int i = 0; i < nt; i++) json_str(&r->j, ru->f[tied[i]].name);
    json_end_arr(&r->j);
}

void json_dominance(rep *r, const dominance_result *d)
{
    const rule_info *ru = &r->m->rules[d->rule];
    json *j = &r->j;
    int k = ru->nf;
    const int *order = d->order;
    head(r, "dominance", d->rule);
    json_key(j, "tuple");
    tuple(r, d->rule, d->tuple);
    json_kbool(j, "forms", d->verdict);
    json_kstr(j, "target", target_name(d->of));
    json_knum(j, "value", d->target);
    json_knum(j, "baseline_value", d->base_target);
    json_kbool(j, "all_zero", d->of == OF_VERDICT && query_flat(d->phi, k));
    if (d->exact) {
        json_kstr(j, "method", "exact");
        json_knum(j, "coalitions", ldexp(1, k)); /* up to 2^64, in closed form */
    } else {
        json_kstr(j, "method", "sampled");
        json_kint(j, "permutations", COOP_SHAPLEY_PERMUTATIONS);
        json_key(j, "seed");
        json_uint(j, d->seed);
    }
    json_key(j, "factors");
    json_arr(j);
    for (int n = 0; n < k; n++) {
        int i = order[n];
        json_obj(j);
        json_kint(j, "rank", n + 1);
        json_kstr(j, "name", ru->f[i].name);
        json_knum(j, "shapley", d->phi[i]);
        json_knum(j, "stderr", d->se[i]);
        json_knum(j, "own", d->own[i]);
        json_knum(j, "baseline", d->base[i]);
        json_kbool(j, "pivotal", d->pivotal[i]);
        json_end_obj(j);
    }
    json_end_arr(j);
    dominant_fields(r, ru, d->phi, d->dominant);
    json_end_obj(j);
}

void json_importance(rep *r, int rule, const rule_importance *st)
{
    const rule_info *ru = &r->m->rules[rule];
    json *j = &r->j;
    int k = ru->nf;
    const int *order = st->order;
    head(r, "dominance", rule);
    json_kint(j, "tuples", st->total);
    json_same_kind(r, ru);
    json_kint(j, "formed", st->formed);
    json_kstr(j, "target", target_name(st->of));
    json_kstr(j, "method", st->exact ? "exact" : "sampled");
    json_kint(j, "all_zero_tuples", st->flat);
    json_key(j, "factors");
    json_arr(j);
    for (int n = 0; n < k; n++) {
        int i = order[n];
        json_obj(j);
        json_kint(j, "rank", n + 1);
        json_kstr(j, "name", ru->f[i].name);
        json_knum(j, "importance", st->importance[i]);
        json_knum(j, "mean_shapley", st->mean[i]);
        json_kint(j, "dominant_in", st->dominant_in[i]);
        json_end_obj(j);
    }
    json_end_arr(j);
    dominant_fields(r, ru, st->importance, st->total ? st->dominant : -1);
    json_end_obj(j);
}

void json_expect(rep *r, const coop_expect_result *x)
{
    json *j = &r->j;
    json_init(j, r->out);
    json_typed(j, "expect");
    json_kstr(j, "file", x->file);
    json_kint(j, "line", x->loc.line);
    json_kint(j, "col", x->loc.col);
    json_kstr(j, "expect", x->text);
    json_kbool(j, "passed", x->passed);
    json_kstr(j, "got", x->got);
    json_end_obj(j);
}

/* ---- values ---- */

void json_value_of(rep *r, const value_result *v)
{
    json *j = &r->j;
    switch (v->type) {
    case T_FACTOR: json_str(j, v->num < 0 ? NULL : r->m->rules[v->rule].f[(int)v->num].name); break;
    case T_ACTOR: json_str(j, v->num < 0 ? NULL : r->m->actors[(int)v->num].name); break;
    case T_STATUS: json_str(j, tender_status_name((tender_status)v->num)); break;
    case T_OSTATUS: json_str(j, obligation_status_name((int)v->num)); break;
    case T_CSTATUS: json_str(j, contract_status_name((int)v->num)); break;
    case T_STR: json_str(j, world_str(r->w, (int)v->num)); break;
    case T_EVENT: json_str(j, v->num < 0 ? NULL : r->m->events[(int)v->num].name); break;
    case T_DATE: { /* null: never */
        char buf[32];
        json_str(j, isinf(v->num) ? NULL : tl_step_text(r->m, (int)v->num, buf, sizeof buf));
        break;
    }
    case T_SET:
        json_arr(j);
        for (int i = 0; i < world_nsyms(r->w); i++)
            if (vm_member(v->bits, v->nwords, i)) json_str(j, world_sym_name(r->w, i));
        json_end_arr(j);
        break;
    case T_BOOL: json_bool(j, v->num != 0); break;
    default: json_num(j, v->num); break;
    }
}

void json_value(rep *r, const char *text, const value_result *v)
{
    json *j = &r->j;
    json_init(j, r->out);
    json_typed(j, "value");
    json_kstr(j, "expression", text);
    json_key(j, "value");
    json_value_of(r, v);
    if (v->type == T_BOOL && v->rule >= 0 && v->has_score) json_knum(j, "score", v->score);
    json_end_obj(j);
}

/* ---- tenders ---- */

/* A bid's fields: bidder, eligible, failed requirements, score, rank, its
 * values of the tie keys. */
static void bid_fields(rep *r, const tender_result *t, int i)
{
    const bid_row *b = &t->bids[i];
    json_kstr(&r->j, "bidder", r->m->actors[b->actor].name);
    json_kbool(&r->j, "eligible", b->eligible);
    json_key(&r->j, "failed");
    failed_names(r, t->rule, b->failed);
    score(r, t->rule, b->score);
    json_key(&r->j, "rank");
    if (b->rank) json_num(&r->j, b->rank);
    else json_null(&r->j);
    json_key(&r->j, "tie_values"); /* its value of each tie key, in the order of "tie" */
    json_arr(&r->j);
    for (int lv = 1; lv < t->nkeys; lv++) json_num(&r->j, t->keys[(size_t)lv * (size_t)t->nbids + (size_t)i]);
    json_end_arr(&r->j);
}

/* {"direction": "lowest", "key": "bid.price"} */
static void key_obj(rep *r, const bid_key *k)
{
    json_obj(&r->j);
    json_kstr(&r->j, "direction", k->lowest ? "lowest" : "highest");
    json_kstr(&r->j, "key", k->text);
    json_end_obj(&r->j);
}

/* "tie": the tender's tie keys, in order (none for a single source). */
static void tie_keys(rep *r, const tender_info *ti)
{
    json_key(&r->j, "tie");
    json_arr(&r->j);
    for (int i = 0; ti->award != AWARD_TO && i < ti->ntie; i++) key_obj(r, &ti->tie[i]);
    json_end_arr(&r->j);
}

/* The award: status, winner (or null), the tie key that parted the winner
 * from the second (or null), eligible and total bids. */
static void award_fields(rep *r, const tender_result *t)
{
    json_kstr(&r->j, "status", tender_status_name(t->status));
    json_key(&r->j, "winner");
    json_str(&r->j, t->winner < 0 ? NULL : r->m->actors[t->bids[t->winner].actor].name);
    int s2 = t->winner >= 0 && t->nranked > 1 ? t->ranked[1] : -1, lv = s2 < 0 ? -1 : report_parted_by(t, t->winner, s2);
    json_key(&r->j, "parted_by");
    if (lv < 0) json_null(&r->j);
    else key_obj(r, &r->m->rules[t->rule].tender->tie[lv]);
    json_kint(&r->j, "eligible_bids", t->neligible);
    json_kint(&r->j, "bids", t->nbids);
}

/* An actor's name, or null for -1. */
static void actor_or_null(rep *r, int a) { json_str(&r->j, a < 0 ? NULL : r->m->actors[a].name); }

void json_tender_show(rep *r, const tender_result *t, const loser_stability *st)
{
    const tender_info *ti = r->m->rules[t->rule].tender;
    head(r, "tender", t->rule);
    json_kstr(&r->j, "label", ti->label);
    json_kstr(&r->j, "method", ti->method == TENDER_OPEN ? "open" : ti->method == TENDER_SELECTIVE ? "selective"
                                                                                                   : "single_source");
    json_kstr(&r->j, "buyer", r->m->actors[ti->buyer].name);
    json_kint(&r->j, "min_bids", ti->min_bids);
    tie_keys(r, ti);
    award_fields(r, t);
    json_key(&r->j, "ranking");
    json_arr(&r->j);
    int *order = mem_alloc(((size_t)t->nbids + 1) * sizeof *order);
    tender_order(t, order);
    for (int i = 0; i < t->nbids; i++) {
        json_obj(&r->j);
        bid_fields(r, t, order[i]);
        json_end_obj(&r->j);
    }
    free(order);
    json_end_arr(&r->j);
    json_kbool(&r->j, "stable", st->n == 0);
    json_key(&r->j, "unstable");
    json_arr(&r->j);
    for (int i = 0; i < st->n; i++) {
        json_obj(&r->j);
        json_kstr(&r->j, "without", r->m->actors[t->bids[st->bid[i]].actor].name);
        json_key(&r->j, "first");
        actor_or_null(r, st->first[i]);
        json_end_obj(&r->j);
    }
    json_end_arr(&r->j);
    json_end_obj(&r->j);
}

/* "parts": each factor's own values at the two bids (keys a and b) and
 * its part of the gap, in declaration order. */
static void gap_parts(rep *r, const tender_result *t, const loser_gap *g, const char *a, const char *b)
{
    const rule_info *ru = &r->m->rules[t->rule];
    json_arr(&r->j);
    for (int f = 0; f < ru->nf; f++) {
        json_obj(&r->j);
        json_kstr(&r->j, "factor", ru->f[f].name);
        json_knum(&r->j, a, g->own[f]);
        json_knum(&r->j, b, g->first_own[f]);
        json_knum(&r->j, "part", g->part[f]);
        json_end_obj(&r->j);
    }
    json_end_arr(&r->j);
}

void json_tender_award(rep *r, const tender_result *t, int bid, const loser_why *why)
{
    const loser_gap *g = &why->gap;
    head(r, "award", t->rule);
    bid_fields(r, t, bid);
    award_fields(r, t);
    json_key(&r->j, "gap_to");
    actor_or_null(r, g->first < 0 ? -1 : t->bids[g->first].actor);
    json_key(&r->j, "gap");
    if (g->first < 0) json_null(&r->j);
    else json_num(&r->j, g->gap);
    json_key(&r->j, "gap_parts");
    if (g->divided) gap_parts(r, t, g, "own", "first_own");
    else json_null(&r->j);
    const tender_info *ti = r->m->rules[t->rule].tender;
    int a = t->bids[bid].actor, priced = ti->price >= 0 && r->w->has[ti->price][a];
    win_reason wr = report_win_reason(r->m, t, bid, why);
    json_key(&r->j, "price");
    if (priced) json_num(&r->j, r->w->num[ti->price][a]);
    else json_null(&r->j);
    json_key(&r->j, "win_price");
    if (wr <= WP_SEARCH_TOP) json_num(&r->j, why->win.price);
    else json_null(&r->j);
    json_kstr(&r->j, "win_price_reason", report_win_reasons[wr]);
    if (why->decides) {
        json_key(&r->j, "first_without");
        actor_or_null(r, why->first_without);
    }
    json_end_obj(&r->j);
}

void json_tender_dominance(rep *r, const tender_result *t, const loser_gap *g)
{
    const rule_info *ru = &r->m->rules[t->rule];
    head(r, "tender_dominance", t->rule);
    json_key(&r->j, "first");
    actor_or_null(r, g->first < 0 ? -1 : t->bids[g->first].actor);
    json_key(&r->j, "second");
    actor_or_null(r, g->bid < 0 ? -1 : t->bids[g->bid].actor);
    json_key(&r->j, "gap");
    if (g->bid < 0) json_null(&r->j);
    else json_num(&r->j, g->gap);
    json_key(&r->j, "parts");
    if (g->bid < 0) {
        json_arr(&r->j);
        json_end_arr(&r->j);
    } else
        gap_parts(r, t, g, "second_own", "first_own");
    dominant_fields(r, ru, g->part, g->bid < 0 ? -1 : g->dominant);
    json_end_obj(&r->j);
}

/* ---- contracts ---- */

/* "KEY": the condition traced, or null when it is not (a show, a void
 * contract, no such condition). */
static void condition(json *j, const char *k, int traced, const explain_clause *c)
{
    json_key(j, k);
    if (traced) json_clause(j, c);
    else json_null(j);
}

/* "KEY": step k's date, or null for -1. */
static void kstep(json *j, const model *m, const char *k, int step)
{
    char day[32];
    json_kstr(j, k, step < 0 ? NULL : tl_step_text(m, step, day, sizeof day));
}

/* A dated obligation's fields (docs/language.md, "JSON"): how it falls
 * due, as written (null without a date), and as of the step read its
 * record: since when its status holds, when it was met, violated and seen,
 * and of one due every period its checks (trace: the dates that failed). */
static void json_due(rep *r, const contract_result *x, int o, int trace)
{
    const model *m = r->m;
    const obligation *ob = &m->contracts[x->contract].obl[o];
    json *j = &r->j;
    char due[96];
    json_kstr(j, "due", obligation_due_text(ob, due, sizeof due));
    if (ob->due == DUE_NONE || !x->due) return;
    const obl_state *s = &x->due[o];
    int broken = s->status == OS_VIOLATED || s->status == OS_UNDETECTED;
    kstep(j, m, "since", s->since);
    kstep(j, m, "met_at", s->status == OS_MET ? s->since : -1);
    kstep(j, m, "violated_at", broken ? s->since : -1);
    kstep(j, m, "seen_at", broken ? s->seen : -1);
    kstep(j, m, "next", s->next);
    if (ob->due != DUE_EVERY) return;
    json_kint(j, "checks", s->checks);
    json_kint(j, "held", s->held);
    json_kint(j, "to_come", s->total - s->past);
    if (!trace) return;
    json_key(j, "failed_at");
    json_arr(j);
    const unsigned char *ck = x->oh->rec[x->contract][o].check;
    char day[32];
    for (int i = 0; i < ob->nsteps && ob->steps[i] <= x->step; i++)
        if (ck[i] == CHECK_FAILED) json_str(j, tl_step_text(m, ob->steps[i], day, sizeof day));
    json_end_arr(j);
}

void json_contract(rep *r, const contract_result *x, int trace)
{
    const model *m = r->m;
    const contract_info *ci = &m->contracts[x->contract];
    json *j = &r->j;
    int active = x->row.supplier >= 0;
    trace &= active;
    json_init(j, r->out);
    json_typed(j, "contract");
    json_kstr(j, "contract", ci->name);
    json_kstr(j, "label", ci->label);
    json_kstr(j, "tender", ci->tender >= 0 ? m->rules[ci->tender].name : NULL);
    json_kstr(j, "tender_status", ci->tender >= 0 ? tender_status_name((tender_status)x->tender_status) : NULL);
    json_kstr(j, "buyer", m->actors[ci->buyer].name);
    json_kstr(j, "supplier", active ? m->actors[x->row.supplier].name : NULL);
    json_kstr(j, "status", contract_status_name(active ? CS_ACTIVE : CS_VOID));
    json_knum(j, "term", ci->term);
    json_key(j, "monitored");
    if (active) json_bool(j, x->row.monitored); else json_null(j);
    condition(j, "monitor", trace && ci->monitor, &x->monitor);
    json_key(j, "obligations");
    json_arr(j);
    for (int o = 0; o < ci->nobl; o++) {
        json_obj(j);
        json_kstr(j, "name", ci->obl[o].name);
        json_kstr(j, "side", contract_side_name(ci->obl[o].side));
        json_kstr(j, "label", ci->obl[o].label);
        json_kstr(j, "status", obligation_status_name(x->row.status[o]));
        json_due(r, x, o, trace);
        condition(j, "condition", trace, &x->obl[o]);
        json_end_obj(j);
    }
    json_end_arr(j);
    json_kbool(j, "renewed", x->row.renewed);
    condition(j, "renew", trace && ci->renew, &x->renew);
    json_end_obj(j);
}

/* [now, what if]: two strings (NULL: null), or two true/false (-1: null). */
static void pair(json *j, const char *k, const char *a, const char *b)
{
    json_key(j, k);
    json_arr(j);
    json_str(j, a);
    json_str(j, b);
    json_end_arr(j);
}

static void pair_bool(json *j, const char *k, const int v[2])
{
    json_key(j, k);
    json_arr(j);
    for (int i = 0; i < 2; i++) {
        if (v[i] < 0) json_null(j);
        else json_bool(j, v[i]);
    }
    json_end_arr(j);
}

void json_contract_whatif(rep *r, const contracts_diff *d, int c)
{
    const model *m = r->m;
    const contract_info *ci = &m->contracts[c];
    json *j = &r->j;
    json_init(j, r->out);
    json_typed(j, "what_if_contract");
    json_kstr(j, "contract", ci->name);
    /* a world whose contracts could not be decided is null throughout */
    const contract_row *row[2] = {&d->c[0].c[c], &d->c[1].c[c]};
    for (int k = 0; k < 2; k++)
        if (contract_failed(row[k])) row[k] = NULL;
    const char *sup[2] = {NULL, NULL}, *st[2] = {NULL, NULL};
    int mon[2] = {-1, -1}, ren[2] = {-1, -1};
    for (int k = 0; k < 2; k++) {
        if (!row[k]) continue;
        int on = row[k]->supplier >= 0;
        sup[k] = on ? m->actors[row[k]->supplier].name : NULL;
        st[k] = contract_status_name(on ? CS_ACTIVE : CS_VOID);
        mon[k] = on ? row[k]->monitored : -1;
        ren[k] = row[k]->renewed;
    }
    pair(j, "supplier", sup[0], sup[1]);
    pair(j, "status", st[0], st[1]);
    pair_bool(j, "monitored", mon);
    pair_bool(j, "renewed", ren);
    json_key(j, "obligations");
    json_arr(j);
    long changed = 0;
    for (int o = 0; o < ci->nobl && row[0] && row[1]; o++) {
        if (row[0]->status[o] == row[1]->status[o]) continue;
        changed++;
        json_obj(j);
        json_kstr(j, "name", ci->obl[o].name);
        pair(j, "status", obligation_status_name(row[0]->status[o]), obligation_status_name(row[1]->status[o]));
        json_end_obj(j);
    }
    json_end_arr(j);
    json_kint(j, "changed", changed);
    json_kint(j, "total", ci->nobl);
    json_end_obj(j);
}
