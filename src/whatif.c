/*
 * whatif.c - `what if` and `set`: each change is checked and its value
 * worked out in the session's model and world, then made in a copy of the
 * world; the two worlds are compared (only the tuples that read what
 * changed are evaluated again), and `set` keeps the copy.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "json.h"
#include "report.h"
#include "resolve.h"
#include "run.h"
#include "session.h"
#include "slip.h"
#include "timeline.h"
#include "suggest.h"

/* A value as coop writes it. */
static void num_text(char *buf, size_t n, double v, int boolean)
{
    if (boolean) snprintf(buf, n, "%s", v != 0 ? "true" : "false");
    else fmt_num(buf, n, v);
}

static const char *set_text(arena *a, const char *const *nms, int n)
{
    char *t = arena_strdup(a, "{");
    for (int i = 0; i < n; i++) t = arena_printf(a, "%s%s%s", t, i ? ", " : "", nms[i]);
    return arena_printf(a, "%s}", t);
}

/* A string as a script writes it. */
static const char *str_text(arena *a, const char *s)
{
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    ast_print_str(f, s);
    fclose(f);
    char *r = arena_strndup(a, t, len);
    free(t);
    return r;
}

/* The members of actor ac's set attribute at, in the world's order. */
static int set_members(const coop_world *w, int at, int ac, const char **out)
{
    int n = 0;
    if (!w->has[at][ac]) return 0;
    const uint64_t *bits = world_set_of(w, at, ac);
    for (int i = 0; i < world_nsyms(w); i++)
        if (vm_member(bits, w->setwords, i)) out[n++] = world_sym_name(w, i);
    return n;
}

/* An attribute's value now, as coop writes it. */
static const char *attr_now(arena *a, const coop_world *w, int at, int ac)
{
    if (!w->has[at][ac]) return "unset";
    char buf[64];
    switch (w->m->attrs[at].type) {
    case T_SET: {
        const char **m = arena_alloc(a, ((size_t)world_nsyms(w) + 1) * sizeof *m);
        return set_text(a, m, set_members(w, at, ac, m));
    }
    case T_STR: return str_text(a, world_str(w, (int)w->num[at][ac]));
    default:
        num_text(buf, sizeof buf, w->num[at][ac], w->m->attrs[at].type == T_BOOL);
        return arena_strdup(a, buf);
    }
}

/* The members of a set literal, each once, in the order written. */
static int literal_members(const expr *v, const char **out)
{
    int n = 0;
    for (int k = 0; k < v->u.set.n; k++) {
        int dup = 0;
        for (int l = 0; l < n; l++) dup |= strcmp(out[l], v->u.set.v[k].s) == 0;
        if (!dup) out[n++] = v->u.set.v[k].s;
    }
    return n;
}

/* The members of the set actor.attr (or a bid's field) holds, in the order
 * last written: by the last `set` of it kept, else by its declaration; -1
 * when neither writes a set literal. */
static int written_members(const coop_session *s, arena *a, const change *c, const char *target, const char **out)
{
    size_t tl = strlen(target);
    for (size_t i = s->kept.n; i-- > 0;) {
        const char *t = s->kept.v[i].text;
        if (s->kept.v[i].reset || strncmp(t, target, tl) != 0 || strncmp(t + tl, " = {", 4) != 0) continue;
        /* "target = {a, b}": the members between the braces */
        source src = {.name = "set", .text = t + tl + 3, .len = strlen(t + tl + 3)};
        program p = {0};
        coop_diags *scratch = coop_diags_new();
        int n = -1;
        if (parse_input(&src, IN_VALUE, a, scratch, &p) == 0 && p.n == 1 && p.v[0]->u.expect.e->k == X_SET)
            n = literal_members(p.v[0]->u.expect.e, out);
        coop_diags_free(scratch);
        return n;
    }
    int j = session_find_slot(&s->slots, session_key_of(a, c));
    if (j < 0) return -1;
    const attrdef *v;
    int n = session_values(s->slots.v[j].d, &v);
    for (int i = n - 1; i >= 0; i--)
        if (strcmp(v[i].n.s, c->attr.s) == 0) return v[i].value->k == X_SET ? literal_members(v[i].value, out) : -1;
    return -1;
}

/* One change as it will be made: the target's text, the new value's, the
 * old one's. */
typedef struct planned {
    change *c;
    const char *target, *value, *was;
    expr *lit;          /* the new value as a literal, at the typed value's place */
    int stmt;           /* its value's index among the value statements, or -1 */
    int was_stmt;       /* a relation's value now, among the statements that read them */
    int attr, actor;    /* attribute changes */
    vtype type;         /* the attribute's */
    int event;          /* a change of an event (whatif_event.c) */
    int param;          /* a change of a parameter: its index, else -1 */
} planned;

static void target_text(arena *a, const change *c, planned *p)
{
    if (c->is_param) {
        p->target = c->obj.s;
        return;
    }
    if (c->is_bid) {
        p->target = arena_printf(a, "bid(%s, %s).%s", c->obj.s, c->args[0].s, c->attr.s);
        return;
    }
    if (!c->is_rel) {
        p->target = arena_printf(a, "%s.%s", c->obj.s, c->attr.s);
        return;
    }
    char *t = arena_printf(a, "%s(", c->obj.s);
    for (int i = 0; i < c->nargs; i++) t = arena_printf(a, "%s%s%s", t, i ? ", " : "", c->args[i].s);
    p->target = arena_printf(a, "%s)", t);
}

typedef VEC(decl *) decls;

/* A bare expression: a statement whose value is read. */
static decl *value_decl(arena *a, expr *e)
{
    decl *v = arena_alloc(a, sizeof *v);
    v->k = S_VALUE;
    v->loc = e->loc;
    v->u.expect.e = e;
    return v;
}

/* A set or string attribute's new value: as written, or the members added
 * or taken away.  0, or -1 after reporting. */
static int plan_members(coop_session *s, seg *g, planned *pl, coop_diags *d)
{
    arena *a = &g->mem;
    const change *c = pl->c;
    const expr *value = c->value;
    int set = pl->type == T_SET;
    if (value->k != (set ? X_SET : X_STR) || (!set && c->op != CH_SET)) {
        diag_at(d, &g->src, value->loc, COOP_ERROR, "%s '%s' holds %s; write %s", c->is_bid ? "bid field" : "attribute", c->attr.s,
                set ? "a set" : "a string", set ? "one like {a, b}" : "one in quotes with =");
        return -1;
    }
    if (!set) {
        pl->value = str_text(a, value->u.str);
        pl->lit = c->value;
        return 0;
    }
    /* = a set; += adds its members, -= takes them away */
    const char **m = arena_alloc(a, ((size_t)world_nsyms(s->world) + (size_t)value->u.set.n + 1) * sizeof *m);
    int n = written_members(s, a, c, pl->target, m);
    if (n < 0) n = set_members(s->world, pl->attr, pl->actor, m);
    pl->was = pl->was[0] == 'u' ? pl->was : set_text(a, m, n); /* "unset" stays */
    if (c->op == CH_SET) n = 0;
    resolve_symbol_new(s->world, value->u.set.v, value->u.set.n, &g->src, d);
    for (int j = 0; j < value->u.set.n; j++) {
        const char *x = value->u.set.v[j].s;
        int at = -1;
        for (int k = 0; k < n; k++)
            if (strcmp(m[k], x) == 0) at = k;
        if (c->op == CH_SUB) {
            if (at >= 0) { memmove(m + at, m + at + 1, (size_t)(n - at - 1) * sizeof *m); n--; }
        } else if (at < 0)
            m[n++] = x;
    }
    pl->value = set_text(a, m, n);
    pl->lit = ast_expr(a, X_SET, value->loc);
    pl->lit->u.set.n = n;
    pl->lit->u.set.v = arena_alloc(a, ((size_t)n + 1) * sizeof *pl->lit->u.set.v);
    for (int i = 0; i < n; i++) {
        pl->lit->u.set.v[i].s = m[i];
        pl->lit->u.set.v[i].loc = value->loc;
    }
    return 0;
}

/* An attribute change's target: actor, attribute, its value now.  1 when
 * the value is worked out already (a set or a string), 0 when it is a
 * number to evaluate, -1 after reporting. */
static int plan_attr(coop_session *s, seg *g, planned *pl, coop_diags *d)
{
    const model *m = &s->cur->m;
    const change *c = pl->c;
    if (c->is_bid && resolve_bid(m, &g->src, &g->mem, c, &pl->actor, &pl->attr, d) < 0) return -1;
    pl->actor = c->is_bid ? pl->actor : names_get(&m->actor_idx, c->obj.s);
    suggest sg;
    if (pl->actor < 0) {
        resolve_change_actor(m, &g->src, c, d);
        return -1;
    }
    pl->attr = c->is_bid ? pl->attr : coop_attr_find(s->cur, c->attr.s);
    if (pl->attr < 0) {
        char hint[512]; /* a field of its bid first: it may share its name with a factor */
        if (*resolve_field_hint(m, s->world, c->attr.s, pl->actor, hint, sizeof hint))
            diag_at(d, &g->src, c->attr.loc, COOP_ERROR, "no actor has an attribute '%s'%s", c->attr.s, hint);
        else if (!suggest_wrong_class(d, &g->src, c->attr.loc, m, c->attr.s, SUGGEST_ATTR, arena_printf(&g->mem, "%s.", c->obj.s)))
            diag_at(d, &g->src, c->attr.loc, COOP_ERROR, "no actor has an attribute '%s'%s", c->attr.s,
                    suggest_in(&sg, c->attr.s, m, SUGGEST_ATTR, d));
        return -1;
    }
    pl->type = m->attrs[pl->attr].type;
    pl->was = attr_now(&g->mem, s->world, pl->attr, pl->actor);
    if (pl->type == T_SET || pl->type == T_STR) return plan_members(s, g, pl, d) < 0 ? -1 : 1;
    if (pl->type == T_BOOL && c->op != CH_SET) {
        diag_at(d, &g->src, c->loc, COOP_ERROR, "%s '%s' is true or false: set it with = true or = false",
                c->is_bid ? "bid field" : "attribute", c->attr.s);
        return -1;
    }
    return 0;
}

/* A parameter's change: which, and its value now.  0, or -1 after
 * reporting. */
static int plan_param(coop_session *s, seg *g, planned *pl, coop_diags *d)
{
    const model *m = &s->cur->m;
    const change *c = pl->c;
    if ((pl->param = resolve_param_target(m, s->world, &g->src, c, d)) < 0) return -1;
    pl->type = m->params[pl->param].type;
    char buf[256]; /* its op, against its value now: true/false is set, not added to */
    if (change_param_refused(m, pl->param, c->op, pl->type, s->world->param[pl->param], buf, sizeof buf)) {
        diag_at(d, &g->src, c->loc, COOP_ERROR, "%s", buf);
        return -1;
    }
    num_text(buf, sizeof buf, s->world->param[pl->param], pl->type == T_BOOL);
    pl->was = arena_strdup(&g->mem, buf);
    return 0;
}

/* The statements v[0..n) resolved and each one's value worked out in the
 * session's world: into vals[], types[]; 0, or -1 with the errors in d. */
static int values_of(coop_session *s, seg *g, decls *v, double *vals, vtype *types, coop_diags *d)
{
    if (!v->n) return 0;
    stmt *st = session_resolve(s, s->cur, s->world, &g->mem, v->v, (int)v->n, NULL, 0, d);
    if (!st) return -1;
    source j = session_joined(s);
    run_env env = {&s->cur->m, s->world, &j, 1, NULL, 0, 0}; /* a change's values: of the world as declared */
    for (size_t i = 0; i < v->n; i++) {
        if (run_value_of(&env, &st[i], s->opt.seed, d, &vals[i]) < 0) return -1;
        types[i] = st[i].e->type;
    }
    return 0;
}

/* A number's new value, checked against its target: the text written. */
static int plan_number(coop_session *s, seg *g, planned *pl, double v, vtype t, coop_loc at, coop_diags *d)
{
    const model *m = &s->cur->m;
    arena *a = &g->mem;
    /* (a parameter's number for true/false, or the other way: as the API
     * says it, below) */
    const char *want = t != T_NUM && t != T_BOOL ? "a number or true/false"
                     : pl->type == T_BOOL && t != T_BOOL && pl->param < 0 ? "true or false" : NULL;
    if (want) {
        diag_at(d, &g->src, at, COOP_ERROR, "%s takes %s, but this is %s", pl->target, want,
                t == T_SET ? "a set" : t == T_STR ? "a string" : t == T_FACTOR ? "a factor" : "a number");
        return -1;
    }
    if (!isfinite(v)) {
        diag_at(d, &g->src, at, COOP_ERROR, "%s would not be a finite number", pl->target);
        return -1;
    }
    char why[256];
    if (pl->param >= 0 && change_param_refused(m, pl->param, CH_SET, t, v, why, sizeof why)) { /* its type, its range */
        diag_at(d, &g->src, at, COOP_ERROR, "%s", why);
        return -1;
    }
    /* inside the target's range, as a declared value must be (an event's
     * is bounded to it) */
    double lo = NAN, hi = NAN;
    if (pl->param >= 0)
        ; /* checked above */
    else if (pl->c->is_rel) {
        const relation_info *rel = &m->rels[names_get(&m->callables, pl->c->obj.s)];
        lo = rel->lo, hi = rel->hi;
    } else if (m->attr_lo && m->attr_lo[pl->attr])
        lo = m->attr_lo[pl->attr][pl->actor], hi = m->attr_hi[pl->attr][pl->actor];
    if (!isnan(lo) && (v < lo || v > hi)) {
        diag_at(d, &g->src, at, COOP_ERROR, "%s", slip_outside(why, sizeof why, pl->target, "would be", v, lo, hi));
        return -1;
    }
    /* the value is kept exactly (`= 1/3` then `== 1/3` holds); its text,
     * in the model and when saved, is the shortest that reads back as it */
    char buf[64];
    /* the value as the target holds it: true into a number attribute is 1
     * (declared as true, it would make the attribute true/false) */
    int truth = t == T_BOOL && pl->type == T_BOOL;
    num_text(buf, sizeof buf, v, truth);
    pl->value = arena_strdup(a, buf);
    pl->lit = ast_expr(a, truth ? X_BOOL : X_NUM, pl->c->value->loc);
    pl->lit->u.num = v;
    return 0;
}

/* Checks the changes against the session's model and world and works out
 * each one's new value; 0, or -1 with the reasons in d. */
static int plan(coop_session *s, seg *g, const decl *cmd, planned *p, whatif_variant *v, coop_diags *d)
{
    arena *a = &g->mem;
    size_t before = coop_diags_errors(d);
    int n = cmd->u.change.n;
    decls vals = {0}, wases = {0};
    for (int i = 0; i < n; i++) {
        change *c = &cmd->u.change.v[i];
        planned *pl = &p[i];
        memset(pl, 0, sizeof *pl);
        pl->c = c;
        pl->stmt = pl->was_stmt = -1;
        pl->attr = pl->actor = pl->param = -1;
        if (c->is_event) {
            pl->event = 1;
            if (cmd->k == C_SET) {
                diag_at(d, &g->src, c->loc, COOP_ERROR, "set keeps changes of values; to change event '%s' for good, "
                        "declare it again (event %s ...), which undo takes back; what if tries it", c->obj.s, c->obj.s);
                continue;
            }
            if (whatif_event_plan(s, g, c, v, &pl->target, &pl->value, &pl->was, d) < 0) continue;
            for (int j = 0; j < i; j++)
                if (p[j].event && p[j].target && strcmp(p[j].target, pl->target) == 0)
                    diag_at(d, &g->src, c->loc, COOP_ERROR, "event '%s' is changed twice in one list; write one "
                            "change for it", pl->target);
            continue;
        }
        target_text(a, c, pl);
        int twice = 0;
        for (int j = 0; j < i; j++) twice |= !p[j].event && p[j].target && strcmp(p[j].target, pl->target) == 0;
        if (twice) {
            diag_at(d, &g->src, c->loc, COOP_ERROR, "%s is changed twice in one list; write one change for it",
                    pl->target);
            continue;
        }
        if (c->is_param && plan_param(s, g, pl, d) < 0) continue;
        if (!c->is_rel && !c->is_param && plan_attr(s, g, pl, d) != 0) continue;
        if (c->is_rel && names_get(&s->cur->m.callables, c->obj.s) < 0) { /* a partnership's verdict is no value to set */
            suggest_unknown(d, &g->src, c->obj.loc, &s->cur->m, c->obj.s, SUGGEST_REL);
            continue;
        }
        expr *value = c->value;
        if (c->op != CH_SET)
            value = ast_op(a, X_BIN, c->op == CH_ADD ? OP_ADD : OP_SUB, c->loc, c->target, c->value, NULL);
        pl->stmt = (int)vals.n;
        vec_push(vals, value_decl(a, value));
        if (c->is_rel) { /* its value now, for "was": checked first, so a bad target is said once */
            pl->was_stmt = (int)wases.n;
            vec_push(wases, value_decl(a, c->target));
        }
    }
    double *was = arena_alloc(a, (wases.n + vals.n + 1) * sizeof *was), *now = was + wases.n;
    vtype *types = arena_alloc(a, (wases.n + vals.n + 1) * sizeof *types), *ntypes = types + wases.n;
    int ok = coop_diags_errors(d) == before && values_of(s, g, &wases, was, types, d) == 0 &&
             values_of(s, g, &vals, now, ntypes, d) == 0;
    for (int i = 0; ok && i < n; i++) {
        planned *pl = &p[i];
        if (pl->was_stmt >= 0) {
            char buf[64];
            num_text(buf, sizeof buf, was[pl->was_stmt], types[pl->was_stmt] == T_BOOL);
            pl->was = arena_strdup(a, buf);
        }
        if (pl->stmt < 0) continue;
        if (pl->c->is_rel) pl->type = s->cur->m.rels[names_get(&s->cur->m.callables, pl->c->obj.s)].type;
        ok = plan_number(s, g, pl, now[pl->stmt], ntypes[pl->stmt], vals.v[pl->stmt]->loc, d) == 0;
    }
    vec_free(vals);
    vec_free(wases);
    return ok && coop_diags_errors(d) == before ? 0 : -1;
}

/* ---- printing ---- */

/* `what if` and `set`: the first line says what changes, from what. */
static void print_changes(coop_session *s, const char *verb, const planned *p, int n)
{
    FILE *out = s->opt.out;
    if (!out) return;
    if (s->opt.format == COOP_FORMAT_JSON) {
        json j;
        json_init(&j, out);
        json_typed(&j, verb[0] == 's' ? "set" : "what_if");
        json_key(&j, "changes");
        json_arr(&j);
        for (int i = 0; i < n; i++) {
            json_obj(&j);
            json_kstr(&j, "target", p[i].target);
            json_kstr(&j, "value", p[i].value);
            json_kstr(&j, "was", p[i].was);
            if (p[i].event) json_kbool(&j, "event", 1);
            json_end_obj(&j);
        }
        json_end_arr(&j);
        json_end_obj(&j);
        return;
    }
    fputs(verb, out);
    for (int i = 0; i < n; i++) {
        if (!p[i].event) fprintf(out, "%s %s = %s (was %s)", i ? "," : "", p[i].target, p[i].value, p[i].was);
        else if (!strcmp(p[i].value, "off")) fprintf(out, "%s no %s (was %s)", i ? "," : "", p[i].target, p[i].was);
        else fprintf(out, "%s %s %s (was %s)", i ? "," : "", p[i].target, p[i].value, p[i].was);
    }
    fputc('\n', out);
}

/* Every verdict and score that differs between worlds a (now) and b (the
 * worlds runs ra and rb of the timeline end with, or NULL: as declared);
 * -1 when the session's interrupt stopped it. */
static int compare_worlds(coop_session *s, const coop_world *a, tl_run *ra, const coop_world *b, tl_run *rb, int keeps)
{
    const model *m = &s->cur->m;
    if (!s->opt.out) return 0;
    rep r = {0};
    r.out = s->opt.out;
    r.as_json = s->opt.format == COOP_FORMAT_JSON;
    r.m = m;
    r.w = b;
    char day[32]; /* with a timeline: the verdicts as its last step ends, said */
    if (m->timeline) r.at = tl_step_text(m, m->timeline->nsteps - 1, day, sizeof day);
    diff_rule *d = result_diff(m, a, b, s->opt.interrupt);
    if (!d) return -1;
    long moved = 0, total = 0;
    /* in the order they are decided: tenders' awards, the contracts they
     * award, then partnerships' verdicts (which read contracts) */
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            contracts_diff cd;
            if (result_contracts_diff_at(m, a, ra, b, rb, s->opt.interrupt, &cd) < 0) { /* nothing printed of them */
                result_contracts_diff_free(&cd);
                result_diff_free(m, d);
                return -1;
            }
            for (int c = 0; c < m->ncontracts; c++) {
                report_contract_whatif(&r, &cd, c, keeps);
                moved += contracts_differ(m, &cd.c[0], &cd.c[1], c);
            }
            result_contracts_diff_free(&cd);
        }
        for (int i = 0; i < m->nrules; i++) {
            if ((m->rules[i].tender == NULL) != pass) continue;
            long n = (long)d[i].n + result_award_moved(&d[i]);
            if (n || r.as_json) report_whatif(&r, i, &d[i], keeps);
            moved += n;
            total += d[i].total;
        }
    }
    if (moved == 0) report_whatif_none(&r, total); /* nothing at all moved */
    result_diff_free(m, d);
    return 0;
}

/* compare_worlds of a (the session's world, in its model) and b (in
 * model mb, the session's or a variant of its events) as declared, or
 * with a timeline of the worlds their last steps end with (timeline.h:
 * statements read those), and then the verdicts at every step; b's run,
 * when it ends, kept in *cb (for the statement after ':', and a set's
 * world).  -1 when stopped (said by the caller), -2 after a runtime error
 * of a run or of a rule at a step, said in d. */
static int compare(coop_session *s, const coop_world *a, const model *mb, const coop_world *b, int keeps,
                   tl_cache *cb, coop_diags *d)
{
    const model *m = &s->cur->m;
    if (!m->timeline) return compare_worlds(s, a, NULL, b, NULL, keeps);
    tl_run own, tb, *ta;
    memset(&tb, 0, sizeof tb);
    int rc = -1, journal = whatif_journal(m);
    source j = session_joined(s); /* the event may stand in any input */
    if (tl_cache_run(a == s->world ? &s->tl : NULL, s->built, m, a, journal, s->opt.interrupt, &own, &ta) == 0 &&
        tl_run_model(&tb, mb, b, NULL, journal, s->opt.interrupt) == 0) {
        rc = compare_worlds(s, tl_world_at(ta, ta->nsteps - 1), ta, tl_world_at(&tb, tb.nsteps - 1), &tb, keeps);
        if (rc == 0) rc = whatif_periods(s, m, ta, mb, &tb, keeps, &j, d);
        if (rc == 0) tl_cache_keep(cb, s->built, b, &tb);
    } else if (!ta->stopped && !tb.stopped) {
        const tl_run *bad = ta->failed ? ta : &tb;
        diag_at(d, &j, bad->err_loc, COOP_ERROR, "%s%s", bad == &tb ? (keeps ? "set: " : "what if: ") : "",
                bad->err_msg);
        rc = -2;
    }
    tl_free(&own);
    tl_free(&tb);
    return rc;
}

/* A side of the statement after ':' begins; on it, `unset` (or NULL)
 * names a value the statement reads that this side lacks, so that it has
 * no value there. */
static void side(coop_session *s, const char *label, const char *unset)
{
    if (s->opt.format == COOP_FORMAT_JSON) {
        if (!s->opt.out) return;
        json j;
        json_init(&j, s->opt.out);
        json_typed(&j, "side");
        json_kstr(&j, "side", label);
        if (unset) json_kstr(&j, "unset", unset);
        json_end_obj(&j);
    } else if (s->opt.out) {
        fprintf(s->opt.out, "-- %s --\n", label);
        if (unset) fprintf(s->opt.out, "no value: %s is unset\n", unset);
    }
}

/* ---- keeping ---- */

/* The kept form of change i: "target = value", and the slot it changes. */
static kept kept_of_plan(const planned *p, const char *place, size_t nslots)
{
    kept k = {0};
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    fprintf(f, "%s = %s", p->target, p->value);
    fclose(f);
    k.text = t;
    const change *c = p->c;
    arena a;
    arena_init(&a);
    k.key = mem_strdup(session_key_of(&a, c));
    arena_free(&a);
    k.place = mem_strdup(place);
    k.after = nslots;
    k.c = c;
    k.value = p->lit;
    return k;
}

/* The inverse of c made in `before`, kept by name. */
static kept inverse_of(const coop_change *c, const coop_world *before, const kept *k)
{
    coop_change *inv = change_inverse(c, before);
    kept u = {0};
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    change_target_text(inv, f);
    fputs(" = ", f);
    if (!inv->reset)
        change_value_text(inv, f);
    else /* a value of the target's type, to parse: reset says what happens */
        fputs(inv->type == T_SET ? "{}" : inv->type == T_STR ? "\"\"" : inv->type == T_BOOL ? "false" : "0", f);
    fclose(f);
    u.text = t;
    u.reset = inv->reset;
    u.key = mem_strdup(k->key);
    u.place = mem_strdup(k->place);
    change_free(inv);
    return u;
}

/* `set`: the changes kept, a step that undoes them, the world kept. */
static void keep(coop_session *s, seg *g, size_t nsegs, const planned *p, int n, coop_change **ch, coop_world *w)
{
    coop_loc shown;
    const char *file = source_where(&g->src, g->prog.v[0]->loc, &shown);
    char *place = arena_printf(&g->mem, "%s:%d", file, shown.line);
    /* the step lists the changes as a `set` that makes them again, and the
     * values they had */
    char *what = NULL, *was = NULL;
    size_t wl = 0;
    FILE *f = mem_stream(&what, &wl);
    fputs("set", f);
    for (int i = 0; i < n; i++) fprintf(f, "%s %s = %s", i ? "," : "", p[i].target, p[i].value);
    fclose(f);
    f = mem_stream(&was, &wl);
    for (int i = 0; i < n; i++) fprintf(f, "%s%s", i ? ", " : "", p[i].was);
    fclose(f);
    step *st = session_step(s, what, nsegs);
    free(what);
    st->was = was;
    st->set = 1;
    st->built = s->built;
    /* the inverses, newest change first, each against the world before it */
    coop_world *before = world_clone(s->world);
    VEC(kept) inv = {0};
    for (int i = 0; i < n; i++) {
        kept k = kept_of_plan(&p[i], place, s->slots.n);
        kept u = inverse_of(ch[i], before, &k);
        change_apply(ch[i], before);
        vec_push(inv, u);
        vec_push(s->kept, k);
    }
    for (size_t i = inv.n; i-- > 0;) vec_push(st->undo, inv.v[i]);
    vec_free(inv);
    world_free(before);
    world_free(s->world);
    s->world = w;
}

coop_status whatif_run(coop_session *s, seg *g, size_t nsegs, const decl *cmd, coop_diags *d)
{
    int n = cmd->u.change.n, keep_it = cmd->k == C_SET;
    planned *p = arena_alloc(&g->mem, (size_t)n * sizeof *p);
    coop_change **ch = arena_alloc(&g->mem, (size_t)n * sizeof *ch);
    coop_world *w = NULL;
    stmt *then = NULL;
    coop_status st = COOP_FAILED;
    tl_cache run = {0}; /* the run of w, when there is a timeline */
    whatif_variant v;
    whatif_variant_init(&v, &s->cur->m);
    if (plan(s, g, cmd, p, &v, d) < 0) goto out;
    /* the statement after ':' is checked with the model, before anything is
     * printed; it may read an attribute the changes give an actor that
     * has none now (then->unset: no value now) */
    decl *then_d = cmd->u.change.stmt;
    int *given = arena_alloc(&g->mem, (size_t)(2 * n + 1) * sizeof *given), ngiven = 0;
    for (int i = 0; i < n; i++)
        if (p[i].attr >= 0) {
            given[2 * ngiven] = p[i].attr;
            given[2 * ngiven++ + 1] = p[i].actor;
        }
    if (then_d && !(then = session_resolve(s, s->cur, s->world, &g->mem, &then_d, 1, given, ngiven, d))) goto out;
    w = world_clone(s->world);
    for (int i = 0; i < n; i++) {
        if (p[i].event) continue; /* in v */
        kept k = kept_of_plan(&p[i], "", 0);
        ch[i] = session_bind(s, s->cur, &k, d);
        free(k.text);
        free(k.key);
        free(k.place);
        if (!ch[i] || change_apply(ch[i], w) < 0) {
            diag_at(d, &g->src, p[i].c->loc, COOP_ERROR, "%s cannot be set to %s", p[i].target, p[i].value);
            goto out;
        }
    }
    print_changes(s, keep_it ? "set" : "what if", p, n);
    const model *mb = whatif_variant_model(&v);
    int cmp = compare(s, s->world, mb, w, keep_it, &run, d);
    if (cmp < 0) {
        if (cmp == -1) diag_at(d, &g->src, cmd->loc, COOP_ERROR, "interrupted");
        goto out;
    }
    if (then) {
        const char *unset = then->unset ? ast_text(&g->mem, then->unset->src) : NULL;
        side(s, "now", unset);
        int r0 = unset ? 0 : session_exec(s, s->cur, s->world, then, 1, d);
        side(s, "what if", NULL);
        int r1 = session_exec_in(s, mb, w, &run, s->built, then, 1, d);
        if (r0 != 0 || r1 != 0) goto out;
    }
    st = COOP_DONE;
    if (keep_it) { /* its source stays with its step: the kept changes point into it */
        keep(s, g, nsegs, p, n, ch, w);
        w = NULL;
        if (run.have && mb == &s->cur->m) tl_cache_keep(&s->tl, s->built, s->world, &run.run); /* its world's run */
    }
out:
    tl_cache_free(&run);
    for (int i = 0; i < n; i++) change_free(ch[i]);
    whatif_variant_free(&v);
    world_free(w);
    if (st != COOP_DONE || !keep_it) session_pop(s, nsegs);
    return st;
}
