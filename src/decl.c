/* decl.c - the table of declaration and statement classes. */
#include "decl.h"

#include "resolver.h"
#include "run.h"

static char *key_kind(arena *a, const decl *d) { return arena_printf(a, "kind %s", d->n.s); }
static char *key_param(arena *a, const decl *d) { return arena_printf(a, "param %s", d->n.s); }
static char *key_actor(arena *a, const decl *d) { return arena_printf(a, "actor %s", d->n.s); }
static char *key_name(arena *a, const decl *d) { return arena_printf(a, "name %s", d->n.s); }

static char *key_timeline(arena *a, const decl *d) { (void)d; return arena_strdup(a, "timeline"); } /* one a model */
static char *key_event(arena *a, const decl *d) { return arena_printf(a, "event %s", d->n.s); }
static char *key_attribute(arena *a, const decl *d)
{
    return arena_printf(a, "attribute %s : %s", d->n.s, d->u.attribute.kind.s);
}

static char *key_bid(arena *a, const decl *d)
{
    return arena_printf(a, "bid %s by %s", d->u.bid.tender.s, d->u.bid.bidder.s);
}

/* one a file (as opened, once read) and what it fills: typed again, it
 * reads the file again */
static char *key_data(arena *a, const decl *d)
{
    const data_def *x = d->u.data;
    return arena_printf(a, "data %s from %s", d->n.s, x->file ? x->file : x->path);
}

static char *key_value(arena *a, const decl *d)
{
    char *k = arena_printf(a, "value %s(", d->n.s);
    for (int i = 0; i < d->u.relset.n; i++) k = arena_printf(a, "%s%s%s", k, i ? ", " : "", d->u.relset.args[i].s);
    return arena_printf(a, "%s)", k);
}

/* ---- the expressions each holds ---- */

typedef void (*expr_fn)(void *ctx, const expr *e);

static void exprs_range(const rangedef *r, expr_fn fn, void *ctx)
{
    if (!r->lo) return;
    fn(ctx, r->lo);
    fn(ctx, r->hi);
}

static void exprs_values(const attrdef *v, int n, expr_fn fn, void *ctx)
{
    for (int j = 0; j < n; j++) {
        fn(ctx, v[j].value);
        exprs_range(&v[j].range, fn, ctx);
    }
}

static void exprs_actor(const decl *d, expr_fn fn, void *ctx) { exprs_values(d->u.actor.attrs, d->u.actor.n, fn, ctx); }

static void exprs_relation(const decl *d, expr_fn fn, void *ctx)
{
    fn(ctx, d->u.rel.def);
    exprs_range(&d->u.rel.range, fn, ctx);
}

static void exprs_attribute(const decl *d, expr_fn fn, void *ctx) { exprs_range(&d->u.attribute.range, fn, ctx); }

static void exprs_param(const decl *d, expr_fn fn, void *ctx)
{
    fn(ctx, d->u.param.value);
    exprs_range(&d->u.param.range, fn, ctx);
}

static void exprs_event(const decl *d, expr_fn fn, void *ctx)
{
    const event_def *e = d->u.event;
    if (e->cond) fn(ctx, e->cond);
    for (int j = 0; j < e->nch; j++) fn(ctx, e->ch[j].value);
}
static void exprs_relset(const decl *d, expr_fn fn, void *ctx) { fn(ctx, d->u.relset.value); }

static void exprs_data(const decl *d, expr_fn fn, void *ctx)
{
    const data_def *x = d->u.data;
    for (int i = 0; i < x->nrows; i++) {
        const decl *row = x->rows[i];
        if (row->k == D_ACTOR) exprs_actor(row, fn, ctx);
        else exprs_relset(row, fn, ctx);
    }
}
static void exprs_expect(const decl *d, expr_fn fn, void *ctx) { fn(ctx, d->u.expect.e); }

static void exprs_sweep(const decl *d, expr_fn fn, void *ctx)
{
    for (int i = 0; i < d->u.sweep.n; i++) {
        const sweepdef *x = &d->u.sweep.ax[i];
        if (x->from) {
            fn(ctx, x->from);
            fn(ctx, x->to);
            fn(ctx, x->step);
        }
        for (int j = 0; j < x->n; j++) fn(ctx, x->v[j]);
    }
    const decl *in = d->u.sweep.stmt;
    if (in && decl_class_of(in->k)->exprs) decl_class_of(in->k)->exprs(in, fn, ctx);
}

static void exprs_rule(const decl *d, expr_fn fn, void *ctx)
{
    for (int j = 0; j < d->u.rule.nf; j++) {
        fn(ctx, d->u.rule.f[j].e);
        if (d->u.rule.f[j].baseline) fn(ctx, d->u.rule.f[j].baseline);
    }
    for (int j = 0; j < d->u.rule.ni; j++) fn(ctx, d->u.rule.inf[j].w);
    if (d->u.rule.score) fn(ctx, d->u.rule.score);
    if (d->u.rule.forms) fn(ctx, d->u.rule.forms);
    const tender_def *t = d->u.rule.tender;
    for (int j = 0; t && j < t->nset; j++) fn(ctx, t->set[j].value);
    for (int j = 0; t && j < t->nreq; j++) fn(ctx, t->req[j].cond);
    if (t && t->has_award) fn(ctx, t->award.e);
    for (int j = 0; t && j < t->ntie; j++) fn(ctx, t->tie[j].e);
}

static void exprs_bid(const decl *d, expr_fn fn, void *ctx) { exprs_values(d->u.bid.attrs, d->u.bid.n, fn, ctx); }

static void exprs_contract(const decl *d, expr_fn fn, void *ctx)
{
    const contract_def *c = d->u.contract;
    for (int j = 0; j < c->nparty; j++) fn(ctx, c->party[j].value);
    for (int j = 0; j < c->nset; j++) fn(ctx, c->set[j].value);
    for (int j = 0; j < c->nobl; j++) fn(ctx, c->obl[j].cond);
    if (c->monitor) fn(ctx, c->monitor);
    if (c->renew) fn(ctx, c->renew);
}

const decl_class decl_classes[] = {
    [D_KIND] = {D_KIND, "kind", 0, key_kind, rsv_kinds, NULL, NULL, {COOP_NAMES_KIND, -1}, NULL},
    /* parameters: after the kinds (whose names they must not take), before
     * everything that reads them */
    [D_PARAM] = {D_PARAM, "parameter", 0, key_param, rsv_params, NULL, NULL, {COOP_NAMES_PARAM, -1}, exprs_param},
    [D_ACTOR] = {D_ACTOR, "actor", 0, key_actor, rsv_actors, NULL, NULL, {COOP_NAMES_ACTOR, -1}, exprs_actor},
    [D_RELATION] = {D_RELATION, "relation", 0, key_name, rsv_relations, NULL, NULL, {COOP_NAMES_RELATION, -1},
                    exprs_relation},
    [D_RELSET] = {D_RELSET, "relation value", 0, key_value, rsv_relvalues, NULL, NULL, {-1, -1}, exprs_relset},
    [D_RULE] = {D_RULE, "partnership", 0, key_name, rsv_rules, NULL, NULL, {COOP_NAMES_RULE, COOP_NAMES_FACTOR},
                exprs_rule},
    /* tenders are rules (rsv_rules declares both); bids are values of
     * their bidders (rsv_actors) */
    [D_TENDER] = {D_TENDER, "tender", 0, key_name, NULL, NULL, NULL, {-1, -1} /* with the partnerships' */, exprs_rule},
    [D_BID] = {D_BID, "bid", 0, key_bid, NULL, NULL, NULL, {-1, -1}, exprs_bid},
    /* contracts are declared by rsv_rules too: after the tenders they come
     * from, before the partnerships that read them */
    [D_CONTRACT] = {D_CONTRACT, "contract", 0, key_name, NULL, NULL, NULL, {COOP_NAMES_CONTRACT, -1}, exprs_contract},
    /* time: the timeline, then ranges, then events (which read both) */
    [D_TIMELINE] = {D_TIMELINE, "timeline", 0, key_timeline, rsv_timeline, NULL, NULL, {-1, -1}, NULL},
    [D_ATTRIBUTE] = {D_ATTRIBUTE, "attribute range", 0, key_attribute, rsv_ranges, NULL, NULL, {-1, -1},
                     exprs_attribute},
    [D_EVENT] = {D_EVENT, "event", 0, key_event, rsv_events, NULL, NULL, {-1, -1}, exprs_event},
    /* case data: its rows are actors and relation values (data_flatten),
     * resolved with theirs */
    [D_DATA] = {D_DATA, "data", 0, key_data, NULL, NULL, NULL, {-1, -1} /* its actors are actors */, exprs_data},
    [S_SHOW] = {S_SHOW, "show", 1, NULL, NULL, rsv_target, run_show, {-1, -1}, NULL},
    [S_EXPLAIN] = {S_EXPLAIN, "explain", 1, NULL, NULL, rsv_target, run_explain, {-1, -1}, NULL},
    [S_DOMINANCE] = {S_DOMINANCE, "dominance", 1, NULL, NULL, rsv_target, run_dominance, {-1, -1}, NULL},
    [S_EXPECT] = {S_EXPECT, "expect", 1, NULL, NULL, rsv_condition, run_expect, {-1, -1}, exprs_expect},
    [S_SWEEP] = {S_SWEEP, "sweep", 1, NULL, NULL, rsv_sweep, run_sweep, {-1, -1}, exprs_sweep},
    [S_FLIP] = {S_FLIP, "flip", 1, NULL, NULL, rsv_flip, run_flip, {-1, -1}, NULL},
    [S_VALUE] = {S_VALUE, "value", 1, NULL, NULL, rsv_value, run_value, {-1, -1}, exprs_expect},
};
