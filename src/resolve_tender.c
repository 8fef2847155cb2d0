/*
 * resolve_tender.c - tenders and bids: a tender's settings, its bidders and
 * buyer as the two parameters of a rule, its requirements (the verdict:
 * eligible), how the award ranks bids and breaks ties; a bid's fields as
 * attributes of its bidder.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "contract.h"
#include "resolver.h"
#include "tender.h"

const char *rsv_bid_field(R *r, const char *tender, const char *field)
{
    return arena_printf(r->a, "%s.%s", tender, field);
}

int rsv_word_of(R *r, suggest *sg, const char *w, const char *const *words, int n)
{
    suggest_init(sg, w, r->d);
    for (int i = 0; i < n; i++) {
        if (strcmp(w, words[i]) == 0) return i;
        suggest_offer(sg, words[i], 0);
    }
    return -1;
}

/* The setting named s of d, or NULL. */
static const setting *setting_of(const decl *d, const char *s)
{
    const tender_def *t = d->u.rule.tender;
    const setting *found = NULL;
    for (int i = 0; i < t->nset; i++)
        if (strcmp(t->set[i].n.s, s) == 0) found = &t->set[i];
    return found;
}

/* The settings: buyer, budget, method, min_bids.  0 on errors. */
static int settings(R *r, const decl *d, tender_info *ti)
{
    const model *m = r->m;
    const tender_def *t = d->u.rule.tender;
    int ok = 1;
    for (int i = 0; i < t->nset; i++)
        for (int j = 0; j < i; j++) /* against the first only: the settings have 4 names, so this is linear */
            if (strcmp(t->set[i].n.s, t->set[j].n.s) == 0) {
                ERR(t->set[i].n.loc, "tender '%s' sets '%s' twice", d->n.s, t->set[i].n.s);
                NOTE(t->set[j].n.loc, "the first is here");
                ok = 0;
                break;
            }
    const setting *b = setting_of(d, "buyer");
    ti->buyer = -1;
    if (!b) {
        ERR(d->n.loc, "tender '%s' has no buyer: write 'buyer = ACTOR' in its body", d->n.s);
        ok = 0;
    } else if (b->value->k != X_NAME) {
        ERR(b->value->loc, "a tender's buyer is an actor: write 'buyer = ACTOR'");
        ok = 0;
    } else if ((ti->buyer = names_get(&m->actor_idx, b->value->u.id.s)) < 0) {
        rsv_unknown(r, b->value->loc, b->value->u.id.s, SUGGEST_ACTOR);
        ok = 0;
    }
    const setting *bu = setting_of(d, "budget");
    ti->budget = bu ? rsv_number(r, bu->value, "a tender's budget", NAN) : NAN;
    if (bu && isnan(ti->budget)) ok = 0;
    const setting *me = setting_of(d, "method");
    ti->method = TENDER_OPEN;
    if (me) {
        static const char *const words[] = {"open", "selective", "single_source"};
        suggest sg;
        int k = rsv_word_of(r, &sg, me->value->k == X_NAME ? me->value->u.id.s : "", words, 3);
        if (k < 0) {
            ERR(me->value->loc, "a tender's method is open, selective or single_source%s", suggest_said(&sg));
            ok = 0;
        } else
            ti->method = (tender_method)k;
    }
    const setting *mb = setting_of(d, "min_bids");
    ti->min_bids = 1;
    if (mb) {
        double v = rsv_number(r, mb->value, "min_bids", NAN);
        if (isnan(v)) ok = 0;
        else if (v != floor(v) || v < 1 || v > 1e9) {
            ERR(mb->value->loc, "min_bids is a whole number of bids, 1 or more");
            ok = 0;
        } else
            ti->min_bids = (int)v;
    }
    return ok;
}

/* The bids for tender d: their bidders (of the bidder kind, each once, not
 * the buyer) into ru->cand[0], in the actors' order.  0 on errors. */
static int bids(R *r, const decl *d, rule_info *ru, int kind)
{
    const model *m = r->m;
    const program *p = r->prog;
    int ok = 1, n = 0;
    const decl **by = mem_calloc((size_t)m->nactors + 1, sizeof *by);
    for (int i = 0; p && i < p->n; i++) {
        const decl *b = p->v[i];
        if (b->k != D_BID || strcmp(b->u.bid.tender.s, d->n.s) != 0) continue;
        int a = names_get(&m->actor_idx, b->u.bid.bidder.s);
        if (a < 0) {
            rsv_unknown(r, b->u.bid.bidder.loc, b->u.bid.bidder.s, SUGGEST_ACTOR);
            ok = 0;
            continue;
        }
        if (!model_is_a(m, m->actors[a].kind, kind)) {
            ERR(b->u.bid.bidder.loc, "'%s' is of kind '%s', but tender '%s' takes bids from '%s' actors only",
                b->u.bid.bidder.s, m->kinds[m->actors[a].kind].name, d->n.s, m->kinds[kind].name);
            ok = 0;
            continue;
        }
        if (a == ru->tender->buyer) {
            ERR(b->u.bid.bidder.loc, "'%s' is the buyer of tender '%s' and cannot bid for it", b->u.bid.bidder.s,
                d->n.s);
            ok = 0;
            continue;
        }
        if (by[a]) {
            ERR(b->loc, "'%s' bids for tender '%s' twice", b->u.bid.bidder.s, d->n.s);
            NOTE(by[a]->loc, "the first bid is here");
            ok = 0;
            continue;
        }
        by[a] = b;
        n++;
    }
    int *bidders = arena_alloc(r->a, (size_t)(n + 1) * sizeof(int));
    ru->ncand[0] = 0;
    for (int a = 0; a < m->nactors; a++)
        if (by[a]) bidders[ru->ncand[0]++] = a;
    ru->cand[0] = bidders;
    free(by);
    return ok;
}

int rsv_tender_params(R *r, const decl *d, rule_info *ru)
{
    const model *m = r->m;
    r->tender = d->u.rule.tender;
    r->bid_slot = 0;
    tender_info *ti = ru->tender = arena_alloc(r->a, sizeof *ru->tender);
    ti->label = d->u.rule.tender->label;
    ti->price = -1;
    int ok = settings(r, d, ti);
    if (d->u.rule.np != 1) {
        ERR(d->n.loc, "tender '%s' takes one parameter, the bidder (like 'a: association'), not %d", d->n.s,
            d->u.rule.np);
        return -1;
    }
    const paramdef *pd = &d->u.rule.params[0];
    int kind = names_get(&m->kind_idx, pd->kind.s);
    if (kind < 0) {
        rsv_unknown(r, pd->kind.loc, pd->kind.s, SUGGEST_KIND);
        return -1;
    }
    if (strcmp(pd->n.s, "buyer") == 0 || strcmp(pd->n.s, "bid") == 0) {
        ERR(pd->n.loc, "'%s' already names the tender's %s; call the bidder something else, like 'a'", pd->n.s, pd->n.s);
        return -1;
    }
    ru->np = 2;
    ru->pnames = arena_alloc(r->a, 3 * sizeof *ru->pnames);
    ru->pkinds = arena_alloc(r->a, 3 * sizeof *ru->pkinds);
    ru->cand = arena_alloc(r->a, 3 * sizeof *ru->cand);
    ru->ncand = arena_alloc(r->a, 3 * sizeof *ru->ncand);
    ru->order_after = arena_alloc(r->a, 3 * sizeof *ru->order_after);
    ru->ordered = 1; /* bidder and buyer: never one set of actors */
    ru->order_after[0] = ru->order_after[1] = -1;
    ru->pnames[0] = pd->n.s;
    ru->pkinds[0] = kind;
    ru->pnames[1] = "buyer";
    names_put(&r->params, pd->n.s, 0);
    names_put(&r->params, "buyer", 1);
    ok &= bids(r, d, ru, kind);
    int *buyer = arena_alloc(r->a, 2 * sizeof(int));
    ru->cand[1] = buyer;
    if (ti->buyer >= 0) {
        ru->pkinds[1] = m->actors[ti->buyer].kind;
        buyer[0] = ti->buyer;
        ru->ncand[1] = 1;
    }
    ru->ntuples = ru->ncand[0] * ru->ncand[1];
    return ok;
}

/* Says at loc that the bids for tender t have no field f: with the field
 * of theirs nearest to it, or the fields they have. */
static void no_field(R *r, coop_loc loc, const char *t, const char *f)
{
    const model *m = r->m;
    size_t len = 0;
    char list[256] = "";
    int n = 0;
    suggest sg;
    suggest_init(&sg, f, r->d);
    for (int i = m->nactor_attrs; i < m->nattrs; i++) {
        const attr_info *ai = &m->attrs[i];
        if (!attr_field_of(ai, t)) continue;
        suggest_offer(&sg, ai->field, 0);
        if (n++ < 6 && len < sizeof list)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", n > 1 ? ", " : "", ai->field);
    }
    if (sg.best || !n)
        ERR(loc, "the bids for tender '%s' have no field '%s'%s", t, f, n ? suggest_said(&sg) : "; they have no fields");
    else
        ERR(loc, "the bids for tender '%s' have no field '%s'; their fields are %s%s", t, f, list, n > 6 ? ", ..." : "");
}

/* The bid of actor ac for tender ru lacks field `at` (others have it),
 * which the tender, or contract ci, reads at e as bid.X: said once for the
 * bid and field, however many places read it, with a field the bid sets
 * that is close to it, and where the bid is. */
static void missing_field(R *r, const expr *e, const rule_info *ru, const contract_info *ci, int ac, int at)
{
    const model *m = r->m;
    const char *an = m->attrs[at].field;
    if (rsv_said_missing(r, at, ac)) return;
    suggest sg;
    suggest_init(&sg, an, r->d);
    for (int i = m->nactor_attrs; i < m->nattrs; i++)
        if (attr_field_of(&m->attrs[i], ru->name) && r->w->has[i][ac]) suggest_offer(&sg, m->attrs[i].field, i);
    ERR(e->u.attr.attr.loc, "the bid of '%s' for tender '%s' has no '%s', which %s reads as bid.%s%s",
        m->actors[ac].name, ru->name, an, ci ? arena_printf(r->a, "contract '%s'", ci->name) : "the tender", an,
        sg.best ? arena_printf(r->a, "; it sets '%s': did you mean '%s'?", sg.best, an) : "");
    for (int i = 0; r->prog && i < r->prog->n; i++) {
        const decl *b = r->prog->v[i];
        if (b->k != D_BID || strcmp(b->u.bid.tender.s, ru->name) != 0 ||
            strcmp(b->u.bid.bidder.s, m->actors[ac].name) != 0)
            continue;
        for (int j = 0; sg.best && j < b->u.bid.n; j++)
            if (strcmp(b->u.bid.attrs[j].n.s, sg.best) == 0) {
                NOTE(b->u.bid.attrs[j].n.loc, "the bid of '%s' sets '%s' here", m->actors[ac].name, sg.best);
                return;
            }
        NOTE(b->loc, "the bid of '%s' is here", m->actors[ac].name);
        return;
    }
}

/* `bid.X` in tender ru, or in a contract it awards (the winning bid, its
 * supplier's): field X of the bid, which every bid must have. */
rexpr *rsv_bid_attr(R *r, const expr *e)
{
    const model *m = r->m;
    const contract_info *ci = r->rule->contract;
    const rule_info *ru = ci ? &m->rules[ci->tender] : r->rule;
    const char *an = e->u.attr.attr.s;
    int at = names_get(&m->attr_idx, rsv_bid_field(r, ru->name, an));
    int ok = 1;
    /* inside lowest(... for x: K), bid.X is still the bid being scored:
     * likely meant as x's bid when x ranges over the bidders' kind */
    const bound_name *inner = r->nbound ? &r->bound[r->nbound - 1] : NULL;
    if (inner && r->bid_slot == 0 && model_is_a(m, inner->kind, ru->pkinds[0]))
        WARN(e->loc, "bid.%s here is the bid being scored, not %s's: over the eligible bids, write %s(bid.%s) "
                     "without 'for'", an, inner->name, inner->agg->k == X_AGG ? inner->agg->u.agg.op.s : "lowest", an);
    if (at < 0 && ru->ncand[0]) { /* no bid has it: a slip of the reader's, said where it reads */
        no_field(r, e->u.attr.attr.loc, ru->name, an);
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    for (int i = 0; at >= 0 && i < ru->ncand[0]; i++)
        if (!r->w->has[at][ru->cand[0][i]]) {
            missing_field(r, e, ru, ci, ru->cand[0][i], at);
            ok = 0;
        }
    if (!ok) return rsv_node(r, R_ERR, T_ERR, e);
    if (at < 0) { /* no bids at all: the field is nobody's, and is read as 0 */
        WARN(e->u.attr.attr.loc, "tender '%s' has no bids, so bid.%s has no value", ru->name, an);
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    if (m->attrs[at].type == T_ERR) return rsv_node(r, R_ERR, T_ERR, e);
    rexpr *x = rsv_node(r, R_ATTR, m->attrs[at].type, e);
    x->param = ci ? 1 : r->bid_slot; /* a contract's supplier, a tender's bidder (or a bound bid) */
    x->attr = at;
    return x;
}

/* A tender's parameters, its aggregates' names as written, and its
 * requirements' names again inside an aggregate over its bids: the slots
 * of an evaluator's tuple (eval.h). */
_Static_assert(2 + 2 * COOP_MAX_AGG_DEPTH <= COOP_MAX_PARAMS + COOP_MAX_AGG_DEPTH,
               "a tender's slots fit an evaluator's tuple");

rexpr *rsv_bids_agg(R *r, const expr *e, ctxkind ctx, agg_op op)
{
    rule_info *ru = r->rule;
    const char *fn = e->u.call.fn.s;
    if (r->requirement) {
        ERR(e->loc, "requirement '%s' cannot read %s() over the eligible bids: which bids are eligible would depend "
                    "on itself", r->requirement, fn);
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    if (ctx != CTX_FACTOR) { /* the score */
        const char *text = ast_text(r->a, e);
        ERR(e->loc, "the score reads factors, not bids: make %s a factor, like 'factor %s_bid = %s', and read "
                    "%s_bid in the score", text, fn, text, fn);
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    if (e->u.call.n != 1) {
        ERR(e->loc, "%s() over a tender's eligible bids takes one value, like %s(bid.price); over actors, write "
                    "%s(EXPR for x: KIND)", fn, fn, fn);
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    if (rsv_too_deep(r, e)) return rsv_node(r, R_ERR, T_ERR, e);
    /* the bidder's name and bid.X read each eligible bid in turn */
    bound_name *b = &r->bound[r->nbound];
    b->name = ru->pnames[0];
    b->kind = ru->pkinds[0];
    b->slot = ru->np + r->nbound;
    b->cand = ru->cand[0];
    b->ncand = ru->ncand[0];
    b->agg = e;
    r->nbound++;
    int saved = r->bid_slot;
    r->bid_slot = b->slot;
    char what[64];
    snprintf(what, sizeof what, "%s()", fn);
    rexpr *body = rsv_need(r, e->u.call.args[0], ctx, 1, what), *cond = NULL;
    /* eligible: every requirement, of that bid; they were resolved for the
     * tender's own bid first, and one that failed there was said there.
     * Each reads that bid as written, at the top of the tender: the names
     * bound around this aggregate are not its, and its own aggregates nest
     * from none (resolver.h), above the slots in use */
    int ok = body->type != T_ERR && ru->tender->nreq == r->tender->nreq;
    int visible = r->visible, nested = r->nested;
    r->visible = r->nbound - 1;
    r->nested = r->nbound;
    for (int i = 0; ok && i < r->tender->nreq; i++) {
        const requiredef *rd = &r->tender->req[i];
        r->requirement = rd->n.s;
        rexpr *c = rsv_expr(r, rd->cond, CTX_FACTOR);
        r->requirement = NULL;
        if (c->type != T_BOOL) { ok = 0; break; } /* T_ERR: said; not true/false: it would have failed before */
        if (!cond) { cond = c; continue; }
        rexpr *both = rsv_node(r, R_BIN, T_BOOL, rd->cond);
        both->op = OP_AND;
        rsv_subs(r, both, 2);
        both->sub[0] = cond;
        both->sub[1] = c;
        cond = both;
    }
    r->visible = visible;
    r->nested = nested;
    r->bid_slot = saved;
    r->nbound--;
    if (!ok) return rsv_node(r, R_ERR, T_ERR, e);
    agg_info *a = arena_alloc(r->a, sizeof *a);
    a->op = op;
    a->slot = b->slot;
    a->cand = ru->cand[0];
    a->ncand = ru->ncand[0];
    a->range = arena_printf(r->a, "eligible bid of '%s'", ru->name);
    a->bids = 1;
    a->cond = cond;
    a->body = body;
    a->has_else = 1; /* no bid eligible: no award, and no value to score with */
    a->els = NAN;
    a->index = (int)r->aggs.n;
    rexpr *v = rsv_node(r, R_AGG, T_NUM, e);
    v->agg = a;
    a->src = v;
    rsv_subs(r, v, 1 + (cond != NULL));
    v->sub[0] = body;
    if (cond) v->sub[1] = cond;
    a->hoist = rsv_reads_below(v, a->slot, 1) ? -1 : 0;
    vec_push(r->aggs, a);
    return v;
}

/* A key that orders bids: `lowest EXPR`, `highest EXPR`, where EXPR reads
 * the bid and its bidder (as a factor does) or names a factor or `score`. */
static int bid_key_of(R *r, const rule_info *ru, const keydef *k, bid_key *out, const char *what)
{
    static const char *const words[] = {"lowest", "highest"};
    const char *w = k->word.s;
    suggest sg;
    int which = rsv_word_of(r, &sg, w, words, 2);
    if (which < 0) {
        ERR(k->word.loc, "%s orders bids by 'lowest' or 'highest' EXPR, not '%s'%s", what, w, suggest_said(&sg));
        return 0;
    }
    out->lowest = which == 0;
    out->text = ast_text(r->a, k->e);
    if (k->e->k == X_SCORE) {
        if (!ru->score) {
            ERR(k->e->loc, "tender '%s' has no score to order bids by", ru->name);
            return 0;
        }
        out->e = arena_alloc(r->a, sizeof *out->e);
        out->e->k = R_SCORE;
        out->e->type = T_NUM;
        out->e->src = k->e;
        out->e->rule = -1;
        return 1;
    }
    if (k->e->k == X_NAME && names_get(&r->factors, k->e->u.id.s) >= 0) {
        out->e = rsv_expr(r, k->e, CTX_SCORE); /* a factor's effective value */
        return out->e->type != T_ERR;
    }
    out->e = rsv_need(r, k->e, CTX_FACTOR, 1, what);
    if (out->e->type == T_ERR) return 0;
    if (!rsv_reads_below(out->e, 1, -1)) { /* reads no slot 0: neither the bid nor the bidder */
        const char *hint = ""; /* lowest(bid.price): bid.price */
        if (out->e->k == R_AGG && k->e->k == X_CALL && k->e->u.call.n == 1)
            hint = arena_printf(r->a, "; to order by each bid's own value, write '%s %s'", w,
                                ast_text(r->a, k->e->u.call.args[0]));
        WARN(k->e->loc, "%s key '%s' is the same for every bid, so it orders none%s", what, out->text, hint);
    }
    return 1;
}

/* And of the requirements' conditions: the verdict (true with none). */
static rexpr *all_of(R *r, const tender_info *ti, const expr *src)
{
    rexpr *x = arena_alloc(r->a, sizeof *x);
    x->k = R_CONST;
    x->type = T_BOOL;
    x->num = 1;
    x->src = src;
    x->rule = -1;
    for (int i = ti->nreq - 1; i >= 0; i--) {
        if (x->k == R_CONST && x->num == 1) {
            x = ti->req[i].cond;
            continue;
        }
        rexpr *a = arena_alloc(r->a, sizeof *a);
        a->k = R_BIN;
        a->op = OP_AND;
        a->type = T_BOOL;
        a->src = ti->req[i].cond->src;
        a->rule = -1;
        a->nsub = 2;
        a->sub = arena_alloc(r->a, 2 * sizeof *a->sub);
        a->sub[0] = ti->req[i].cond;
        a->sub[1] = x;
        x = a;
    }
    return x;
}

/* Does x read the bid's (the bidder's) attribute at? */
static int reads_field(const rexpr *x, int at)
{
    if (x->k == R_ATTR && x->param == 0 && x->attr == at) return 1;
    for (int i = 0; i < x->nsub; i++)
        if (reads_field(x->sub[i], at)) return 1;
    return 0;
}

/* The field a win price varies: the bid field the award ranks by, else
 * the one named price (a number); and the requirements that read it. */
static void price_field(R *r, rule_info *ru)
{
    const model *m = r->m;
    tender_info *ti = ru->tender;
    const rexpr *k = ti->key.e;
    ti->price = -1;
    if (k && k->k == R_ATTR && k->param == 0 && attr_field_of(&m->attrs[k->attr], ru->name)) ti->price = k->attr;
    else {
        int at = names_get(&m->attr_idx, rsv_bid_field(r, ru->name, "price"));
        if (at >= 0 && m->attrs[at].type == T_NUM) ti->price = at;
    }
    for (int q = 0; q < ti->nreq; q++) ti->req[q].reads_price = ti->price >= 0 && reads_field(ti->req[q].cond, ti->price);
}

int rsv_tender_requirements(R *r, const decl *d, rule_info *ru)
{
    const tender_def *t = d->u.rule.tender;
    tender_info *ti = ru->tender;
    int ok = 1;
    ti->req = arena_alloc(r->a, (size_t)(t->nreq + 1) * sizeof *ti->req);
    if (t->nreq > COOP_MAX_REQUIREMENTS) {
        ERR(t->req[COOP_MAX_REQUIREMENTS].loc, "tender '%s' has %d requirements; the limit is %d", d->n.s, t->nreq,
            COOP_MAX_REQUIREMENTS);
        return 0;
    }
    for (int i = 0; i < t->nreq; i++) {
        const requiredef *rd = &t->req[i];
        requirement *q = &ti->req[ti->nreq];
        ok &= rsv_named_once(r, t->req, sizeof *t->req, offsetof(requiredef, n), i,
                             arena_printf(r->a, "tender '%s' has two requirements", d->n.s));
        q->name = rd->n.s;
        q->sym = rsv_sym(r, rd->n.s);
        q->label = rd->label;
        q->loc = rd->loc;
        r->requirement = rd->n.s;
        q->cond = rsv_truth(r, rd->cond, arena_printf(r->a, "requirement '%s'", rd->n.s),
                            arena_printf(r->a, "require %s =", rd->n.s));
        r->requirement = NULL;
        if (!q->cond) {
            ok = 0;
            continue;
        }
        ti->nreq++;
    }
    return ok;
}

int rsv_tender_body(R *r, const decl *d, rule_info *ru)
{
    const model *m = r->m;
    const tender_def *t = d->u.rule.tender;
    tender_info *ti = ru->tender;
    int ok = 1;
    ru->forms = all_of(r, ti, d->u.rule.score ? d->u.rule.score : NULL);
    if (!t->has_award) {
        ti->award = ru->score ? AWARD_BEST : AWARD_TO;
        if (!ru->score) {
            ERR(d->n.loc, "tender '%s' has neither a score nor an 'award': write 'score = ...' and 'award best score', "
                          "or 'award lowest bid.price'", d->n.s);
            ok = 0;
        }
    } else {
        const keydef *k = &t->award;
        const char *w = k->word.s;
        if (strcmp(w, "best") == 0) {
            ti->award = AWARD_BEST;
            if (k->e->k != X_SCORE) {
                ERR(k->e->loc, "'award best' takes 'score': write 'award best score', or 'award lowest EXPR'");
                ok = 0;
            } else if (!ru->score) {
                ERR(k->e->loc, "tender '%s' has no score: write 'score = ...', or award by 'lowest EXPR'", d->n.s);
                ok = 0;
            }
        } else if (strcmp(w, "to") == 0) {
            ti->award = AWARD_TO;
            ti->award_to = -1;
            if (k->e->k != X_NAME) {
                ERR(k->e->loc, "'award to' names the one bidder of a single-source purchase: write 'award to ACTOR'");
                ok = 0;
            } else if ((ti->award_to = names_get(&m->actor_idx, k->e->u.id.s)) < 0) {
                rsv_unknown(r, k->e->loc, k->e->u.id.s, SUGGEST_ACTOR);
                ok = 0;
            } else {
                int bids_ = 0;
                for (int i = 0; i < ru->ncand[0]; i++) bids_ |= ru->cand[0][i] == ti->award_to;
                if (!bids_) {
                    ERR(k->e->loc, "'%s' has no bid for tender '%s': a single-source award goes to a bidder "
                                   "(write 'bid %s by %s { ... }')", k->e->u.id.s, d->n.s, d->n.s, k->e->u.id.s);
                    ok = 0;
                }
            }
            if (ti->method != TENDER_SINGLE && setting_of(d, "method")) {
                ERR(t->award_loc, "'award to' is a single-source award, but tender '%s' says method = %s; "
                                  "write 'method = single_source'", d->n.s, ti->method == TENDER_OPEN ? "open" : "selective");
                ok = 0;
            }
            ti->method = TENDER_SINGLE;
        } else if (strcmp(w, "lowest") != 0 && strcmp(w, "highest") != 0) {
            static const char *const words[] = {"best", "lowest", "highest", "to"};
            suggest sg;
            rsv_word_of(r, &sg, w, words, 4);
            ERR(k->word.loc, "'award' takes 'best score', 'lowest EXPR', 'highest EXPR' or 'to ACTOR', not '%s'%s", w,
                suggest_said(&sg));
            ok = 0;
        } else {
            ti->award = w[0] == 'l' ? AWARD_LOWEST : AWARD_HIGHEST;
            ok &= bid_key_of(r, ru, k, &ti->key, "'award'");
        }
    }
    if (ti->method == TENDER_SINGLE && ti->award != AWARD_TO && ok) {
        ERR(d->n.loc, "tender '%s' is single_source: name its supplier with 'award to ACTOR'", d->n.s);
        ok = 0;
    }
    if (ti->award == AWARD_BEST) {
        ti->key.lowest = 0;
        ti->key.text = "score";
        ti->key.e = NULL;
    }
    ti->tie = arena_alloc(r->a, (size_t)(t->ntie + 1) * sizeof *ti->tie);
    for (int i = 0; i < t->ntie; i++) ok &= bid_key_of(r, ru, &t->tie[i], &ti->tie[ti->ntie++], "'tie'");
    if (ti->award == AWARD_TO && t->ntie) {
        ERR(t->tie[0].word.loc, "a single-source award ranks no bids: delete 'tie'");
        ok = 0;
    }
    if (ok) price_field(r, ru);
    return ok;
}

/* The rule of the tender named t, or -1 after saying there is none. */
static int tender_named(R *r, const name *t)
{
    int c = names_get(&r->m->callables, t->s);
    if (c <= -2 && r->m->rules[-2 - c].tender) return -2 - c;
    rsv_unknown(r, t->loc, t->s, SUGGEST_TENDER);
    return -1;
}

void rsv_bids_known(R *r, const program *p)
{
    for (int i = 0; i < p->n; i++)
        if (p->v[i]->k == D_BID) tender_named(r, &p->v[i]->u.bid.tender);
}

int rsv_bidder(R *r, int rule, const name *args, int n, coop_loc loc, int *out)
{
    const model *m = r->m;
    const rule_info *ru = &m->rules[rule];
    if (n != 1) {
        ERR(loc, "tender '%s' takes one bidder, not %d actors: write %s(BIDDER)", ru->name, n, ru->name);
        return -1;
    }
    int a = names_get(&m->actor_idx, args[0].s);
    if (a < 0) {
        rsv_unknown(r, args[0].loc, args[0].s, SUGGEST_ACTOR);
        return -1;
    }
    for (int i = 0; i < ru->ncand[0]; i++)
        if (ru->cand[0][i] == a) {
            out[0] = a;
            out[1] = ru->tender->buyer;
            return 0;
        }
    suggest sg;
    suggest_init(&sg, args[0].s, r->d);
    for (int i = 0; i < ru->ncand[0]; i++) suggest_offer(&sg, m->actors[ru->cand[0][i]].name, 0);
    if (sg.best || ru->ncand[0] == 0)
        ERR(args[0].loc, "'%s' has no bid for tender '%s'%s", args[0].s, ru->name,
            ru->ncand[0] ? suggest_said(&sg) : ", which has no bids");
    else {
        char who[256];
        size_t len = 0;
        for (int i = 0; i < ru->ncand[0] && i < 4 && len < sizeof who; i++)
            len += (size_t)snprintf(who + len, sizeof who - len, "%s%s", i ? ", " : "", m->actors[ru->cand[0][i]].name);
        ERR(args[0].loc, "'%s' has no bid for tender '%s'; its bidders are %s%s", args[0].s, ru->name, who,
            ru->ncand[0] > 4 ? ", ..." : "");
    }
    return -1;
}

/* What a query of tender `rule` needs besides its arguments: gap() a
 * ranking, win_price() a price to vary on x's bid.  0, or -1 after
 * reporting. */
static int query_needs(R *r, rkind k, int rule, const int *tuple, const expr *e)
{
    const model *m = r->m;
    const rule_info *ru = &m->rules[rule];
    const tender_info *ti = ru->tender;
    if (k == R_GAP && ti->award == AWARD_TO) {
        ERR(e->loc, "gap() measures how far a bid is behind the first on the award's key, but tender '%s' is a "
                    "single-source purchase, which ranks no bids", ru->name);
        return -1;
    }
    if (k != R_WIN_PRICE) return 0;
    int at = names_get(&m->attr_idx, rsv_bid_field(r, ru->name, "price"));
    if (ti->price < 0) {
        if (at >= 0)
            ERR(e->loc, "tender '%s' has no bid price to vary: its bids' field 'price' is %s, not a number", ru->name,
                rsv_type_name(m->attrs[at].type));
        else
            ERR(e->loc, "tender '%s' has no bid price to vary: its award is not by a field of the bids, and they have "
                        "no field 'price'; name the bids' price 'price', or award by it ('award lowest bid.FIELD')",
                ru->name);
        return -1;
    }
    if (!r->w->has[ti->price][tuple[0]]) {
        ERR(e->u.call.args[1]->loc, "the bid of '%s' for tender '%s' has no '%s' to vary", m->actors[tuple[0]].name,
            ru->name, m->attrs[ti->price].field);
        return -1;
    }
    return 0;
}

int rsv_bid_cell(R *r, const name *tender, const name *bidder, const name *field, int *actor, int *attr)
{
    const model *m = r->m;
    int rule = tender_named(r, tender), t[COOP_MAX_PARAMS];
    if (rule < 0 || rsv_bidder(r, rule, bidder, 1, bidder->loc, t) < 0) return -1;
    *actor = t[0];
    *attr = names_get(&m->attr_idx, rsv_bid_field(r, tender->s, field->s));
    if (*attr >= 0) return 0;
    no_field(r, field->loc, tender->s, field->s);
    return -1;
}

const char *resolve_field_hint(const model *m, const coop_world *w, const char *an, int ac, char *buf, size_t n)
{
    buf[0] = 0;
    for (int i = m->nactor_attrs; i < m->nattrs; i++) {
        const attr_info *ai = &m->attrs[i];
        int tl = (int)(ai->field - 1 - ai->name); /* "TENDER.FIELD" */
        if (strcmp(ai->field, an) != 0 || (ac >= 0 && !w->has[i][ac])) continue;
        if (ac >= 0)
            snprintf(buf, n, "; it is a field of its bid for tender '%.*s': bid(%.*s, %s).%s", tl, ai->name, tl,
                     ai->name, m->actors[ac].name, an);
        else
            snprintf(buf, n, "; it is a field of the bids for tender '%.*s', which reads it as bid.%s", tl, ai->name, an);
        break;
    }
    return buf;
}

const char *rsv_field_hint(R *r, const char *an, int ac, char *buf, size_t n)
{
    return resolve_field_hint(r->m, r->w, an, ac, buf, n);
}

rexpr *rsv_bid_value(R *r, const expr *e, ctxkind ctx)
{
    const char *t = e->u.bid.tender.s, *x = e->u.bid.bidder.s, *f = e->u.bid.field.s;
    if (rsv_no_world(ctx)) {
        ERR(e->loc, "expected %s, not the bid field bid(%s, %s).%s", rsv_wanted(ctx), t, x, f);
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    if (ctx != CTX_STMT) {
        ERR(e->loc, "bid(%s, %s).%s reads one bid, and only statements (expect, a value) read it%s", t, x, f,
            r->rule && r->rule->tender ? "; a tender reads its bids as bid.FIELD" : "");
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    int ac, at;
    if (rsv_bid_cell(r, &e->u.bid.tender, &e->u.bid.bidder, &e->u.bid.field, &ac, &at) < 0)
        return rsv_node(r, R_ERR, T_ERR, e);
    if (!rsv_has(r, at, ac)) {
        ERR(e->u.bid.field.loc, "the bid of '%s' for tender '%s' has no '%s'", x, t, f);
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    return rsv_actor_attr(r, e, ac, at);
}

rexpr *rsv_tender_query(R *r, const expr *e, ctxkind ctx)
{
    static const struct { const char *fn; rkind k; vtype t; int bidder; } qs[] = {
        {"winner", R_WINNER, T_ACTOR, 0},   {"status", R_STATUS, T_STATUS, 0},       {"rank", R_RANK, T_NUM, 1},
        {"eligible", R_ELIGIBLE, T_BOOL, 1}, {"score", R_BIDSCORE, T_NUM, 1},        {"failed", R_FAILED, T_SET, 1},
        {"gap", R_GAP, T_NUM, 1},           {"win_price", R_WIN_PRICE, T_NUM, 1},   {"stable", R_STABLE, T_BOOL, 0},
    };
    const char *fn = e->u.call.fn.s;
    int q = -1, n = e->u.call.n;
    for (int i = 0; i < (int)(sizeof qs / sizeof qs[0]); i++)
        if (strcmp(qs[i].fn, fn) == 0) q = i;
    if (q < 0 || names_get(&r->m->callables, fn) != -1) return NULL; /* a relation or rule of that name */
    if (qs[q].k == R_BIDSCORE && n != 2) return NULL; /* score(R(a, b)) */
    expr *const *args = e->u.call.args;
    if (ctx != CTX_STMT) {
        ERR(e->loc, "%s() reads a tender's award and can only be used in statements such as expect%s", fn,
            r->rule && !r->rule->tender ? "; a partnership reads an award through its contract, like supplier(C) == n"
                                        : "");
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    if (n != 1 + qs[q].bidder) {
        ERR(e->loc, "%s() takes %s, not %d argument%s", fn, qs[q].bidder ? "a tender and a bidder" : "a tender", n,
            n == 1 ? "" : "s");
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    int c = args[0]->k == X_NAME ? names_get(&r->m->callables, args[0]->u.id.s) : -1;
    if (c > -2 || !r->m->rules[-2 - c].tender) {
        if (args[0]->k == X_NAME) rsv_unknown(r, args[0]->loc, args[0]->u.id.s, SUGGEST_TENDER);
        else ERR(args[0]->loc, "%s() needs a tender's name here", fn);
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    rexpr *x = rsv_node(r, qs[q].k, qs[q].t, e);
    x->rule = -2 - c;
    if (!qs[q].bidder) return x;
    if (args[1]->k != X_NAME) {
        ERR(args[1]->loc, "expected a bidder's name");
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    x->args = arena_alloc(r->a, sizeof(int) * COOP_MAX_PARAMS);
    x->nargs = 2;
    if (rsv_bidder(r, x->rule, &args[1]->u.id, 1, e->loc, x->args) < 0) return rsv_node(r, R_ERR, T_ERR, e);
    if (query_needs(r, x->k, x->rule, x->args, e) < 0) return rsv_node(r, R_ERR, T_ERR, e);
    return x;
}

int rsv_tender_of(R *r, int rule, shapley_of of, const name *word, const char *bidder, coop_loc loc)
{
    const rule_info *ru = &r->m->rules[rule];
    const tender_info *ti = ru->tender;
    if (!ti || of != OF_VERDICT) return 0;
    char none[160] = "", award[160] = "";
    if (!word)
        snprintf(none, sizeof none, "tender '%s' has no score, so its Shapley values would be of the verdict: ",
                 ru->name);
    if (!bidder && ru->score && ti->award != AWARD_TO && (!ti->key.e || ti->key.e->k == R_SCORE))
        snprintf(award, sizeof award, "; which factor decided the award: dominance %s", ru->name);
    ERR(word ? word->loc : loc,
        "%sa bid's verdict is its eligibility, which only the requirements decide, and they read no factor: its "
        "Shapley values are 0 by construction; what decides %s's eligibility: failed(%s, %s), or explain %s(%s)%s",
        none, bidder ? bidder : "a bid", ru->name, bidder ? bidder : "BIDDER", ru->name, bidder ? bidder : "BIDDER",
        award);
    return -1;
}

int rsv_tender_dominance(R *r, int rule, coop_loc loc)
{
    const rule_info *ru = &r->m->rules[rule];
    const tender_info *ti = ru->tender;
    if (ti->award == AWARD_TO) {
        ERR(loc, "tender '%s' is a single-source purchase: it ranks no bids, so no factor decides between two",
            ru->name);
        return -1;
    }
    if (ti->key.e && ti->key.e->k != R_SCORE) {
        char one[128] = "";
        if (ru->score) snprintf(one, sizeof one, "; dominance %s(BIDDER) ranks the factors of one bid's score", ru->name);
        ERR(loc, "dominance %s divides the score gap between the first two bids among the factors, but tender '%s' "
                 "awards %s %s%s",
            ru->name, ru->name, ti->key.lowest ? "lowest" : "highest", ti->key.text, one);
        return -1;
    }
    return 0;
}

rexpr *rsv_word(R *r, const expr *e, vtype t)
{
    if (e->k != X_NAME) return rsv_expr(r, e, CTX_STMT);
    const char *s = e->u.id.s;
    rexpr *x = rsv_node(r, R_CONST, t, e);
    /* the actor at a parameter (`supplier(c) == n`), or that an aggregate
     * binds (`count(x: npo where supplier(c) == x)`) */
    const bound_name *b = t == T_ACTOR ? rsv_bound(r, s) : NULL;
    int p = b ? b->slot : r->rule && t == T_ACTOR ? names_get(&r->params, s) : -1;
    if (p >= 0) {
        x->k = R_PARAM;
        x->param = p;
        return x;
    }
    if (t == T_EVENT) return rsv_event_name(r, e);
    if (t == T_OSTATUS || t == T_CSTATUS) {
        const char *words[OS_PENDING + 1];
        int n = t == T_OSTATUS ? OS_PENDING + 1 : CS_VOID + 1;
        for (int i = 0; i < n; i++) words[i] = t == T_OSTATUS ? obligation_status_name(i) : contract_status_name(i);
        suggest sg;
        if ((x->num = rsv_word_of(r, &sg, s, words, n)) >= 0) return x;
        ERR(e->loc, t == T_OSTATUS ? "an obligation's status is met, violated, undetected, void or pending, not '%s'%s"
                                   : "a contract's status is active or void, not '%s'%s", s, suggest_said(&sg));
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    if (t == T_ACTOR) {
        x->num = strcmp(s, "none") == 0 ? -1 : names_get(&r->m->actor_idx, s);
        if (x->num == -1 && strcmp(s, "none") != 0) {
            rsv_unknown(r, e->loc, s, SUGGEST_ACTOR);
            return rsv_node(r, R_ERR, T_ERR, e);
        }
        return x;
    }
    const char *words[TS_NO_BIDS + 1];
    for (int i = TS_AWARDED; i <= TS_NO_BIDS; i++) words[i] = tender_status_name((tender_status)i);
    suggest sg;
    if ((x->num = rsv_word_of(r, &sg, s, words, TS_NO_BIDS + 1)) >= 0) return x;
    ERR(e->loc, "a tender's status is awarded, unsuccessful, tied or no_bids, not '%s'%s", s, suggest_said(&sg));
    return rsv_node(r, R_ERR, T_ERR, e);
}
