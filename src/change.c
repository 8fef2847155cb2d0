/* change.c - changes of a world: made, inverted, written as text. */
#include "change.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "slip.h"

static coop_change *change_new(const model *m, chop op, vtype type, double num)
{
    coop_change *c = mem_calloc(1, sizeof *c);
    c->m = m;
    c->op = op;
    c->type = type;
    c->num = num;
    c->actor = c->attr = c->rel = c->param = -1;
    return c;
}

coop_change *change_attr(const model *m, int actor, int attr, chop op, vtype type, double num, const char *str,
                         const char *const *members, int n)
{
    coop_change *c = change_new(m, op, type, num);
    c->actor = actor;
    c->attr = attr;
    if (str) c->str = mem_strdup(str);
    if (type == T_SET) {
        c->members = mem_calloc((size_t)n + 1, sizeof *c->members);
        for (int i = 0; i < n; i++) c->members[i] = mem_strdup(members[i]);
        c->nmembers = n;
    }
    return c;
}

coop_change *change_rel(const model *m, int rel, const int *args, chop op, vtype type, double num)
{
    coop_change *c = change_new(m, op, type, num);
    c->is_rel = 1;
    c->rel = rel;
    memcpy(c->args, args, (size_t)m->rels[rel].arity * sizeof *args);
    return c;
}

coop_change *change_param(const model *m, int p, chop op, vtype type, double num)
{
    coop_change *c = change_new(m, op, type, num);
    c->param = p;
    return c;
}

void change_free(coop_change *c)
{
    if (!c) return;
    for (int i = 0; i < c->nmembers; i++) free(c->members[i]);
    free(c->members);
    free(c->str);
    free(c);
}

/* ---- making a change ---- */

/* A number after the operator, or NAN when it cannot be made. */
static double combine(chop op, int had, double old, double v)
{
    if (op == CH_SET) return v;
    if (!had) return NAN; /* nothing to add to */
    return op == CH_ADD ? old + v : old - v;
}

static int apply_set(const coop_change *c, coop_world *w)
{
    int at = c->attr, ac = c->actor;
    if (c->type != T_SET) return -1;
    int ids[1024], *idp = c->nmembers <= 1024 ? ids : mem_alloc((size_t)c->nmembers * sizeof *idp);
    for (int i = 0; i < c->nmembers; i++) /* first: numbering a symbol may widen every set */
        idp[i] = c->op == CH_SUB ? world_sym_find(w, c->members[i]) : world_sym_intern(w, c->members[i]);
    uint64_t *bits = world_set_of(w, at, ac);
    if (c->op == CH_SET || !w->has[at][ac]) memset(bits, 0, (size_t)w->setwords * sizeof *bits);
    for (int i = 0; i < c->nmembers; i++) {
        int id = idp[i];
        if (id < 0) continue; /* taking away a symbol no set holds */
        if (c->op == CH_SUB) bits[id / 64] &= ~(1ull << (id % 64));
        else bits[id / 64] |= 1ull << (id % 64);
    }
    if (idp != ids) free(idp);
    w->has[at][ac] = 1;
    return 0;
}

static int apply_attr(const coop_change *c, coop_world *w)
{
    int at = c->attr, ac = c->actor;
    vtype t = w->m->attrs[at].type;
    if (c->reset) {
        w->has[at][ac] = 0;
        if (t == T_SET) memset(world_set_of(w, at, ac), 0, (size_t)w->setwords * sizeof(uint64_t));
        else w->num[at][ac] = 0;
        return 0;
    }
    if (t == T_SET) return apply_set(c, w);
    if (t == T_STR) {
        if (c->type != T_STR || c->op != CH_SET) return -1;
        w->num[at][ac] = world_str_intern(w, c->str);
        w->has[at][ac] = 1;
        return 0;
    }
    if (c->type != T_NUM && c->type != T_BOOL) return -1;
    if (t == T_BOOL && (c->op != CH_SET || (c->num != 0 && c->num != 1))) return -1;
    double v = combine(c->op, w->has[at][ac], w->num[at][ac], c->num);
    if (!isfinite(v)) return -1;
    w->num[at][ac] = v;
    w->has[at][ac] = 1;
    return 0;
}

static int apply_rel(const coop_change *c, coop_world *w)
{
    const relation_info *r = &w->m->rels[c->rel];
    if (c->reset) {
        world_rel_unset(w, c->rel, c->args);
        return 0;
    }
    if (c->type != T_NUM && c->type != T_BOOL) return -1;
    if (r->type == T_BOOL && (c->op != CH_SET || (c->num != 0 && c->num != 1))) return -1;
    double v = combine(c->op, 1, world_rel(w, c->rel, c->args), c->num);
    if (!isfinite(v)) return -1;
    world_rel_set(w, c->rel, c->args, v, NULL);
    return 0;
}

const char *change_param_refused(const model *m, int p, chop op, vtype t, double v, char *buf, size_t n)
{
    const param_info *pi = &m->params[p];
    char b1[64], what[COOP_MAX_TOKEN_LEN + 16];
    if (pi->type == T_BOOL && op != CH_SET)
        snprintf(buf, n, "parameter '%s' is true or false: set it with = true or = false", pi->name);
    else if (pi->type == T_BOOL && (t != T_BOOL || (v != 0 && v != 1)))
        snprintf(buf, n, "parameter '%s' is true or false, not a number: write %s = true or %s = false", pi->name,
                 pi->name, pi->name);
    else if (pi->type != T_BOOL && t != T_NUM) {
        fmt_num(b1, sizeof b1, pi->value);
        snprintf(buf, n, "parameter '%s' is a number, not true/false: write a number, like %s = %s", pi->name,
                 pi->name, b1);
    } else if (!isfinite(v))
        snprintf(buf, n, "parameter '%s' would not be a finite number", pi->name);
    else if (!isnan(pi->lo) && (v < pi->lo || v > pi->hi)) {
        snprintf(what, sizeof what, "parameter '%s'", pi->name);
        slip_outside(buf, n, what, "would be", v, pi->lo, pi->hi);
    } else
        return NULL;
    return buf;
}

static int apply_param(const coop_change *c, coop_world *w)
{
    char why[256];
    double v = combine(c->op, 1, w->param[c->param], c->num);
    if (change_param_refused(c->m, c->param, c->op, c->type, v, why, sizeof why)) return -1;
    world_param_set(w, c->param, v);
    return 0;
}

int change_apply(const coop_change *c, coop_world *w)
{
    if (w->m != c->m) return -1;
    int rc = c->param >= 0 ? apply_param(c, w) : c->is_rel ? apply_rel(c, w) : apply_attr(c, w);
    if (rc == 0 && c->param < 0) world_touch(w, c->is_rel ? w->nattrs + c->rel : c->attr); /* a parameter's: world_param_set */
    return rc;
}

coop_change *change_inverse(const coop_change *c, const coop_world *before)
{
    const model *m = c->m;
    coop_change *k;
    if (c->param >= 0) return change_param(m, c->param, CH_SET, m->params[c->param].type, before->param[c->param]);
    if (c->is_rel) {
        double v;
        int set = world_rel_get(before, c->rel, c->args, &v);
        k = change_rel(m, c->rel, c->args, CH_SET, m->rels[c->rel].type, set ? v : 0);
        k->reset = !set;
        return k;
    }
    int at = c->attr, ac = c->actor;
    vtype t = m->attrs[at].type;
    if (!before->has[at][ac]) {
        k = change_attr(m, ac, at, CH_SET, t, 0, NULL, NULL, 0);
        k->reset = 1;
        return k;
    }
    if (t == T_SET) {
        VEC(const char *) syms = {0};
        const uint64_t *bits = world_set_of(before, at, ac);
        for (int id = 0; id < world_nsyms(before); id++)
            if (vm_member(bits, before->setwords, id)) vec_push(syms, world_sym_name(before, id));
        k = change_attr(m, ac, at, CH_SET, T_SET, 0, NULL, syms.v, (int)syms.n);
        vec_free(syms);
        return k;
    }
    if (t == T_STR) return change_attr(m, ac, at, CH_SET, T_STR, 0, world_str(before, (int)before->num[at][ac]), NULL, 0);
    return change_attr(m, ac, at, CH_SET, t, before->num[at][ac], NULL, NULL, 0);
}

/* ---- as text ---- */

void change_target_of(FILE *out, const model *m, int is_rel, int actor, int attr, int rel, const int *args, int bare)
{
    const attr_info *ai = is_rel ? NULL : &m->attrs[attr];
    if (ai && ai->field) { /* "TENDER.FIELD" */
        fprintf(out, "bid(%.*s, %s).%s", (int)(ai->field - 1 - ai->name), ai->name, m->actors[actor].name, ai->field);
        return;
    }
    if (ai) {
        if (!bare) fprintf(out, "%s.", m->actors[actor].name);
        fputs(ai->name, out);
        return;
    }
    fprintf(out, "%s(", m->rels[rel].name);
    for (int i = 0; i < m->rels[rel].arity; i++) fprintf(out, "%s%s", i ? ", " : "", m->actors[args[i]].name);
    fputc(')', out);
}

void change_target_text(const coop_change *c, FILE *out)
{
    if (c->param >= 0) fputs(c->m->params[c->param].name, out);
    else change_target_of(out, c->m, c->is_rel, c->actor, c->attr, c->rel, c->args, 0);
}

void change_value_text(const coop_change *c, FILE *out)
{
    if (c->reset) {
        fputs(c->is_rel ? "default" : "unset", out);
        return;
    }
    char buf[64];
    switch (c->type) {
    case T_STR: ast_print_str(out, c->str); return;
    case T_SET:
        fputc('{', out);
        for (int i = 0; i < c->nmembers; i++) fprintf(out, "%s%s", i ? ", " : "", c->members[i]);
        fputc('}', out);
        return;
    case T_BOOL: fputs(c->num != 0 ? "true" : "false", out); return;
    default:
        fmt_num(buf, sizeof buf, c->num);
        fputs(buf, out);
        return;
    }
}

void change_text(const coop_change *c, FILE *out)
{
    static const char *const ops[] = {" = ", " += ", " -= "};
    change_target_text(c, out);
    fputs(ops[c->op], out);
    change_value_text(c, out);
}
