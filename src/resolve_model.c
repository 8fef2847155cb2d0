/*
 * resolve_model.c - the model's declarations: kinds, relation schemas and
 * partnership rules (parameters and the tuples they range over, factors,
 * influence solved, score and verdict, what the rule reads, compiled code).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "influence.h"
#include "range.h"
#include "resolver.h"
#include "words.h"

static const char *builtin_kinds[][2] = {
    {"government", NULL}, {"enterprise", NULL}, {"npo", NULL},
    {"association", "npo"}, {"public", NULL}, {"media", NULL},
};

/* ---- kinds ---- */

/* `kind NAME [: PARENT]` for one declaration: its parent, refusing a cycle
 * or a chain past COOP_MAX_KIND_DEPTH. */
static void kind_parent(R *r, const decl *d, int nb)
{
    model *m = r->mm;
    int k = names_get(&m->kind_idx, d->n.s);
    if (k < nb || m->kinds[k].loc.line != d->loc.line || m->kinds[k].loc.col != d->loc.col) return;
    int par = names_get(&m->kind_idx, d->u.kind.parent.s);
    if (par < 0) {
        rsv_unknown(r, d->u.kind.parent.loc, d->u.kind.parent.s, SUGGEST_KIND);
        return;
    }
    if (par == k) {
        ERR(d->u.kind.parent.loc, "kind '%s' cannot be its own parent", d->n.s);
        return;
    }
    int steps = 0, x = par; /* walk up from the parent, no further than the limit */
    while (x >= 0 && x != k && steps <= COOP_MAX_KIND_DEPTH) { x = m->kinds[x].parent; steps++; }
    if (x == k) {
        ERR(d->u.kind.parent.loc, "kind '%s' cannot be below '%s': '%s' is already below '%s'",
            d->n.s, d->u.kind.parent.s, d->u.kind.parent.s, d->n.s);
        return;
    }
    if (x >= 0) {
        ERR(d->u.kind.parent.loc, "kinds nest more than %d deep here; the limit is %d", COOP_MAX_KIND_DEPTH,
            COOP_MAX_KIND_DEPTH);
        return;
    }
    m->kinds[k].parent = par;
}

void rsv_kinds(R *r, const program *p)
{
    model *m = r->mm;
    int n = 0;
    for (int i = 0; i < p->n; i++) n += p->v[i]->k == D_KIND;
    int nb = (int)(sizeof builtin_kinds / sizeof builtin_kinds[0]);
    m->kinds = arena_alloc(r->a, (size_t)(nb + n) * sizeof *m->kinds);
    for (int i = 0; i < nb; i++) {
        m->kinds[i].name = builtin_kinds[i][0];
        m->kinds[i].parent = builtin_kinds[i][1] ? names_get(&m->kind_idx, builtin_kinds[i][1]) : -1;
        names_put(&m->kind_idx, m->kinds[i].name, i);
    }
    m->nkinds = nb;
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_KIND) continue;
        int old = names_get(&m->kind_idx, d->n.s);
        if (old >= 0) {
            if (old < nb)
                ERR(d->n.loc, "'%s' is a built-in kind", d->n.s);
            else {
                ERR(d->n.loc, "kind '%s' is declared twice", d->n.s);
                NOTE(m->kinds[old].loc, "the first declaration is here");
            }
            continue;
        }
        kind_info *k = &m->kinds[m->nkinds];
        k->name = d->n.s;
        k->loc = d->loc;
        k->parent = -1;
        names_put(&m->kind_idx, d->n.s, m->nkinds++);
    }
    /* parents may be declared later in the file */
    for (int i = 0; i < p->n; i++)
        if (p->v[i]->k == D_KIND && p->v[i]->u.kind.has_parent) kind_parent(r, p->v[i], nb);
    /* parents declared after their children can still make a chain too deep */
    for (int k = nb; k < m->nkinds; k++) {
        int steps = 0;
        for (int x = m->kinds[k].parent; x >= 0 && steps <= COOP_MAX_KIND_DEPTH; x = m->kinds[x].parent) steps++;
        if (steps > COOP_MAX_KIND_DEPTH) {
            ERR(m->kinds[k].loc, "kind '%s' is more than %d kinds below its root; the limit is %d", m->kinds[k].name,
                COOP_MAX_KIND_DEPTH, COOP_MAX_KIND_DEPTH);
            m->kinds[k].parent = -1; /* so later walks stay short */
        }
    }
}

/* ---- relations ---- */

/* One `relation NAME(KIND, ...) default V` into rel; 0, or -1 (reported). */
static int relation_schema(R *r, const decl *d, relation_info *rel)
{
    rel->name = d->n.s;
    rel->loc = d->n.loc;
    rel->arity = d->u.rel.n;
    rel->lo = rel->hi = NAN; /* no range (timelines) */
    int ok = 1;
    for (int j = 0; j < d->u.rel.n; j++) {
        rel->kinds[j] = names_get(&r->m->kind_idx, d->u.rel.kinds[j].s);
        if (rel->kinds[j] < 0) {
            rsv_unknown(r, d->u.rel.kinds[j].loc, d->u.rel.kinds[j].s, SUGGEST_KIND);
            ok = 0;
        }
    }
    rexpr *x = rsv_constant(r, d->u.rel.def, "a relation's default");
    if (x && !rsv_is_num(x->type)) {
        ERR(d->u.rel.def->loc, "a relation's default must be a number or true/false, but this is %s",
            rsv_type_name(x->type));
        x = NULL;
    }
    if (!ok || !x) return -1;
    rel->type = x->type;
    rel->def = x->num;
    return 0;
}

void rsv_relations(R *r, const program *p)
{
    model *m = r->mm;
    int n = 0;
    for (int i = 0; i < p->n; i++) n += p->v[i]->k == D_RELATION;
    m->rels = arena_alloc(r->a, (size_t)(n + 1) * sizeof *m->rels);
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_RELATION) continue;
        if (words_builtin(d->n.s)) {
            ERR(d->n.loc, "'%s' is a built-in function and cannot name a relation", d->n.s);
            rsv_failed(r, d->n.s, SUGGEST_REL);
            continue;
        }
        int old = names_get(&m->callables, d->n.s);
        if (old >= 0) {
            ERR(d->n.loc, "relation '%s' is declared twice", d->n.s);
            NOTE(m->rels[old].loc, "the first declaration is here");
            continue;
        }
        if (d->u.rel.n > COOP_MAX_PARAMS) {
            ERR(d->n.loc, "relation '%s' has %d arguments; the limit is %d", d->n.s, d->u.rel.n, COOP_MAX_PARAMS);
            rsv_failed(r, d->n.s, SUGGEST_REL);
            continue;
        }
        if (relation_schema(r, d, &m->rels[m->nrels]) == 0) names_put(&m->callables, d->n.s, m->nrels++);
        else rsv_failed(r, d->n.s, SUGGEST_REL); /* still a relation: its uses are not unknown */
    }
    /* the world gets a map of values per relation */
    coop_world *w = r->w;
    free(w->rel);
    w->nrels = m->nrels;
    w->rel = mem_calloc((size_t)m->nrels + 1, sizeof *w->rel);
    for (int i = 0; i < m->nrels; i++) w->rel[i].arity = m->rels[i].arity;
    free(w->stamp);
    w->stamp = mem_calloc((size_t)w->nattrs + (size_t)m->nrels + (size_t)w->nparams + 1, sizeof *w->stamp);
}

/* ---- partnerships ---- */

/* Counts the tuples of a rule, stopping past `limit`. */
static long count_tuples(const model *m, const rule_info *ru, int p, int *t, long limit)
{
    if (p == ru->np) return 1;
    if (p == 0)
        for (int q = 0; q < ru->np; q++)
            if (ru->ncand[q] == 0) return 0; /* a parameter no actor matches: no tuples */
    long n = 0;
    if (p == ru->np - 1) {
        /* the last parameter in bulk: candidates after the bound, less the
         * actors already chosen among them */
        int lo = ru->order_after[p] >= 0 ? t[ru->order_after[p]] : -1, a = rule_first(ru, p, t);
        n = ru->ncand[p] - a;
        for (int q = 0; q < p; q++)
            if (t[q] > lo && model_is_a(m, m->actors[t[q]].kind, ru->pkinds[p])) n--;
        return n;
    }
    for (int i = rule_first(ru, p, t); i < ru->ncand[p]; i++) {
        int a = ru->cand[p][i];
        if (!rule_fresh(p, t, a)) continue;
        t[p] = a;
        n += count_tuples(m, ru, p + 1, t, limit - n);
        if (n > limit) return n;
    }
    return n;
}

/* The parameters: names, kinds, the actors each matches, the tuples.
 * Returns -1 when a kind is unknown (nothing more is checked), 0 after
 * other errors, 1 when all is well. */
static int rule_params(R *r, const decl *d, rule_info *ru)
{
    const model *m = r->m;
    int np = d->u.rule.np;
    if (np < 2) ERR(d->n.loc, "partnership '%s' needs at least two parameters", d->n.s);
    if (np > COOP_MAX_PARAMS) {
        ERR(d->n.loc, "partnership '%s' has %d parameters; the limit is %d", d->n.s, np, COOP_MAX_PARAMS);
        np = COOP_MAX_PARAMS;
    }
    ru->np = np;
    ru->pnames = arena_alloc(r->a, (size_t)(np + 1) * sizeof *ru->pnames);
    ru->pkinds = arena_alloc(r->a, (size_t)(np + 1) * sizeof *ru->pkinds);
    ru->cand = arena_alloc(r->a, (size_t)(np + 1) * sizeof *ru->cand);
    ru->ncand = arena_alloc(r->a, (size_t)(np + 1) * sizeof *ru->ncand);
    ru->order_after = arena_alloc(r->a, (size_t)(np + 1) * sizeof *ru->order_after);
    ru->ordered = d->u.rule.ordered;
    int ok = 1, kinds_ok = 1;
    for (int i = 0; i < np; i++) {
        const paramdef *pd = &d->u.rule.params[i];
        ru->pnames[i] = pd->n.s;
        if (names_put(&r->params, pd->n.s, i) >= 0) {
            ERR(pd->n.loc, "parameter '%s' is declared twice", pd->n.s);
            ok = 0;
        }
        int k = names_get(&m->kind_idx, pd->kind.s);
        if (k < 0) {
            /* said once for `a, b: KIND`, whose parameters share the name */
            const coop_loc *kl = &pd->kind.loc, *pl = i ? &d->u.rule.params[i - 1].kind.loc : NULL;
            if (!pl || pl->line != kl->line || pl->col != kl->col) rsv_unknown(r, *kl, pd->kind.s, SUGGEST_KIND);
            ok = kinds_ok = 0;
            k = 0;
        }
        ru->pkinds[i] = k;
        ru->order_after[i] = -1;
        for (int q = i - 1; q >= 0 && !ru->ordered; q--)
            if (ru->pkinds[q] == k) { ru->order_after[i] = q; break; }
        ru->cand[i] = rsv_kind_actors(r, k, &ru->ncand[i]);
    }
    if (!kinds_ok) return -1;
    if (ru->ordered && !range_same_kind(ru))
        WARN(d->u.rule.ordered_loc, "'ordered' changes nothing here: no two parameters of partnership '%s' share a kind",
             d->n.s);
    if (ok && np >= 2) {
        int t[COOP_MAX_PARAMS];
        ru->ntuples = count_tuples(m, ru, 0, t, COOP_MAX_TUPLES);
        if (ru->ntuples > COOP_MAX_TUPLES) {
            ERR(d->n.loc, "partnership '%s' ranges over more than %ld tuples, the limit", d->n.s, COOP_MAX_TUPLES);
            ok = 0;
        }
    }
    return ok;
}

/* The factors' names and baselines.  0 on errors. */
static int factor_names(R *r, const decl *d, rule_info *ru)
{
    int ok = 1, nf = d->u.rule.nf;
    if (nf == 0 && !ru->tender) { /* a tender may rank by price alone */
        ERR(d->n.loc, "partnership '%s' has no factors", d->n.s);
        ok = 0;
    }
    if (nf > COOP_MAX_FACTORS) {
        ERR(d->u.rule.f[COOP_MAX_FACTORS].n.loc, "%s '%s' has %d factors; the limit is %d", rule_noun(ru),
            d->n.s, nf, COOP_MAX_FACTORS);
        nf = COOP_MAX_FACTORS;
        ok = 0;
    }
    ru->nf = nf;
    ru->f = arena_alloc(r->a, (size_t)(nf + 1) * sizeof *ru->f);
    for (int i = 0; i < nf; i++) {
        const factordef *fd = &d->u.rule.f[i];
        factor_info *f = &ru->f[i];
        f->name = fd->n.s;
        f->loc = fd->n.loc;
        f->src = fd->e;
        if (names_put(&r->factors, fd->n.s, i) >= 0) {
            ERR(fd->n.loc, "factor '%s' is declared twice in %s '%s'", fd->n.s, rule_noun(ru), d->n.s);
            ok = 0;
        }
        f->baseline = 0;
        if (fd->baseline) {
            f->base = rsv_param_number(r, fd->baseline, "a baseline", &f->baseline);
            ok &= !isnan(f->baseline);
            ru->pconst |= f->base != NULL;
        }
    }
    return ok;
}

/* The factors' own values.  0 on errors. */
static int factor_values(R *r, const decl *d, rule_info *ru)
{
    int ok = 1, nf = ru->nf;
    for (int i = 0; i < nf; i++) {
        factor_info *f = &ru->f[i];
        f->own = rsv_expr(r, d->u.rule.f[i].e, CTX_FACTOR);
        if (f->own->type == T_ERR) { ok = 0; continue; }
        f->type = f->own->type;
        if (!rsv_is_num(f->own->type)) {
            ERR(d->u.rule.f[i].e->loc, "factor '%s' must be a number or true/false, but this is %s",
                f->name, rsv_type_name(f->own->type));
            ok = 0;
            f->type = T_ERR; /* said: what reads it says nothing more */
        }
    }
    return ok;
}

/* "f -> f" for a factor on its own, "through a, b and c" for more; for a
 * singular system, the first cycle found, its first factor repeated. */
static void cycle_text(const rule_info *ru, const influence_result *res, char *buf, size_t size)
{
    size_t len = 0;
    int n = res->cycle_len;
    buf[0] = 0;
    if (res->singular)
        for (int i = 0; i < n && len < size - 80; i++)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? " -> " : "", ru->f[res->cycle[i]].name);
    else if (n == 1)
        snprintf(buf, size, "%s -> %s", ru->f[res->cycle[0]].name, ru->f[res->cycle[0]].name);
    else
        for (int i = 0; i < n && len < size - 80; i++)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", i == 0 ? "through " : i == n - 1 ? " and " : ", ",
                                    ru->f[res->cycle[i]].name);
}

/* An influence system without one solution: said at the first edge inside
 * the cycle. */
static void cycle_error(R *r, const rule_info *ru, const influence_result *res)
{
    char buf[1024];
    cycle_text(ru, res, buf, sizeof buf);
    int n = res->cycle_len;
    coop_loc at = ru->e[0].loc;
    for (int j = ru->ne - 1; j >= 0; j--)
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
                if (ru->e[j].from == res->cycle[a] && ru->e[j].to == res->cycle[b]) at = ru->e[j].loc;
    if (res->singular) {
        ERR(at, "influence cycle %s has no unique solution: its weights make the system singular", buf);
        return;
    }
    /* four digits, unless they would round a radius just below 1 up to "1" */
    char rho[32];
    snprintf(rho, sizeof rho, "%.4g", res->rho);
    if (strcmp(rho, "1") == 0 && res->rho != 1) snprintf(rho, sizeof rho, "%.12f", res->rho);
    ERR(at, "influence cycle %s does not converge: the spectral radius of its weights is %s, "
            "and must be below 1 (by at least %g)", buf, rho, INFLUENCE_RHO_MARGIN);
}

/* The influence edges, and the system solved.  0 on errors. */
static int rule_influence(R *r, const decl *d, rule_info *ru, int ok)
{
    int nf = ru->nf, ne = 0;
    ru->e = arena_alloc(r->a, (size_t)(d->u.rule.ni + 1) * sizeof *ru->e);
    for (int i = 0; i < d->u.rule.ni; i++) {
        const infldef *in = &d->u.rule.inf[i];
        int from = names_get(&r->factors, in->from.s), to = names_get(&r->factors, in->to.s);
        suggest sg;
        if (from < 0)
            ERR(in->from.loc, "%s '%s' has no factor '%s'%s", rule_noun(ru), d->n.s, in->from.s,
                rsv_near_factor(r, &sg, ru, in->from.s));
        if (to < 0)
            ERR(in->to.loc, "%s '%s' has no factor '%s'%s", rule_noun(ru), d->n.s, in->to.s,
                rsv_near_factor(r, &sg, ru, in->to.s));
        double wgt;
        const rexpr *wx = rsv_param_number(r, in->w, "an influence weight", &wgt);
        if (from < 0 || to < 0 || isnan(wgt)) { ok = 0; continue; }
        int dup = 0;
        for (int j = 0; j < ne; j++)
            if (ru->e[j].from == from && ru->e[j].to == to) dup = 1;
        if (dup) {
            ERR(in->loc, "influence %s -> %s is declared twice", in->from.s, in->to.s);
            ok = 0;
            continue;
        }
        edge ed = {from, to, wgt, in->loc, wx};
        ru->e[ne++] = ed;
        ru->pconst |= wx != NULL;
        ru->f[to].type = T_NUM; /* influenced: no longer just true/false */
    }
    ru->ne = ne;
    ru->M = arena_alloc(r->a, (size_t)nf * nf * sizeof(double) + 8);
    ru->order = arena_alloc(r->a, (size_t)(nf + 1) * sizeof(int));
    if (!ok) return 0;
    influence_result res;
    if (influence_solve(nf, ru->e, ne, ru->M, &res) < 0) {
        cycle_error(r, ru, &res);
        ok = 0;
    }
    ru->cyclic = res.cyclic;
    memcpy(ru->order, res.order, (size_t)nf * sizeof(int));
    for (int j = 0; ok && res.cyclic && j < ne; j++) /* its solution is checked here, once */
        if (ru->e[j].wx) {
            ERR(ru->e[j].wx->src->loc, "the influence of %s '%s' has a cycle, so its weights are constants: the cycle "
                                       "is checked to have one solution when the model loads; write a number",
                rule_noun(ru), ru->name);
            ok = 0;
        }
    return ok;
}

/* What the rule reads of a world (model.h, rule_deps): a read through a
 * name an aggregate binds reads across actors. */
static void deps_of(R *r, rule_info *ru, const rexpr *x)
{
    rule_deps *dp = &ru->deps;
    int across = 0;
    for (int j = 0; x->k == R_REL && j < x->nargs; j++) across |= x->args[j] >= ru->np;
    switch (x->k) {
    case R_ATTR:
        if (x->param >= ru->np) dp->attr_all[x->attr] = 1;
        else dp->attr_params[x->attr] |= (unsigned char)(1u << x->param);
        break;
    case R_CONTRACT:
        dp->contracts[x->rule] = 1;
        dp->reads_contracts = 1;
        break;
    case R_MPARAM:
        dp->params[x->index] = 1;
        dp->reads_params = 1;
        break;
    case R_REL:
        if (across) {
            dp->rel_all[x->rel] = 1;
            break;
        }
        for (int i = 0; i < dp->nrels; i++) /* one entry per distinct reading */
            if (dp->rels[i].rel == x->rel && memcmp(dp->rels[i].params, x->args, (size_t)x->nargs * sizeof(int)) == 0)
                return;
        dp->rels[dp->nrels].rel = x->rel;
        memcpy(dp->rels[dp->nrels].params, x->args, (size_t)x->nargs * sizeof(int));
        dp->nrels++;
        break;
    default: break;
    }
    for (int i = 0; i < x->nsub; i++) deps_of(r, ru, x->sub[i]);
}

/* The rule's expressions: each factor's own value, the score, the verdict. */
static int rule_exprs(const rule_info *ru, const rexpr **v)
{
    int n = 0;
    for (int i = 0; i < ru->nf; i++) v[n++] = ru->f[i].own;
    if (ru->score) v[n++] = ru->score;
    v[n++] = ru->forms;
    return n;
}

static int count_reads(const rexpr *x)
{
    int n = x->k == R_REL;
    for (int i = 0; i < x->nsub; i++) n += count_reads(x->sub[i]);
    return n;
}

static void rule_deps_of(R *r, rule_info *ru)
{
    const model *m = r->m;
    rule_deps *dp = &ru->deps;
    dp->attr_params = arena_alloc(r->a, (size_t)m->nattrs + 1);
    dp->attr_all = arena_alloc(r->a, (size_t)m->nattrs + 1);
    dp->rel_all = arena_alloc(r->a, (size_t)m->nrels + 1);
    dp->contracts = arena_alloc(r->a, (size_t)m->ncontracts + 1);
    dp->params = arena_alloc(r->a, (size_t)m->nparams + 1);
    const rexpr *v[COOP_MAX_FACTORS + 2];
    int nx = rule_exprs(ru, v), n = 0;
    const tender_info *ti = ru->tender;
    for (int i = 0; i < nx; i++) n += count_reads(v[i]);
    /* a tender's keys read the bid as its factors do */
    if (ti) n += ti->key.e ? count_reads(ti->key.e) : 0;
    for (int i = 0; ti && i < ti->ntie; i++) n += count_reads(ti->tie[i].e);
    dp->rels = arena_alloc(r->a, (size_t)(n + 1) * sizeof *dp->rels);
    unsigned char *mark = mem_calloc((size_t)m->nattrs + (size_t)m->nrels + (size_t)m->nparams + 1, 1);
    for (int i = 0; i < nx; i++) {
        deps_of(r, ru, v[i]);
        rsv_mark_cols(m, v[i], mark);
    }
    for (int i = 0; i < ru->nf; i++) /* what the evaluator works out per world reads parameters alone */
        if (ru->f[i].base) deps_of(r, ru, ru->f[i].base);
    for (int i = 0; i < ru->ne; i++)
        if (ru->e[i].wx) deps_of(r, ru, ru->e[i].wx);
    if (ti && ti->key.e) {
        deps_of(r, ru, ti->key.e);
        rsv_mark_cols(m, ti->key.e, mark);
    }
    for (int i = 0; ti && i < ti->ntie; i++) {
        deps_of(r, ru, ti->tie[i].e);
        rsv_mark_cols(m, ti->tie[i].e, mark);
    }
    dp->pread = arena_alloc(r->a, ((size_t)m->nparams + 1) * sizeof *dp->pread);
    for (int p = 0; p < m->nparams; p++)
        if (dp->params[p]) {
            dp->pread[dp->npread++] = p;
            mark[m->nattrs + m->nrels + p] = 1; /* baselines' and weights' too */
        }
    for (int c = 0; c < m->ncontracts; c++) { /* what the contracts it reads read */
        const contract_info *ci = &m->contracts[c];
        if (!dp->contracts[c]) continue;
        for (int i = 0; i < ci->ncols; i++) mark[ci->cols[i]] = 1;
        dp->reads_dated |= ci->ndated > 0;
    }
    dp->cols = rsv_cols(r, mark, &dp->ncols);
    free(mark);
}

void rsv_mark_cols(const model *m, const rexpr *x, unsigned char *mark)
{
    if (x->k == R_ATTR || x->k == R_ACTOR_ATTR) mark[x->attr] = 1;
    else if (x->k == R_REL || x->k == R_REL_ACTORS) mark[m->nattrs + x->rel] = 1;
    else if (x->k == R_MPARAM) mark[m->nattrs + m->nrels + x->index] = 1;
    for (int i = 0; i < x->nsub; i++) rsv_mark_cols(m, x->sub[i], mark);
}

int *rsv_cols(R *r, const unsigned char *mark, int *n)
{
    int ncols = r->m->nattrs + r->m->nrels + r->m->nparams;
    *n = 0;
    for (int i = 0; i < ncols; i++) *n += mark[i];
    int *cols = arena_alloc(r->a, ((size_t)*n + 1) * sizeof *cols), k = 0;
    for (int i = 0; i < ncols; i++)
        if (mark[i]) cols[k++] = i;
    return cols;
}

/* The rule's aggregates into its table, the hoisted ones numbered. */
static void keep_aggs(R *r, rule_info *ru)
{
    ru->nagg = (int)r->aggs.n;
    ru->agg = arena_alloc(r->a, (r->aggs.n + 1) * sizeof *ru->agg);
    for (int i = 0; i < ru->nagg; i++) {
        ru->agg[i] = r->aggs.v[i];
        if (ru->agg[i]->hoist >= 0) ru->agg[i]->hoist = ru->nhoist++;
    }
    vec_free(r->aggs);
}

static void declare_rule(R *r, const decl *d, rule_info *ru)
{
    ru->name = d->n.s;
    ru->loc = d->n.loc;
    r->rule = ru;
    names_free(&r->params);
    names_free(&r->factors);
    vec_free(r->aggs);
    int tender = d->k == D_TENDER;
    int ok = tender ? rsv_tender_params(r, d, ru) : rule_params(r, d, ru);
    if (ok < 0) { /* without its parameters' kinds, the rest would only mislead */
        r->rule = NULL;
        r->tender = NULL;
        return;
    }
    ok &= factor_names(r, d, ru);
    if (tender) ok &= rsv_tender_requirements(r, d, ru); /* which lowest(bid.price) reads */
    ok &= factor_values(r, d, ru);
    ok = rule_influence(r, d, ru, ok);
    if (d->u.rule.score) {
        ru->score = rsv_need(r, d->u.rule.score, CTX_SCORE, 1, "score");
        if (ru->score->type == T_ERR) ok = 0;
    }
    if (tender)
        ok &= rsv_tender_body(r, d, ru);
    else if (d->u.rule.forms) {
        ru->forms = rsv_need(r, d->u.rule.forms, CTX_FORMS, 0, "forms when");
        if (ru->forms->type == T_ERR) ok = 0;
    } else
        ok = 0;
    keep_aggs(r, ru);
    if (ok) {
        rule_deps_of(r, ru);
        if (compile_rule(ru, r->w->param) < 0) ERR(d->n.loc, "%s '%s' is too large to compile", tender ? "tender" : "partnership", d->n.s);
    }
    r->rule = NULL;
    r->tender = NULL;
}

void rsv_rules(R *r, const program *p)
{
    model *m = r->mm;
    int n = 0;
    for (int i = 0; i < p->n; i++) n += p->v[i]->k == D_RULE || p->v[i]->k == D_TENDER;
    m->rules = arena_alloc(r->a, (size_t)(n + 1) * sizeof *m->rules);
    /* names first, so statements and other rules can refer to any rule */
    const decl **ds = mem_calloc((size_t)n + 1, sizeof *ds);
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_RULE && d->k != D_TENDER) continue;
        const char *noun = d->k == D_TENDER ? "tender" : "partnership";
        if (words_builtin(d->n.s)) {
            ERR(d->n.loc, "'%s' is a built-in function and cannot name a %s", d->n.s, noun);
            continue;
        }
        int old = names_get(&m->callables, d->n.s);
        if (old != -1) {
            ERR(d->n.loc, "'%s' already names a %s", d->n.s,
                old >= 0 ? "relation" : ds[-2 - old]->k == D_TENDER ? "tender" : "partnership");
            NOTE(old >= 0 ? m->rels[old].loc : m->rules[-2 - old].loc, "the first declaration is here");
            continue;
        }
        m->rules[m->nrules].name = d->n.s;
        m->rules[m->nrules].loc = d->n.loc;
        ds[m->nrules] = d;
        names_put(&m->callables, d->n.s, RULE_CODE(m->nrules));
        m->nrules++;
    }
    /* tenders, the contracts they award, then the partnerships that read
     * contracts: each reads only what is declared before it */
    rsv_contract_names(r, p);
    for (int i = 0; i < m->nrules; i++)
        if (ds[i]->k == D_TENDER) declare_rule(r, ds[i], &m->rules[i]);
    rsv_bids_known(r, p);
    rsv_contracts(r);
    for (int i = 0; i < m->nrules; i++)
        if (ds[i]->k == D_RULE) declare_rule(r, ds[i], &m->rules[i]);
    free(ds);
}
