/*
 * whatif.c - `what if` and `set`: each change is checked and its value
 * worked out in the current model, then made in a copy of the session's
 * slots (an actor's text rewritten where the attribute is written, a
 * relation value's declaration replaced or added); the two models are
 * compared tuple by tuple, and `set` keeps the copy.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "report.h"
#include "session.h"

/* A value as coop writes it. */
static void num_text(char *buf, size_t n, double v, int boolean)
{
    if (boolean) snprintf(buf, n, "%s", v != 0 ? "true" : "false");
    else ast_fmtnum(buf, n, v);
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

static int attr_index(const coop_script *sc, const char *nm)
{
    for (int i = 0; i < sc->m.nattrs; i++)
        if (strcmp(sc->m.attrs[i].name, nm) == 0) return i;
    return -1;
}

/* The members of actor ac's set attribute at. */
static int set_members(const coop_script *sc, int at, int ac, const char **out)
{
    int n = 0;
    if (!sc->w.has[at][ac]) return 0;
    const uint64_t *bits = sc->w.set[at] + (size_t)ac * (size_t)sc->m.setwords;
    for (int i = 0; i < sc->m.nsyms; i++)
        if (bits[i / 64] >> (i % 64) & 1) out[n++] = sc->m.syms[i];
    return n;
}

/* An attribute's value now, as coop writes it. */
static const char *attr_now(arena *a, const coop_script *sc, int at, int ac)
{
    if (!sc->w.has[at][ac]) return "unset";
    char buf[64];
    switch (sc->m.attrs[at].type) {
    case T_SET: {
        const char **m = arena_alloc(a, ((size_t)sc->m.nsyms + 1) * sizeof *m);
        return set_text(a, m, set_members(sc, at, ac, m));
    }
    case T_STR: return str_text(a, sc->m.strs[(int)sc->w.num[at][ac]]);
    default:
        num_text(buf, sizeof buf, sc->w.num[at][ac], sc->m.attrs[at].type == T_BOOL);
        return arena_strdup(a, buf);
    }
}

static int find_slot(const slots *sl, const char *key)
{
    for (size_t i = sl->n; i-- > 0;)
        if (sl->v[i].key && strcmp(sl->v[i].key, key) == 0) return (int)i;
    return -1;
}

/* The members of the set an actor's declaration writes for attribute
 * c->attr, in the order written; -1 when it writes none as a set literal. */
static int written_members(const coop_session *s, const change *c, const char **out)
{
    arena tmp;
    arena_init(&tmp);
    int j = find_slot(&s->slots, arena_printf(&tmp, "actor %s", c->obj.s));
    arena_free(&tmp);
    if (j < 0) return -1;
    const decl *d = s->slots.v[j].d;
    for (int i = d->u.actor.n - 1; i >= 0; i--) {
        const expr *v = d->u.actor.attrs[i].value;
        if (strcmp(d->u.actor.attrs[i].n.s, c->attr.s) != 0) continue;
        if (v->k != X_SET) return -1;
        int n = 0;
        for (int k = 0; k < v->u.set.n; k++) {
            int dup = 0;
            for (int l = 0; l < n; l++) dup |= strcmp(out[l], v->u.set.v[k].s) == 0;
            if (!dup) out[n++] = v->u.set.v[k].s;
        }
        return n;
    }
    return -1;
}

/* One change as it will be made: the target's text, the new value's, the
 * old one's. */
typedef struct planned {
    change *c;
    const char *target, *value, *was;
    int stmt;           /* its value's index among the value statements, or -1 */
    int was_stmt;       /* a relation's value now, among the statements that read them */
    int attr, actor;    /* attribute changes */
    vtype type;         /* the attribute's */
} planned;

static void target_text(arena *a, const change *c, planned *p)
{
    if (!c->is_rel) {
        p->target = arena_printf(a, "%s.%s", c->obj.s, c->attr.s);
        return;
    }
    char *t = arena_printf(a, "%s(", c->obj.s);
    for (int i = 0; i < c->nargs; i++) t = arena_printf(a, "%s%s%s", t, i ? ", " : "", c->args[i].s);
    p->target = arena_printf(a, "%s)", t);
}

/* The text of an actor slot with attribute `attr` set to `value`: the
 * value's text replaced where it is written, else added before the '}'. */
static char *actor_with(arena *a, const slot *sl, const char *attr, const char *value)
{
    const decl *d = sl->d;
    const char *b = sl->body;
    size_t b0 = session_offset(sl->g, d->loc.line, d->loc.col), n = strlen(b);
    for (int j = d->u.actor.n - 1; j >= 0; j--) {
        if (strcmp(d->u.actor.attrs[j].n.s, attr) != 0) continue;
        const expr *v = d->u.actor.attrs[j].value;
        size_t v0 = session_offset(sl->g, v->loc.line, v->loc.col) - b0, v1 = session_offset(sl->g, v->loc.end_line, v->loc.end_col) - b0;
        /* a comment after the value on its line keeps its column: the
         * blanks before it take up the difference, leaving at least one */
        size_t old = v1 - v0, now = strlen(value), sp = 0;
        while (b[v1 + sp] == ' ') sp++;
        int pad = 0, cut = 0;
        if (sp > 0 && b[v1 + sp] == '#') {
            if (now < old) pad = (int)(old - now);
            else cut = (int)(now - old < sp - 1 ? now - old : sp - 1);
        }
        return arena_printf(a, "%.*s%s%*s%s", (int)v0, b, value, pad, "", b + v1 + cut);
    }
    size_t close = n - 1, ls = close; /* the body ends with its '}' */
    while (ls > 0 && (b[ls - 1] == ' ' || b[ls - 1] == '\t')) ls--;
    if (ls > 0 && (b[ls - 1] == '\n' || b[ls - 1] == '\r')) /* the '}' on a line of its own */
        return arena_printf(a, "%.*s  %s = %s\n%s", (int)ls, b, attr, value, b + ls);
    const char *sep = close > 0 && b[close - 1] != ' ' && b[close - 1] != '\t' ? " " : "";
    return arena_printf(a, "%.*s%s%s = %s }", (int)close, b, sep, attr, value);
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

/* Checks the changes against the current model and works out each one's
 * new value; 0, or -1 with the reasons in d. */
static int plan(coop_session *s, seg *g, const decl *cmd, planned *p, coop_diags *d)
{
    arena *a = &g->mem;
    const coop_script *cur = s->cur;
    size_t before = coop_diags_errors(d);
    decls vals = {0}, wases = {0};
    for (int i = 0; i < cmd->u.change.n; i++) {
        change *c = &cmd->u.change.v[i];
        planned *pl = &p[i];
        memset(pl, 0, sizeof *pl);
        pl->c = c;
        pl->stmt = pl->was_stmt = -1;
        pl->attr = pl->actor = -1;
        target_text(a, c, pl);
        int twice = 0;
        for (int j = 0; j < i; j++) twice |= strcmp(p[j].target, pl->target) == 0;
        if (twice) {
            diag_at(d, &g->src, c->loc, COOP_ERROR, "%s is changed twice in one list; write one change for it",
                    pl->target);
            continue;
        }
        expr *value = c->value;
        if (!c->is_rel) {
            pl->actor = coop_actor_find(cur, c->obj.s);
            if (pl->actor < 0) {
                diag_at(d, &g->src, c->obj.loc, COOP_ERROR, "unknown actor '%s'", c->obj.s);
                continue;
            }
            pl->attr = attr_index(cur, c->attr.s);
            if (pl->attr < 0) {
                diag_at(d, &g->src, c->attr.loc, COOP_ERROR, "no actor has an attribute '%s'", c->attr.s);
                continue;
            }
            pl->type = cur->m.attrs[pl->attr].type;
            pl->was = attr_now(a, cur, pl->attr, pl->actor);
            if (pl->type == T_SET || pl->type == T_STR) {
                int set = pl->type == T_SET;
                if (value->k != (set ? X_SET : X_STR) || (!set && c->op != CH_SET)) {
                    diag_at(d, &g->src, value->loc, COOP_ERROR, "attribute '%s' holds %s; write %s", c->attr.s,
                            set ? "a set" : "a string", set ? "one like {a, b}" : "one in quotes with =");
                    continue;
                }
                if (!set) { pl->value = str_text(a, value->u.str); continue; }
                /* = a set; += adds its members, -= takes them away */
                const char **m = arena_alloc(a, ((size_t)cur->m.nsyms + (size_t)value->u.set.n + 1) * sizeof *m);
                int n = written_members(s, c, m); /* as the declaration writes it */
                if (n < 0) n = set_members(cur, pl->attr, pl->actor, m);
                pl->was = pl->was[0] == 'u' ? pl->was : set_text(a, m, n); /* "unset" stays */
                if (c->op == CH_SET) n = 0;
                for (int j = 0; j < value->u.set.n; j++) {
                    const char *x = value->u.set.v[j].s;
                    int at = -1;
                    for (int k = 0; k < n; k++) if (strcmp(m[k], x) == 0) at = k;
                    if (c->op == CH_SUB) {
                        if (at >= 0) { memmove(m + at, m + at + 1, (size_t)(n - at - 1) * sizeof *m); n--; }
                    } else if (at < 0)
                        m[n++] = x;
                }
                pl->value = set_text(a, m, n);
                continue;
            }
            if (pl->type == T_BOOL && c->op != CH_SET) {
                diag_at(d, &g->src, c->loc, COOP_ERROR, "attribute '%s' is true or false: set it with = true or = false",
                        c->attr.s);
                continue;
            }
        } else {
            pl->was = NULL; /* from the value statement of the target, below */
        }
        if (c->op != CH_SET)
            value = ast_op(a, X_BIN, c->op == CH_ADD ? OP_ADD : OP_SUB, c->loc, c->target, c->value, NULL);
        pl->stmt = (int)vals.n;
        vec_push(vals, value_decl(a, value));
        if (c->is_rel) { /* its value now, for "was": checked first, so a bad target is said once */
            pl->was_stmt = (int)wases.n;
            vec_push(wases, value_decl(a, c->target));
        }
    }
    int first = 0; /* the statements come first in the scripts built */
    coop_script *sc = NULL;
    if (coop_diags_errors(d) == before && wases.n && (sc = session_build(s, &s->slots, wases.v, (int)wases.n, d)))
        for (int i = 0; i < cmd->u.change.n; i++) {
            planned *pl = &p[i];
            if (pl->was_stmt < 0) continue;
            double was;
            char buf[64];
            if (run_value_of(sc, first + pl->was_stmt, s->opt.seed, d, &was) < 0) break;
            num_text(buf, sizeof buf, was, sc->stmts[first + pl->was_stmt].e->type == T_BOOL);
            pl->was = arena_strdup(a, buf);
        }
    coop_script_free(sc);
    sc = NULL;
    if (coop_diags_errors(d) == before) sc = session_build(s, &s->slots, vals.v, (int)vals.n, d);
    vec_free(vals);
    vec_free(wases);
    if (!sc) return -1;
    for (int i = 0; i < cmd->u.change.n && coop_diags_errors(d) == before; i++) {
        planned *pl = &p[i];
        if (pl->stmt < 0) continue;
        const stmt *st = &sc->stmts[first + pl->stmt];
        double v;
        if (run_value_of(sc, first + pl->stmt, s->opt.seed, d, &v) < 0) break;
        char buf[64];
        vtype t = st->e->type;
        const char *want = t != T_NUM && t != T_BOOL ? "a number or true/false"
                         : pl->type == T_BOOL && t != T_BOOL ? "true or false" : NULL;
        if (want) {
            diag_at(d, &sc->src, st->loc, COOP_ERROR, "%s takes %s, but this is %s", pl->target, want,
                    t == T_SET ? "a set" : t == T_STR ? "a string" : t == T_FACTOR ? "a factor" : "a number");
            break;
        }
        if (!isfinite(v)) {
            diag_at(d, &sc->src, st->loc, COOP_ERROR, "%s would not be a finite number", pl->target);
            break;
        }
        /* a computed value to 15 significant digits: 0.1 + 0.2 is 0.3 here,
         * as the user means (a number written is taken as it is); the value
         * kept is the one written, in the model and when saved */
        const expr *x = pl->c->value;
        int literal = pl->c->op == CH_SET && (x->k == X_NUM || (x->k == X_NEG && x->u.op.a->k == X_NUM));
        if (t != T_BOOL && !literal) {
            snprintf(buf, sizeof buf, "%.15g", v);
            v = strtod(buf, NULL);
        }
        num_text(buf, sizeof buf, v, t == T_BOOL);
        pl->value = arena_strdup(a, buf);
        if (pl->c->is_rel) {
            /* the relation's value as a literal where the user wrote it */
            expr *lit = ast_expr(a, t == T_BOOL ? X_BOOL : X_NUM, pl->c->value->loc);
            lit->u.num = v;
            pl->c->value = lit;
        }
    }
    coop_script_free(sc);
    return coop_diags_errors(d) > before ? -1 : 0;
}

/* Makes the planned changes in `cand` (a copy of the slots), recording what
 * they replace in `reps`; new sources (changed actors) are pushed on the
 * session.  0, or -1 with the reasons in d. */
static int apply(coop_session *s, seg *g, const planned *p, int n, slots *cand, replist *reps, coop_diags *d)
{
    for (int i = 0; i < n; i++) {
        const planned *pl = &p[i];
        const change *c = pl->c;
        arena *a = &g->mem;
        if (!c->is_rel) {
            int j = find_slot(cand, arena_printf(a, "actor %s", c->obj.s));
            if (j < 0) return -1; /* cannot be: the actor was found */
            slot *old = &cand->v[j];
            char *text = actor_with(a, old, c->attr.s, pl->value);
            /* numbered as the declaration it rewrites: messages point at its lines */
            coop_loc shown;
            source_where(&old->g->src, old->d->loc, &shown);
            seg *ng = session_seg(s, old->g->src.name, shown.line - 1, text, strlen(text));
            ng->file = old->g->file; /* still the file's actor, when it was one */
            if (parse_source(&ng->src, &ng->mem, d, &ng->prog) < 0 || ng->prog.n != 1) return -1;
            replaced r = {(size_t)j, *old};
            vec_push(*reps, r);
            slot sl = *old;
            sl.d = ng->prog.v[0];
            sl.g = ng;
            sl.body = ng->src.text;
            *old = sl;
            continue;
        }
        /* a relation's value: a declaration `r(a, b) = v` made of the typed names */
        decl *rd = arena_alloc(a, sizeof *rd);
        rd->k = D_RELSET;
        rd->loc = c->loc;
        rd->n = c->obj;
        rd->u.relset.args = c->args;
        rd->u.relset.n = c->nargs;
        rd->u.relset.value = c->value;
        size_t from = session_offset(g, c->loc.line, c->loc.col), to = session_offset(g, c->loc.end_line, c->loc.end_col);
        slot sl = session_slot(g, rd, from, to);
        sl.body = arena_printf(a, "%s = %s", pl->target, pl->value);
        int j = find_slot(cand, sl.key);
        if (j < 0) {
            sl.lead = "\n# set in a coop repl session\n"; /* a line of its own when saved */
            vec_push(*cand, sl);
            continue;
        }
        replaced r = {(size_t)j, cand->v[j]};
        vec_push(*reps, r);
        sl.lead = cand->v[j].lead;
        sl.tail = cand->v[j].tail;
        sl.place = cand->v[j].place;
        cand->v[j] = sl;
    }
    return 0;
}

/* ---- comparing two models ---- */

typedef VEC(diff_row) diff_rows;

typedef struct cmp_ctx {
    evaluator *other;
    diff_rows *rows;
    long total;
} cmp_ctx;

/* One tuple in both models; a division by zero on a side is a verdict of
 * its own (-1), listed when the other side differs. */
static int cmp_one(evaluator *e, int v, void *ctx)
{
    cmp_ctx *c = ctx;
    c->total++;
    int w = ev_tuple(c->other, e->tuple);
    int nf = e->ru->nf;
    double s0 = e->ru->score && v >= 0 ? e->r[nf] : 0, s1 = e->ru->score && w >= 0 ? c->other->r[nf] : 0;
    if (v == w && (s0 == s1 || (isnan(s0) && isnan(s1)))) return 0;
    diff_row r;
    memcpy(r.tuple, e->tuple, sizeof r.tuple);
    r.v0 = v;
    r.v1 = w;
    r.s0 = s0;
    r.s1 = s1;
    vec_push(*c->rows, r);
    return 0;
}

/* Prints every verdict and score that differs between a (now) and b (what
 * if). */
static void compare(coop_session *s, const coop_script *a, const coop_script *b, int kept)
{
    rep r = {s->opt.out, s->opt.format == COOP_FORMAT_JSON, a, {0}};
    long moved = 0, total = 0;
    for (int i = 0; i < a->m.nrules; i++) {
        evaluator ea, eb;
        ev_init(&ea, &a->m, &a->w, i);
        ev_init(&eb, &b->m, &b->w, i);
        diff_rows rows = {0};
        cmp_ctx c = {&eb, &rows, 0};
        ev_foreach_verdicts(&ea, cmp_one, &c);
        if (r.out && (rows.n || r.json)) report_whatif(&r, i, rows.v, rows.n, c.total, kept);
        moved += (long)rows.n;
        total += c.total;
        vec_free(rows);
        ev_free(&ea);
        ev_free(&eb);
    }
    if (r.out && !r.json && moved == 0)
        fprintf(r.out, "no verdict or score changes (of %ld tuple%s)\n", total, total == 1 ? "" : "s");
}

/* `what if` and `set`: the first line says what changes, from what. */
static void print_changes(coop_session *s, const char *verb, const planned *p, int n)
{
    FILE *out = s->opt.out;
    if (!out) return;
    if (s->opt.format == COOP_FORMAT_JSON) {
        fprintf(out, "{\"type\":\"%s\",\"changes\":[", verb[0] == 's' ? "set" : "what_if");
        for (int i = 0; i < n; i++) {
            fputs(i ? ",{\"target\":" : "{\"target\":", out);
            report_json_str(out, p[i].target);
            fputs(",\"value\":", out);
            report_json_str(out, p[i].value);
            fputs(",\"was\":", out);
            report_json_str(out, p[i].was);
            fputc('}', out);
        }
        fputs("]}\n", out);
        return;
    }
    fputs(verb, out);
    for (int i = 0; i < n; i++)
        fprintf(out, "%s %s = %s (was %s)", i ? "," : "", p[i].target, p[i].value, p[i].was);
    fputc('\n', out);
}

static void side(coop_session *s, const char *label)
{
    if (!s->opt.out) return;
    if (s->opt.format == COOP_FORMAT_JSON) fprintf(s->opt.out, "{\"type\":\"side\",\"side\":\"%s\"}\n", label);
    else fprintf(s->opt.out, "-- %s --\n", label);
}

coop_status whatif_run(coop_session *s, seg *g, size_t nsegs, const decl *cmd, coop_diags *d)
{
    int n = cmd->u.change.n;
    planned *p = arena_alloc(&g->mem, (size_t)n * sizeof *p);
    slots cand = {0};
    replist reps = {0};
    coop_script *b = NULL;
    coop_status st = COOP_FAILED;
    if (plan(s, g, cmd, p, d) < 0) goto out;
    session_stage(s, &cand);
    if (apply(s, g, p, n, &cand, &reps, d) < 0) goto out;
    /* the statement after ':' is checked with the model, before anything is printed */
    decl *then = cmd->u.change.stmt;
    if (!(b = session_build(s, &cand, &then, then != NULL, d))) goto out;
    int keep = cmd->k == C_SET;
    print_changes(s, keep ? "set" : "what if", p, n);
    compare(s, s->cur, b, keep);
    if (then) {
        side(s, "now");
        int r0 = session_run(s, &s->slots, &then, 1, d);
        side(s, "what if");
        int r1 = session_run(s, &cand, &then, 1, d);
        if (r0 != 0 || r1 != 0) goto out;
    }
    st = COOP_DONE;
    if (!keep) goto out;
    /* kept: the step lists the changes as a `set` that makes them again */
    char *what = NULL;
    size_t wl = 0;
    FILE *w = mem_stream(&what, &wl);
    fputs("set", w);
    for (int i = 0; i < n; i++) fprintf(w, "%s %s = %s", i ? "," : "", p[i].target, p[i].value);
    fputs("   # was", w);
    for (int i = 0; i < n; i++) fprintf(w, "%s %s", i ? "," : "", p[i].was);
    fclose(w);
    session_commit(s, what, nsegs, &cand, &reps, b);
    free(what);
    b = NULL;
out:
    coop_script_free(b);
    vec_free(cand);
    vec_free(reps);
    if (st != COOP_DONE || cmd->k != C_SET) session_pop(s, nsegs);
    return st;
}

