/* api_world.c - the public entry points for worlds and changes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "parse.h"
#include "resolve.h"
#include "suggest.h"

const coop_world *coop_script_world(const coop_script *s) { return s->w; }
coop_world *coop_world_clone(const coop_world *w) { return w ? world_clone(w) : NULL; }
void coop_world_free(coop_world *w) { world_free(w); }

static int cell_ok(const coop_world *w, int actor, int attr)
{
    return w && actor >= 0 && actor < w->nactors && attr >= 0 && attr < w->nattrs;
}

static coop_value_type value_type(vtype t)
{
    switch (t) {
    case T_NUM: return COOP_VALUE_NUMBER;
    case T_BOOL: return COOP_VALUE_BOOL;
    case T_STR: return COOP_VALUE_STRING;
    case T_SET: return COOP_VALUE_SET;
    default: return COOP_VALUE_NONE;
    }
}

coop_value_type coop_attr_type(const coop_script *s, int attr)
{
    return attr >= 0 && attr < s->m.nattrs ? value_type(s->m.attrs[attr].type) : COOP_VALUE_NONE;
}

coop_value_type coop_world_attr(const coop_world *w, int actor, int attr, double *num, const char **str)
{
    if (!cell_ok(w, actor, attr) || !w->has[attr][actor]) return COOP_VALUE_NONE;
    vtype t = w->m->attrs[attr].type;
    if (t != T_SET && num) *num = w->num[attr][actor];
    if (t == T_STR && str) *str = world_str(w, (int)w->num[attr][actor]);
    return value_type(t);
}

int coop_world_members(const coop_world *w, int actor, int attr, const char **members, int max)
{
    if (!cell_ok(w, actor, attr) || !w->has[attr][actor] || w->m->attrs[attr].type != T_SET) return -1;
    const uint64_t *bits = world_set_of(w, attr, actor);
    int n = 0;
    for (int id = 0; id < world_nsyms(w); id++)
        if (vm_member(bits, w->setwords, id)) {
            if (n < max) members[n] = world_sym_name(w, id);
            n++;
        }
    return n;
}

/* Makes the change c (consumed) in w. */
static int made(coop_change *c, coop_world *w)
{
    int rc = c ? change_apply(c, w) : -1;
    change_free(c);
    return rc;
}

int coop_world_set_number(coop_world *w, int actor, int attr, double v)
{
    if (!cell_ok(w, actor, attr)) return -1;
    vtype t = w->m->attrs[attr].type == T_BOOL ? T_BOOL : T_NUM;
    return made(change_attr(w->m, actor, attr, CH_SET, t, v, NULL, NULL, 0), w);
}

int coop_world_set_string(coop_world *w, int actor, int attr, const char *v)
{
    if (!cell_ok(w, actor, attr) || !v) return -1;
    return made(change_attr(w->m, actor, attr, CH_SET, T_STR, 0, v, NULL, 0), w);
}

int coop_world_set_members(coop_world *w, int actor, int attr, const char *const *members, int n)
{
    if (!cell_ok(w, actor, attr) || n < 0) return -1;
    for (int i = 0; i < n; i++)
        if (!members[i]) return -1;
    return made(change_attr(w->m, actor, attr, CH_SET, T_SET, 0, NULL, members, n), w);
}

/* Do the actors fit relation rel's argument kinds? */
static int tuple_ok(const model *m, int rel, const int *a)
{
    if (rel < 0 || rel >= m->nrels || !a) return 0;
    const relation_info *r = &m->rels[rel];
    for (int i = 0; i < r->arity; i++)
        if (a[i] < 0 || a[i] >= m->nactors || !model_is_a(m, m->actors[a[i]].kind, r->kinds[i])) return 0;
    return 1;
}

int coop_world_relation(const coop_world *w, int rel, const int *actors, double *v)
{
    if (!w || !tuple_ok(w->m, rel, actors)) return -1;
    if (world_rel_get(w, rel, actors, v)) return 1;
    *v = w->m->rels[rel].def;
    return 0;
}

int coop_world_set_relation(coop_world *w, int rel, const int *actors, double v)
{
    if (!w || !tuple_ok(w->m, rel, actors)) return -1;
    return made(change_rel(w->m, rel, actors, CH_SET, w->m->rels[rel].type, v), w);
}

int coop_world_unset_relation(coop_world *w, int rel, const int *actors)
{
    if (!w || !tuple_ok(w->m, rel, actors)) return -1;
    world_rel_unset(w, rel, actors);
    return 0;
}

/* ---- parameters ---- */

int coop_param_find(const coop_script *s, const char *nm) { return s && nm ? names_get(&s->m.param_idx, nm) : -1; }

coop_value_type coop_param_info(const coop_script *s, int p, double *declared, double *lo, double *hi, const char **label)
{
    if (!s || p < 0 || p >= s->m.nparams) return COOP_VALUE_NONE;
    const param_info *pi = &s->m.params[p];
    if (declared) *declared = pi->value;
    if (lo) *lo = pi->lo;
    if (hi) *hi = pi->hi;
    if (label) *label = pi->label;
    return value_type(pi->type);
}

int coop_world_param(const coop_world *w, int p, double *v)
{
    if (!w || p < 0 || p >= w->nparams) return -1;
    if (v) *v = w->param[p];
    return 0;
}

int coop_world_set_param(coop_world *w, int p, double v)
{
    if (!w || p < 0 || p >= w->nparams) return -1;
    return made(change_param(w->m, p, CH_SET, w->m->params[p].type, v), w);
}

/* ---- changes ---- */

static int op_of(char op, chop *out)
{
    switch (op) {
    case '=': *out = CH_SET; return 0;
    case '+': *out = CH_ADD; return 0;
    case '-': *out = CH_SUB; return 0;
    default: return -1;
    }
}

/* Can a change `op v` be made to a value of type t at all? */
static int fits(vtype t, chop op, double v)
{
    if (!isfinite(v)) return 0;
    if (t == T_BOOL) return op == CH_SET && (v == 0 || v == 1); /* true/false is set, not added to */
    return t == T_NUM;
}

coop_change *coop_change_attr(const coop_script *s, int actor, int attr, char op, double v)
{
    chop o;
    if (!s || actor < 0 || actor >= s->m.nactors || attr < 0 || attr >= s->m.nattrs || op_of(op, &o) < 0) return NULL;
    vtype t = s->m.attrs[attr].type;
    return fits(t, o, v) ? change_attr(&s->m, actor, attr, o, t, v, NULL, NULL, 0) : NULL;
}

coop_change *coop_change_relation(const coop_script *s, int rel, const int *actors, char op, double v)
{
    chop o;
    if (!s || !tuple_ok(&s->m, rel, actors) || op_of(op, &o) < 0) return NULL;
    vtype t = s->m.rels[rel].type;
    return fits(t, o, v) ? change_rel(&s->m, rel, actors, o, t, v) : NULL;
}

coop_change *coop_change_param(const coop_script *s, int p, char op, double v)
{
    chop o;
    if (!s || p < 0 || p >= s->m.nparams || op_of(op, &o) < 0) return NULL;
    vtype t = s->m.params[p].type;
    return fits(t, o, v) ? change_param(&s->m, p, o, t, v) : NULL;
}

void coop_change_free(coop_change *c) { change_free(c); }

int coop_change_apply(const coop_change *c, coop_world *w) { return c && w ? change_apply(c, w) : -1; }

coop_change *coop_change_inverse(const coop_change *c, const coop_world *before)
{
    return c && before && before->m == c->m ? change_inverse(c, before) : NULL;
}

char *coop_change_text(const coop_change *c)
{
    if (!c) return NULL;
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    change_text(c, f);
    fclose(f);
    return t;
}

/* A parsed change of parameter p: a constant of its type, set inside
 * its range (one added or taken away is checked when made). */
static coop_change *parsed_param(const model *m, const source *src, arena *a, const change *c, int p, coop_diags *d)
{
    double num;
    vtype t;
    char why[256];
    if (resolve_number(m, src, a, c->value, &num, &t, d) < 0) return NULL;
    const char *no = change_param_refused(m, p, c->op, t, c->op == CH_SET ? num : m->params[p].value /* an amount:
                                                                                                   its type alone */,
                                          why, sizeof why);
    if (no) {
        diag_at(d, src, c->loc, COOP_ERROR, "%s", no);
        return NULL;
    }
    return change_param(m, p, c->op, t, num);
}

/* The value of a parsed change: members and strings as written, anything
 * else a constant number or true/false. */
static coop_change *parsed(const coop_script *s, const source *src, arena *a, const change *c, coop_diags *d)
{
    const model *m = &s->m;
    const expr *v = c->value;
    int target_rel = c->is_rel;
    event_change tg;
    if (resolve_change_target(m, s->w, src, a, c, &tg, d) < 0) return NULL;
    if (tg.is_param) return parsed_param(m, src, a, c, tg.param, d);
    int actor = tg.actor, attr = tg.attr, rel = tg.rel, *args = tg.args;
    const char *noun = c->is_bid ? "bid field" : "attribute";
    if (!target_rel) {
        vtype t = m->attrs[attr].type;
        if (t == T_SET || t == T_STR) {
            if (v->k != (t == T_SET ? X_SET : X_STR) || (t == T_STR && c->op != CH_SET)) {
                diag_at(d, src, v->loc, COOP_ERROR, "%s '%s' holds %s; write %s", noun, c->attr.s,
                        t == T_SET ? "a set" : "a string", t == T_SET ? "one like {a, b}" : "one in quotes with =");
                return NULL;
            }
            if (t == T_STR) return change_attr(m, actor, attr, c->op, T_STR, 0, v->u.str, NULL, 0);
            const char **syms = arena_alloc(a, ((size_t)v->u.set.n + 1) * sizeof *syms);
            for (int i = 0; i < v->u.set.n; i++) syms[i] = v->u.set.v[i].s;
            return change_attr(m, actor, attr, c->op, T_SET, 0, NULL, syms, v->u.set.n);
        }
    }
    double num;
    vtype t;
    if (resolve_number(m, src, a, v, &num, &t, d) < 0) return NULL;
    vtype want = target_rel ? m->rels[rel].type : m->attrs[attr].type;
    if (want == T_BOOL && (t != T_BOOL || c->op != CH_SET)) {
        if (target_rel)
            diag_at(d, src, c->loc, COOP_ERROR, "relation '%s' holds true or false: set it with = true or = false",
                    c->obj.s);
        else
            diag_at(d, src, c->loc, COOP_ERROR, "%s '%s' is true or false: set it with = true or = false", noun,
                    c->attr.s);
        return NULL;
    }
    return target_rel ? change_rel(m, rel, args, c->op, t, num) : change_attr(m, actor, attr, c->op, t, num, NULL, NULL, 0);
}

coop_change *coop_change_parse(const coop_script *s, const char *nm, const char *text, size_t len, coop_diags *d)
{
    if (!s || !text) return NULL;
    coop_diags *own = d ? NULL : coop_diags_new(); /* errors nobody reads */
    if (own) d = own;
    arena a;
    arena_init(&a);
    source src = {.name = nm ? nm : "change", .text = arena_strndup(&a, text, len), .len = len};
    program p = {0};
    coop_change *c = NULL;
    if (parse_input(&src, IN_CHANGE, &a, d, &p) == 0 && p.n == 1) c = parsed(s, &src, &a, &p.v[0]->u.change.v[0], d);
    arena_free(&a);
    coop_diags_free(own);
    return c;
}
