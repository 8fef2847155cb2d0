/*
 * resolve_contract.c - contracts: their parties (named, or by the award of
 * a tender), term, obligations, monitoring and renewal, resolved in the
 * context of a rule over (buyer, supplier); and the queries that read a
 * contract: in statements, and for their tuples in partnerships.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "contract.h"
#include "fmt.h"
#include "obligation.h"
#include "resolver.h"
#include "words.h"

/* ---- parties ---- */

/* The context of the conditions: a rule over (buyer, supplier), with the
 * actors that may be the supplier as parameter 1's candidates. */
static void context(R *r, contract_info *ci, const int *suppliers, int nsup, int supkind)
{
    const model *m = r->m;
    rule_info *ru = &ci->ru;
    ru->name = ci->name;
    ru->loc = ci->loc;
    ru->contract = ci;
    ru->np = 2;
    ru->ordered = 1; /* two parties, never one set of actors */
    ru->pnames = arena_alloc(r->a, 3 * sizeof *ru->pnames);
    ru->pkinds = arena_alloc(r->a, 3 * sizeof *ru->pkinds);
    ru->cand = arena_alloc(r->a, 3 * sizeof *ru->cand);
    ru->ncand = arena_alloc(r->a, 3 * sizeof *ru->ncand);
    ru->order_after = arena_alloc(r->a, 3 * sizeof *ru->order_after);
    ru->order_after[0] = ru->order_after[1] = -1;
    ru->pnames[0] = "buyer";
    ru->pnames[1] = "supplier";
    ru->pkinds[0] = m->actors[ci->buyer].kind;
    ru->pkinds[1] = supkind;
    int *buyer = arena_alloc(r->a, 2 * sizeof(int)), *sup = arena_alloc(r->a, ((size_t)nsup + 1) * sizeof(int));
    buyer[0] = ci->buyer;
    memcpy(sup, suppliers, (size_t)nsup * sizeof(int));
    ru->cand[0] = buyer;
    ru->ncand[0] = 1;
    ru->cand[1] = sup;
    ru->ncand[1] = nsup;
    ru->ntuples = nsup;
    ru->f = arena_alloc(r->a, sizeof *ru->f);
}

/* `contract C = award(T)`: the tender's buyer, and its bidders as the
 * suppliers it may have.  0 on errors (said), -1 when the tender failed
 * (said at it). */
static int by_award(R *r, const decl *d, contract_info *ci)
{
    const model *m = r->m;
    const name *t = &d->u.contract->tender;
    int c = names_get(&m->callables, t->s);
    if (c > -2 || !m->rules[-2 - c].tender) {
        rsv_unknown(r, t->loc, t->s, SUGGEST_TENDER);
        return 0;
    }
    const rule_info *tr = &m->rules[-2 - c];
    if (tr->np == 0 || tr->tender->buyer < 0) return -1; /* its declaration failed */
    ci->tender = -2 - c;
    ci->buyer = tr->tender->buyer;
    ci->supplier = -1;
    context(r, ci, tr->cand[0], tr->ncand[0], tr->pkinds[0]);
    return 1;
}

/* `contract C(buyer = G, supplier = S)`.  0 on errors. */
static int named(R *r, const decl *d, contract_info *ci)
{
    const model *m = r->m;
    const contract_def *cd = d->u.contract;
    static const char *const words[] = {"buyer", "supplier"};
    int who[2] = {-1, -1}, ok = 1;
    const setting *at[2] = {NULL, NULL};
    for (int i = 0; i < cd->nparty; i++) {
        const setting *p = &cd->party[i];
        suggest sg;
        int k = rsv_word_of(r, &sg, p->n.s, words, 2);
        if (k < 0) {
            ERR(p->n.loc, "a contract's parties are its buyer and its supplier, not '%s'%s", p->n.s, suggest_said(&sg));
            ok = 0;
            continue;
        }
        if (at[k]) {
            ERR(p->n.loc, "contract '%s' names its %s twice", d->n.s, words[k]);
            NOTE(at[k]->n.loc, "the first is here");
            ok = 0;
            continue;
        }
        at[k] = p;
        if (p->value->k != X_NAME) {
            ERR(p->value->loc, "a contract's %s is an actor: write '%s = ACTOR'", words[k], words[k]);
            ok = 0;
        } else if ((who[k] = names_get(&m->actor_idx, p->value->u.id.s)) < 0) {
            rsv_unknown(r, p->value->loc, p->value->u.id.s, SUGGEST_ACTOR);
            ok = 0;
        }
    }
    for (int k = 0; k < 2; k++)
        if (!at[k]) {
            ERR(d->n.loc, "contract '%s' names no %s: write 'contract %s(buyer = ACTOR, supplier = ACTOR)'", d->n.s,
                words[k], d->n.s);
            ok = 0;
        }
    if (ok && who[0] == who[1]) {
        ERR(at[1]->value->loc, "'%s' cannot be both the buyer and the supplier of contract '%s'", m->actors[who[0]].name,
            d->n.s);
        ok = 0;
    }
    if (!ok) return 0;
    ci->tender = -1;
    ci->buyer = who[0];
    ci->supplier = who[1];
    context(r, ci, &who[1], 1, m->actors[who[1]].kind);
    return 1;
}

/* ---- the body ---- */

/* `term = YEARS`, the one setting.  0 on errors. */
static int settings(R *r, const decl *d, contract_info *ci)
{
    const contract_def *cd = d->u.contract;
    const setting *term = NULL;
    int ok = 1;
    for (int i = 0; i < cd->nset; i++) {
        const setting *s = &cd->set[i];
        if (strcmp(s->n.s, "term") != 0) {
            suggest sg;
            static const char *const words[] = {"term"};
            rsv_word_of(r, &sg, s->n.s, words, 1);
            if (strcmp(s->n.s, "buyer") == 0 || strcmp(s->n.s, "supplier") == 0)
                ERR(s->n.loc, "a contract names its %s in its head: 'contract %s(buyer = ACTOR, supplier = ACTOR)', or "
                              "'contract %s = award(TENDER)'", s->n.s, d->n.s, d->n.s);
            else
                ERR(s->n.loc, "a contract's setting is 'term = YEARS', not '%s'%s", s->n.s, suggest_said(&sg));
            ok = 0;
        } else if (term) {
            ERR(s->n.loc, "contract '%s' sets 'term' twice", d->n.s);
            NOTE(term->n.loc, "the first is here");
            ok = 0;
        } else
            term = s;
    }
    ci->term = NAN;
    if (!term) {
        if (ok) ERR(d->n.loc, "contract '%s' has no term: write 'term = YEARS' in its body (every contract ends)", d->n.s);
        return 0;
    }
    double v = rsv_number(r, term->value, "a contract's term", NAN);
    if (isnan(v)) return 0;
    if (!(v > 0) || v > 1e6) {
        ERR(term->value->loc, "a contract's term is a number of years above 0, not %g", v);
        return 0;
    }
    ci->term = v;
    return ok;
}

/* The obligations, monitoring and renewal.  0 on errors. */
static int body(R *r, const decl *d, contract_info *ci)
{
    const contract_def *cd = d->u.contract;
    int ok = 1;
    if (cd->nobl > COOP_MAX_OBLIGATIONS) {
        ERR(cd->obl[COOP_MAX_OBLIGATIONS].loc, "contract '%s' has %d obligations; the limit is %d", d->n.s, cd->nobl,
            COOP_MAX_OBLIGATIONS);
        return 0;
    }
    names_free(&r->params);
    names_free(&r->factors);
    names_put(&r->params, "buyer", 0);
    names_put(&r->params, "supplier", 1);
    vec_free(r->aggs); /* a contract's aggregates are worked out by the tree, not kept for code */
    r->rule = &ci->ru;
    ci->obl = arena_alloc(r->a, ((size_t)cd->nobl + 1) * sizeof *ci->obl);
    for (int i = 0; i < cd->nobl; i++) {
        const obligedef *od = &cd->obl[i];
        obligation *o = &ci->obl[ci->nobl];
        static const char *const sides[] = {"supplier", "buyer"};
        suggest sg;
        int side = rsv_word_of(r, &sg, od->side.s, sides, 2);
        if (side < 0 && sg.best) {
            ERR(od->side.loc, "an obligation binds the buyer or the supplier, not '%s'%s", od->side.s, suggest_said(&sg));
            ok = 0;
        } else if (side < 0) {
            ERR(od->side.loc, "an obligation binds the buyer or the supplier, not '%s': write 'oblige supplier %s = "
                              "...' or 'oblige buyer %s = ...'", od->side.s, od->n.s, od->n.s);
            ok = 0;
        }
        ok &= rsv_named_once(r, cd->obl, sizeof *cd->obl, offsetof(obligedef, n), i,
                             arena_printf(r->a, "contract '%s' has two obligations", d->n.s));
        o->name = od->n.s;
        o->label = od->label;
        o->loc = od->loc;
        o->side = side == 1 ? SIDE_BUYER : SIDE_SUPPLIER;
        o->due = od->due.k; /* its steps: after the timeline (resolve_due.c) */
        o->due_loc = od->due.word;
        ci->ndated += o->due != DUE_NONE;
        const char *what = arena_printf(r->a, "obligation '%s'", od->n.s);
        o->cond = rsv_truth(r, od->cond, what, arena_printf(r->a, "oblige %s %s =", sides[o->side], od->n.s));
        if (!o->cond) {
            ok = 0;
            o->cond = rsv_node(r, R_ERR, T_ERR, od->cond);
        }
        ci->nobl++;
    }
    if (cd->monitor && !(ci->monitor = rsv_truth(r, cd->monitor, "a contract's 'monitor when'", "monitor when"))) ok = 0;
    r->renewing = 1;
    if (cd->renew && !(ci->renew = rsv_truth(r, cd->renew, "a contract's 'renew when'", "renew when"))) ok = 0;
    r->renewing = 0;
    r->rule = NULL;
    vec_free(r->aggs);
    return ok;
}

/* The columns contract ci reads (model.h): its conditions', its tender's. */
static void contract_cols(R *r, contract_info *ci)
{
    const model *m = r->m;
    unsigned char *mark = mem_calloc((size_t)m->nattrs + (size_t)m->nrels + (size_t)m->nparams + 1, 1);
    for (int o = 0; o < ci->nobl; o++) rsv_mark_cols(m, ci->obl[o].cond, mark);
    if (ci->monitor) rsv_mark_cols(m, ci->monitor, mark);
    if (ci->renew) rsv_mark_cols(m, ci->renew, mark);
    const rule_deps *t = ci->tender >= 0 ? &m->rules[ci->tender].deps : NULL;
    for (int i = 0; t && i < t->ncols; i++) mark[t->cols[i]] = 1;
    ci->cols = rsv_cols(r, mark, &ci->ncols);
    free(mark);
}

void rsv_contract_names(R *r, const program *p)
{
    model *m = r->mm;
    int n = 0;
    for (int i = 0; i < p->n; i++) n += p->v[i]->k == D_CONTRACT;
    m->contracts = arena_alloc(r->a, ((size_t)n + 1) * sizeof *m->contracts);
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_CONTRACT) continue;
        if (words_builtin(d->n.s)) {
            ERR(d->n.loc, "'%s' is a built-in function and cannot name a contract", d->n.s);
            continue;
        }
        int old = names_get(&m->callables, d->n.s), twice = names_get(&m->contract_idx, d->n.s);
        if (old != -1 || twice >= 0) {
            ERR(d->n.loc, "'%s' already names a %s", d->n.s, twice >= 0 ? "contract" : old >= 0 ? "relation"
                                                        : m->rules[-2 - old].tender ? "tender" : "partnership");
            NOTE(twice >= 0 ? m->contracts[twice].loc : old >= 0 ? m->rels[old].loc : m->rules[-2 - old].loc,
                 "the other declaration is here");
            continue;
        }
        contract_info *ci = &m->contracts[m->ncontracts];
        ci->name = d->n.s;
        ci->label = d->u.contract->label;
        ci->loc = d->n.loc;
        ci->tender = ci->buyer = ci->supplier = -1;
        ci->decl = d;
        names_put(&m->contract_idx, d->n.s, m->ncontracts++);
    }
}

void rsv_contracts(R *r)
{
    model *m = r->mm;
    for (int c = 0; c < m->ncontracts; c++) {
        contract_info *ci = &m->contracts[c];
        const decl *d = ci->decl;
        int ok = d->u.contract->by_award ? by_award(r, d, ci) : named(r, d, ci);
        int set = settings(r, d, ci);
        ci->resolved = ok > 0 && set && body(r, d, ci) ? 1 : -1;
        if (ci->resolved < 0) rsv_failed(r, d->n.s, SUGGEST_CONTRACT);
        else contract_cols(r, ci);
    }
}

/* ---- queries ---- */

static const struct {
    const char *fn;
    int q;          /* CQ_* */
    int obligation; /* reads C.o (1), C (0), either (2: status) */
    vtype t;
} queries[] = {
    {"met", CQ_MET, 1, T_BOOL},           {"violated", CQ_VIOLATED, 1, T_BOOL},
    {"undetected", CQ_UNDETECTED, 1, T_BOOL}, {"status", CQ_STATUS, 2, T_OSTATUS},
    {"renewed", CQ_RENEWED, 0, T_BOOL},   {"supplier", CQ_SUPPLIER, 0, T_ACTOR},
    {"met_at", CQ_MET_AT, 1, T_DATE},     {"violated_at", CQ_VIOLATED_AT, 1, T_DATE},
};

/* The contract `s` names, or -1 (said at loc unless it names nothing and
 * quiet is set). */
static int contract_of(R *r, const char *s, coop_loc loc, int quiet)
{
    int c = names_get(&r->m->contract_idx, s);
    if (c >= 0 || quiet) return c;
    rsv_unknown(r, loc, s, SUGGEST_CONTRACT);
    return -1;
}

/* Contract ci's obligations, by name: as declared while the model is built
 * (a contract declared later is not resolved yet), else as resolved. */
static int nobligations(const R *r, const contract_info *ci)
{
    int n = r->mm ? ci->decl->u.contract->nobl : ci->nobl;
    return n < COOP_MAX_OBLIGATIONS ? n : COOP_MAX_OBLIGATIONS;
}
static const char *obligation_name(const R *r, const contract_info *ci, int i)
{
    return r->mm ? ci->decl->u.contract->obl[i].n.s : ci->obl[i].name;
}

/* `fn(o)` where o names no contract: an obligation of one (or a name close
 * to one's, nearer than any contract's) is said with the query written
 * out, fn(C.o).  1 when said; only an obligation of that very name with
 * `exact` (status(T) reads a tender). */
static int obligation_named(R *r, const char *fn, const expr *a, int exact)
{
    const model *m = r->m;
    const char *o = a->u.id.s;
    char fix[512];
    size_t len = 0;
    int n = 0;
    const char *last = NULL;
    const contract_info *self = r->rule ? r->rule->contract : NULL; /* 'renew when' reads its own */
    for (int c = 0; c < m->ncontracts; c++) /* obligations of that name */
        for (int i = 0; i < nobligations(r, &m->contracts[c]) && (!self || self == &m->contracts[c]); i++)
            if (strcmp(obligation_name(r, &m->contracts[c], i), o) == 0 && len < sizeof fix) {
                len += (size_t)snprintf(fix + len, sizeof fix - len, "%s%s(%s.%s)", n ? " or " : "", fn,
                                        m->contracts[c].name, o);
                last = m->contracts[c].name;
                n++;
            }
    if (n) {
        ERR(a->loc, "'%s' is an obligation%s, not a contract: write %s", o,
            n == 1 ? arena_printf(r->a, " of contract '%s'", last) : "", fix);
        return 1;
    }
    if (exact || names_get(&r->failed, o) >= 0 || suggest_class(m, o, ~(unsigned)SUGGEST_CONTRACT)) return 0;
    suggest sg; /* the nearest of the contracts' names and their obligations' */
    suggest_init(&sg, o, r->d);
    for (int c = 0; c < m->ncontracts; c++) suggest_offer(&sg, m->contracts[c].name, -1);
    for (int c = 0; c < m->ncontracts; c++)
        for (int i = 0; i < nobligations(r, &m->contracts[c]); i++)
            suggest_offer(&sg, obligation_name(r, &m->contracts[c], i), c);
    if (sg.tag < 0) return 0;
    ERR(a->loc, "unknown contract '%s'; did you mean %s(%s.%s)?", o, fn, m->contracts[sg.tag].name, sg.best);
    return 1;
}

/* May parameter kind k hold contract ci's supplier: one of the actors that
 * may be it or, by the award of a tender without bids yet, one of the
 * bidder kind? */
static int holds_supplier(const model *m, const contract_info *ci, int k)
{
    const rule_info *cx = &ci->ru;
    for (int i = 0; i < cx->ncand[1]; i++)
        if (cx->cand[1][i] != ci->buyer && model_is_a(m, m->actors[cx->cand[1][i]].kind, k)) return 1;
    return !cx->ncand[1] && (model_is_a(m, cx->pkinds[1], k) || model_is_a(m, k, cx->pkinds[1]));
}

/* Can partnership ru name both parties of contract ci: a parameter for its
 * buyer and another for an actor that may be its supplier? */
static int names_parties(const model *m, const rule_info *ru, const contract_info *ci)
{
    for (int p = 0; p < ru->np; p++) {
        if (!model_is_a(m, m->actors[ci->buyer].kind, ru->pkinds[p])) continue;
        for (int q = 0; q < ru->np; q++)
            if (q != p && holds_supplier(m, ci, ru->pkinds[q])) return 1;
    }
    return 0;
}

/* What a contract's condition may read of contract ci: in 'renew when',
 * its own obligations.  0 when not (said). */
static int contract_reads(R *r, const expr *e, const contract_info *ci, int of_contract)
{
    const contract_info *self = r->rule->contract;
    if (self != ci)
        ERR(e->loc, "a contract's condition cannot read contract '%s': contracts read their parties, their bid and, "
                    "in 'renew when', their own obligations", ci->name);
    else if (!r->renewing)
        ERR(e->loc, "only 'renew when' reads a contract's own obligations: the obligations and the monitoring "
                    "are decided first");
    else if (of_contract)
        ERR(e->loc, "'renew when' reads its contract's obligations, not %s() of the contract", e->u.call.fn.s);
    else
        return 1;
    return 0;
}

/* Where a rule reads contract c: in a partnership for its tuples (R_CONTRACT),
 * in a contract's renewal its own obligations; nowhere else.  0 when it
 * may not (said). */
static int readable(R *r, const expr *e, ctxkind ctx, int c, int q)
{
    const model *m = r->m;
    const contract_info *ci = &m->contracts[c];
    const rule_info *ru = r->rule;
    const char *text = ast_text(r->a, e);
    if (rsv_no_world(ctx)) {
        ERR(e->loc, "expected %s, not the contract query %s", rsv_wanted(ctx), text);
        return 0;
    }
    if (ctx == CTX_SCORE) {
        ERR(e->loc, "score reads factors, not contracts: make %s a factor ('factor NAME = %s') and weigh that", text,
            text);
        return 0;
    }
    if (ru->contract) return 1; /* its own obligations, in 'renew when': contract_reads */
    if (q == CQ_SUPPLIER || names_parties(m, ru, ci)) return 1;
    char who[160];
    if (ci->supplier >= 0)
        snprintf(who, sizeof who, "'%s' (%s)", m->actors[ci->supplier].name, m->kinds[m->actors[ci->supplier].kind].name);
    else
        snprintf(who, sizeof who, "the winner of tender '%s' (%s)", m->rules[ci->tender].name,
                 m->kinds[ci->ru.pkinds[1]].name);
    ERR(e->loc, "partnership '%s' cannot name the parties of contract '%s', its buyer '%s' (%s) and its supplier %s: "
                "a partnership reads a contract for the tuples that hold both", ru->name, ci->name,
        m->actors[ci->buyer].name, m->kinds[m->actors[ci->buyer].kind].name, who);
    return 0;
}

/* How obligation o of ci falls due, as written: "by 2021-06", "every
 * quarter", "every 2 years" (while the model is built, from its
 * declaration: its dates are resolved after the timeline). */
static const char *due_said(R *r, const contract_info *ci, int o)
{
    const obligation *ob = &ci->obl[o];
    char b[64];
    if (!r->mm) return obligation_due_text(ob, b, sizeof b) ? arena_printf(r->a, "%s", b) : "";
    const duedef *dd = &ci->decl->u.contract->obl[o].due;
    if (dd->k == DUE_BY && dd->by->is_num) fmt_num(b, sizeof b, dd->by->num);
    else if (dd->k == DUE_BY) date_text(dd->by->d, b, sizeof b);
    else if (dd->every == 1) return arena_printf(r->a, "every %s", dd->unit.s);
    else fmt_num(b, sizeof b, dd->every);
    return dd->k == DUE_BY ? arena_printf(r->a, "by %s", b) : arena_printf(r->a, "every %s %s", b, dd->unit.s);
}

/* A read of a dated obligation's record (its status over the timeline and
 * since when, as met_at() and violated_at() give it; renewed() of a
 * contract whose renewal reads such a status): in statements, whose run
 * then keeps its journal (stmt.past), and in its own contract's `renew
 * when`; not in a partnership, nor an event, which are decided in one
 * step's world.  met_at() and violated_at() read dated obligations only,
 * and only in statements.  0, or -1 after saying why. */
static int dated_read(R *r, const expr *e, ctxkind ctx, int c, int o, int q)
{
    const contract_info *ci = &r->m->contracts[c];
    const char *fn = e->u.call.fn.s, *text = ast_text(r->a, e);
    int at = q == CQ_MET_AT || q == CQ_VIOLATED_AT, in_stmt = ctx == CTX_STMT && !r->in_event;
    int dated = o >= 0 ? ci->obl[o].due != DUE_NONE : q == CQ_RENEWED && ci->dated_renew;
    if (at && !dated) {
        ERR(e->loc, "%s() reads an obligation due by a date or every period, and %s.%s has neither: it is decided in "
                    "each step's world, and first(%s(%s.%s)) is the first step it %s", fn, ci->name,
            ci->obl[o].name, q == CQ_MET_AT ? "met" : "violated", ci->name, ci->obl[o].name,
            q == CQ_MET_AT ? "is met" : "is violated");
        return -1;
    }
    if (!dated) return 0;
    if (in_stmt) {
        r->past = 1;
        return 0;
    }
    if (!at && r->rule && r->rule->contract == ci && r->renewing) {
        r->mm->contracts[c].dated_renew = 1;
        return 0;
    }
    const char *who = r->in_event ? "an event" : r->rule ? arena_printf(r->a, "%s '%s'", rule_noun(r->rule),
                                                                        r->rule->name) : "this";
    /* what it reads instead: decided in one step's world, the status of an obligation without a date (a
     * renewal: of its own obligations, dated or not) */
    const char *instead = r->rule && r->rule->contract == ci && o >= 0
                        ? arena_printf(r->a, "; its 'renew when' reads their status, like met(%s.%s)", ci->name,
                                       ci->obl[o].name)
                        : arena_printf(r->a, "; %s reads obligations without a date",
                                       r->in_event ? "an event" : r->rule ? arena_printf(r->a, "a %s", rule_noun(r->rule))
                                                                          : "it");
    if (at || o < 0)
        ERR(e->loc, "%s cannot read %s: %s, which statements read (expect, show %s)%s", who, text,
            at ? "it is the date of a dated obligation's record over the timeline"
               : "its contract's 'renew when' reads the record of a dated obligation over the timeline", ci->name,
            instead);
    else
        ERR(e->loc, "%s cannot read %s: obligation '%s' of contract '%s' falls due %s, and its status is its record "
                    "over the timeline, which statements read (expect, show %s)%s", who, text, ci->obl[o].name,
            ci->name, due_said(r, ci, o), ci->name, instead);
    return -1;
}

rexpr *rsv_contract_query(R *r, const expr *e, ctxkind ctx)
{
    const model *m = r->m;
    const char *fn = e->u.call.fn.s;
    int k = -1, n = e->u.call.n;
    for (int i = 0; i < (int)(sizeof queries / sizeof queries[0]); i++)
        if (strcmp(queries[i].fn, fn) == 0) k = i;
    if (k < 0 || names_get(&m->callables, fn) != -1) return NULL; /* a relation or rule of that name */
    const expr *a = n == 1 ? e->u.call.args[0] : NULL;
    int q = queries[k].q;
    /* status(T) is a tender's; status(C), status(C.o) a contract's */
    if (q == CQ_STATUS && (!a || (a->k == X_NAME && contract_of(r, a->u.id.s, a->loc, 1) < 0))) {
        int c = a && a->k == X_NAME ? names_get(&m->callables, a->u.id.s) : -1;
        if (c <= -2 && m->rules[-2 - c].tender) return NULL;
        return a && a->k == X_NAME && obligation_named(r, fn, a, 1) ? rsv_node(r, R_ERR, T_ERR, e) : NULL;
    }
    if (n != 1) {
        ERR(e->loc, "%s() takes %s, not %d arguments", fn, queries[k].obligation ? "an obligation, like contract.name"
                                                                                  : "a contract", n);
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    const char *cname = a->k == X_ATTR ? a->u.attr.obj.s : a->k == X_NAME ? a->u.id.s : NULL;
    if (!cname) {
        ERR(a->loc, "%s() needs %s here", fn, queries[k].obligation == 1 ? "a contract's obligation, like care.quality"
                                                                        : "a contract's name");
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    coop_loc cloc = a->k == X_ATTR ? a->u.attr.obj.loc : a->loc;
    if (a->k == X_NAME && queries[k].obligation && contract_of(r, cname, cloc, 1) < 0 &&
        obligation_named(r, fn, a, 0))
        return rsv_node(r, R_ERR, T_ERR, e);
    int c = contract_of(r, cname, cloc, 0);
    if (c < 0) return rsv_node(r, R_ERR, T_ERR, e);
    const contract_info *ci = &m->contracts[c];
    if (r->rule && r->rule->tender) {
        ERR(e->loc, "a tender cannot read contract '%s': contracts are decided after the tenders they come from",
            ci->name);
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    if (r->rule && r->rule->contract && !contract_reads(r, e, ci, a->k == X_NAME))
        return rsv_node(r, R_ERR, T_ERR, e);
    if (ctx != CTX_STMT && r->nbound && q != CQ_SUPPLIER) {
        ERR(e->loc, "%s() cannot be read inside an aggregate: a contract is read for the tuple of the rule, not for "
                    "the name an aggregate binds; compare its supplier with that name, like supplier(%s) == %s",
            fn, cname, r->bound[r->nbound - 1].name);
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    if (ci->resolved < 0) return rsv_node(r, R_ERR, T_ERR, e); /* said at its declaration */
    int o = -1;
    if (a->k == X_NAME && queries[k].obligation == 1) {
        ERR(a->loc, "%s() reads an obligation of contract '%s': write %s(%s.%s)", fn, cname, fn, cname,
            ci->nobl ? ci->obl[0].name : "NAME");
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    if (a->k == X_ATTR && queries[k].obligation == 0) {
        ERR(a->loc, "%s() reads a contract, not an obligation: write %s(%s)", fn, fn, cname);
        return rsv_node(r, R_ERR, T_ERR, e);
    }
    if (a->k == X_ATTR) {
        const char *on = a->u.attr.attr.s;
        suggest sg;
        suggest_init(&sg, on, r->d);
        for (int i = 0; i < ci->nobl && o < 0; i++) {
            if (strcmp(ci->obl[i].name, on) == 0) o = i;
            suggest_offer(&sg, ci->obl[i].name, 0);
        }
        if (o < 0) {
            if (ci->nobl) ERR(a->u.attr.attr.loc, "contract '%s' has no obligation '%s'%s", cname, on, suggest_said(&sg));
            else ERR(a->u.attr.attr.loc, "contract '%s' has no obligations", cname);
            return rsv_node(r, R_ERR, T_ERR, e);
        }
    } else if (q == CQ_STATUS)
        q = CQ_CSTATUS;
    if (ctx != CTX_STMT && !readable(r, e, ctx, c, q)) return rsv_node(r, R_ERR, T_ERR, e);
    if (dated_read(r, e, ctx, c, o, q) < 0) return rsv_node(r, R_ERR, T_ERR, e);
    rexpr *x = rsv_node(r, ctx == CTX_STMT ? R_CONTRACT_Q : R_CONTRACT, q == CQ_CSTATUS ? T_CSTATUS : queries[k].t, e);
    x->rule = c;
    x->index = o;
    x->param = q;
    return x;
}

/* ---- statements ---- */

int rsv_contract_target(R *r, const decl *d, stmt *st)
{
    int c = names_get(&r->m->contract_idx, d->n.s);
    if (c < 0) return 0;
    if (d->k == S_DOMINANCE) {
        ERR(d->loc, "dominance weighs a partnership's factors, and contract '%s' has none: explain %s traces its "
                    "conditions", d->n.s, d->n.s);
        return -1;
    }
    if (d->u.target.has_args) {
        ERR(d->loc, "contract '%s' takes no actors: write %s %s", d->n.s, d->k == S_SHOW ? "show" : "explain", d->n.s);
        return -1;
    }
    st->contract = c;
    const contract_info *ci = &r->m->contracts[c];
    r->past |= ci->ndated > 0; /* its dated obligations' records: the run keeps its journal */
    return 1;
}
