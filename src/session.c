/*
 * session.c - a model built piece by piece, as the REPL does.  The model is
 * a list of slots, one per declaration (and per statement of a loaded
 * file), each holding its syntax tree and its text.  A declaration that
 * names what a slot declares replaces it in place; `set` replaces an
 * actor's slot with its text changed, or a relation value's slot; `what
 * if` does the same to a copy.  Every change is resolved whole before it is
 * kept, so a failed input leaves nothing behind, and `undo` walks back.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eval.h"
#include "names.h"
#include "parse.h"
#include "report.h"

/* A source the session read or made: a file, a typed input, a changed
 * actor.  Its syntax tree lives in its arena. */
typedef struct seg {
    source src;
    arena mem;
    program prog;
} seg;

typedef struct slot {
    decl *d;
    const seg *g;        /* where d was parsed: its locations are g's */
    const char *key;     /* what replaces it ("actor emil"); NULL for a statement */
    const char *place;   /* "file:line" where it was declared (a changed actor keeps its own) */
    /* its text for :save: the comments before it, itself, and what follows
     * the last declaration of its file */
    const char *lead, *body, *tail;
} slot;

typedef VEC(slot) slots;
typedef struct replaced { size_t i; slot old; } replaced;
typedef VEC(replaced) replist;

/* What undo reverts. */
typedef struct step {
    char *what;          /* as `changes` lists it */
    size_t nslots;       /* slots before it (it appended the rest) */
    replist rep;         /* slots it replaced, oldest first */
    size_t nsegs, nfiles;
} step;

struct coop_session {
    coop_options opt;
    VEC(seg *) segs;            /* live sources, by increasing line0 */
    VEC(const source *) parts;  /* the same, as the joined source's parts */
    int next_line;              /* first free line of the joined line space */
    slots slots;
    VEC(step) steps;
    VEC(char *) files;          /* loaded, for reset */
    coop_script *cur;           /* the model of `slots` */
};

/* ---- sources ---- */

static seg *seg_new(coop_session *s, const char *nm, int shift, const char *text, size_t len)
{
    seg *g = mem_calloc(1, sizeof *g);
    arena_init(&g->mem);
    g->src.name = arena_strdup(&g->mem, nm);
    g->src.text = arena_strndup(&g->mem, text, len);
    g->src.len = len;
    g->src.line0 = s->next_line;
    g->src.shift = shift;
    int lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'));
    s->next_line += lines + 1;
    vec_push(s->segs, g);
    vec_push(s->parts, &g->src);
    return g;
}

/* Frees the sources made after the first n. */
static void segs_pop(coop_session *s, size_t n)
{
    while (s->segs.n > n) {
        seg *g = s->segs.v[--s->segs.n];
        s->parts.n--;
        s->next_line = g->src.line0;
        arena_free(&g->mem);
        free(g);
    }
}

static source joined(const coop_session *s)
{
    source j = {.name = "session", .text = "", .parts = s->parts.v, .nparts = (int)s->parts.n};
    return j;
}

/* Byte offset of a location of g within g's text. */
static size_t offset(const seg *g, int line, int col)
{
    return source_offset(&g->src, line - g->src.line0, col);
}

/* ---- slots ---- */

static int is_stmt(const decl *d) { return d->k >= S_SHOW && d->k <= S_VALUE; }

static const char *key_of(arena *a, const decl *d)
{
    switch (d->k) {
    case D_KIND: return arena_printf(a, "kind %s", d->n.s);
    case D_ACTOR: return arena_printf(a, "actor %s", d->n.s);
    case D_RELATION: case D_RULE: return arena_printf(a, "name %s", d->n.s); /* one name space */
    case D_RELSET: {
        char *k = arena_printf(a, "value %s(", d->n.s);
        for (int i = 0; i < d->u.relset.n; i++) k = arena_printf(a, "%s%s%s", k, i ? ", " : "", d->u.relset.args[i].s);
        return arena_printf(a, "%s)", k);
    }
    default: return NULL;
    }
}

/* "actor 'emil'", "trust(a, b)": a slot as messages name it. */
static const char *what_of(arena *a, const slot *sl)
{
    static const char *const words[] = {"kind", "actor", "relation", "", "partnership"};
    if (sl->d->k == D_RELSET) return sl->key + 6;
    return arena_printf(a, "%s '%s'", words[sl->d->k], sl->d->n.s);
}

/* A slot for declaration d of g, its text g's bytes [from, to). */
static slot slot_new(seg *g, decl *d, size_t from, size_t to)
{
    coop_loc shown;
    const char *file = source_where(&g->src, d->loc, &shown);
    slot sl = {d, g, key_of(&g->mem, d), arena_printf(&g->mem, "%s:%d", file, shown.line), "",
               arena_strndup(&g->mem, g->src.text + from, to - from), ""};
    return sl;
}

/* Adds the declarations v[0..n) of g to `into`: each replaces the slot of
 * the same name that was there before this call (not one of its own: a
 * name declared twice in one input is the resolver's error).  File
 * segments keep their comments with their declarations.  Replaced slots are
 * appended to `reps` when it is not NULL. */
static void add_decls(slots *into, seg *g, decl **v, int n, int file, replist *reps, FILE *out)
{
    names idx = {0};
    for (size_t i = 0; i < into->n; i++)
        if (into->v[i].key) names_put(&idx, into->v[i].key, (int)i);
    size_t prev_end = 0;
    arena *a = &g->mem;
    for (int i = 0; i < n; i++) {
        decl *d = v[i];
        if (!file && is_stmt(d)) continue;
        size_t from = offset(g, d->loc.line, d->loc.col), to = offset(g, d->loc.end_line, d->loc.end_col);
        slot sl = slot_new(g, d, from, to);
        if (file) {
            sl.lead = arena_strndup(a, g->src.text + prev_end, from - prev_end);
            if (i == n - 1) sl.tail = arena_strndup(a, g->src.text + to, g->src.len - to);
        }
        prev_end = to;
        int j = sl.key ? names_get(&idx, sl.key) : -1;
        if (j < 0) {
            vec_push(*into, sl);
            continue;
        }
        slot *old = &into->v[j];
        if (out) fprintf(out, "replaced %s (declared at %s)\n", what_of(a, old), old->place);
        if (reps) {
            replaced r = {(size_t)j, *old};
            vec_push(*reps, r);
        }
        sl.lead = old->lead;
        if (!*sl.tail) sl.tail = old->tail;
        *old = sl;
    }
    names_free(&idx);
}

/* The model of `sl` with the statements extra[0..n) after it; *first gets
 * the index of the first of those among the script's statements. */
static coop_script *build(const coop_session *s, const slots *sl, decl **extra, int n, coop_diags *d, int *first)
{
    VEC(decl *) v = {0};
    int k = 0;
    for (size_t i = 0; i < sl->n; i++) {
        vec_push(v, sl->v[i].d);
        k += is_stmt(sl->v[i].d);
    }
    for (int i = 0; i < n; i++) vec_push(v, extra[i]);
    if (first) *first = k;
    source j = joined(s);
    coop_script *sc = script_of(&j, v.v, (int)v.n, d);
    vec_free(v);
    return sc;
}

static void set_current(coop_session *s, coop_script *sc)
{
    coop_script_free(s->cur);
    s->cur = sc;
}

static step *step_push(coop_session *s, const char *what, size_t nslots, size_t nsegs)
{
    step st = {0};
    st.what = mem_strdup(what);
    st.nslots = nslots;
    st.nsegs = nsegs;
    st.nfiles = s->files.n;
    vec_push(s->steps, st);
    return &s->steps.v[s->steps.n - 1];
}

static void step_free(step *st)
{
    free(st->what);
    vec_free(st->rep);
}

/* ---- life ---- */

coop_session *coop_session_new(const coop_options *opt)
{
    coop_session *s = mem_calloc(1, sizeof *s);
    if (opt) s->opt = *opt;
    s->opt.on_expect = NULL;
    coop_diags *d = coop_diags_new();
    s->cur = build(s, &s->slots, NULL, 0, d, NULL); /* the empty model: built-in kinds only */
    coop_diags_free(d);
    return s;
}

static void clear(coop_session *s)
{
    for (size_t i = 0; i < s->steps.n; i++) step_free(&s->steps.v[i]);
    vec_free(s->steps);
    for (size_t i = 0; i < s->files.n; i++) free(s->files.v[i]);
    vec_free(s->files);
    vec_free(s->slots);
    set_current(s, NULL);
    segs_pop(s, 0);
    vec_free(s->segs);
    vec_free(s->parts);
}

void coop_session_free(coop_session *s)
{
    if (!s) return;
    clear(s);
    free(s);
}

const coop_script *coop_session_script(const coop_session *s) { return s->cur; }

/* ---- loading ---- */

static int count_kind(const seg *g, dkind k)
{
    int n = 0;
    for (int i = 0; i < g->prog.n; i++) n += g->prog.v[i]->k == k;
    return n;
}

static coop_status load(coop_session *s, const char *path, coop_diags *d, int quiet)
{
    size_t len;
    char *text = script_read_file(path, d, &len);
    if (!text) return COOP_FAILED;
    const char *t = text;
    if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) { t += 3; len -= 3; } /* a byte-order mark */
    size_t nsegs = s->segs.n;
    seg *g = seg_new(s, path, 0, t, len);
    free(text);
    if (parse_source(&g->src, &g->mem, d, &g->prog) < 0) {
        segs_pop(s, nsegs);
        return COOP_FAILED;
    }
    slots cand = {0};
    for (size_t i = 0; i < s->slots.n; i++) vec_push(cand, s->slots.v[i]);
    replist reps = {0};
    char *notes = NULL;
    size_t nlen = 0;
    FILE *nf = open_memstream(&notes, &nlen);
    add_decls(&cand, g, g->prog.v, g->prog.n, 1, &reps, nf);
    fclose(nf);
    coop_script *sc = build(s, &cand, NULL, 0, d, NULL);
    if (!sc) {
        vec_free(cand);
        vec_free(reps);
        free(notes);
        segs_pop(s, nsegs);
        return COOP_FAILED;
    }
    FILE *out = s->opt.out;
    if (out && !quiet) {
        fputs(notes, out);
        int st = 0;
        for (int i = 0; i < g->prog.n; i++) st += is_stmt(g->prog.v[i]);
        int na = count_kind(g, D_ACTOR), nr = count_kind(g, D_RELATION), np = count_kind(g, D_RULE);
        fprintf(out, "loaded %s: %d actor%s, %d relation%s, %d partnership%s", path, na, na == 1 ? "" : "s", nr,
                nr == 1 ? "" : "s", np, np == 1 ? "" : "s");
        if (st) fprintf(out, "; its %d statement%s are kept, not run", st, st == 1 ? "" : "s");
        fputc('\n', out);
    }
    free(notes);
    step *stp = NULL;
    if (!quiet && s->steps.n > 0) { /* files loaded before any change are the base reset returns to */
        char *what = NULL;
        size_t wl = 0;
        FILE *w = open_memstream(&what, &wl);
        fprintf(w, ":load %s", path);
        fclose(w);
        stp = step_push(s, what, s->slots.n, nsegs);
        free(what);
        stp->rep.v = reps.v;
        stp->rep.n = reps.n;
        stp->rep.cap = reps.cap;
    } else
        vec_free(reps);
    vec_free(s->slots);
    s->slots.v = cand.v;
    s->slots.n = cand.n;
    s->slots.cap = cand.cap;
    vec_push(s->files, mem_strdup(path));
    set_current(s, sc);
    return COOP_DONE;
}

coop_status coop_session_load(coop_session *s, const char *path, coop_diags *d)
{
    return load(s, path, d, 0);
}

/* ---- running statements ---- */

static void on_expect(void *ctx, const coop_expect_result *r)
{
    FILE *out = ctx;
    if (!out) return;
    if (r->passed) fprintf(out, "passed: %s\n", r->text);
    else fprintf(out, "failed: %s (got %s)\n", r->text, r->got);
}

/* Runs the statements v[0..n) against the slots `sl`; 0 when every one ran
 * and every expectation held. */
static int run_on(coop_session *s, const slots *sl, decl **v, int n, coop_diags *d)
{
    int first;
    coop_script *sc = build(s, sl, v, n, d, &first);
    if (!sc) return -1;
    coop_options o = s->opt;
    o.on_expect = o.format == COOP_FORMAT_TEXT ? on_expect : NULL;
    o.ctx = o.out;
    if (o.out) fflush(o.out);
    int rc = run_statements(sc, &o, d, first);
    coop_script_free(sc);
    return rc;
}

/* ---- changes ---- */

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

static const char *str_text(arena *a, const char *s)
{
    char *t = arena_alloc(a, 2 * strlen(s) + 3), *p = t;
    *p++ = '"';
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') *p++ = '\\';
        if (*s == '\n') { *p++ = '\\'; *p++ = 'n'; continue; }
        if (*s == '\t') { *p++ = '\\'; *p++ = 't'; continue; }
        *p++ = *s;
    }
    *p++ = '"';
    *p = 0;
    return t;
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

/* One change as it will be made: the target's text, the new value's, the
 * old one's. */
typedef struct planned {
    change *c;
    const char *target, *value, *was;
    int stmt;           /* its value's index among the value statements, or -1 */
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
    size_t b0 = offset(sl->g, d->loc.line, d->loc.col), n = strlen(b);
    for (int j = d->u.actor.n - 1; j >= 0; j--) {
        if (strcmp(d->u.actor.attrs[j].n.s, attr) != 0) continue;
        const expr *v = d->u.actor.attrs[j].value;
        size_t v0 = offset(sl->g, v->loc.line, v->loc.col) - b0, v1 = offset(sl->g, v->loc.end_line, v->loc.end_col) - b0;
        return arena_printf(a, "%.*s%s%s", (int)v0, b, value, b + v1);
    }
    size_t close = n - 1, ls = close; /* the body ends with its '}' */
    while (ls > 0 && (b[ls - 1] == ' ' || b[ls - 1] == '\t')) ls--;
    if (ls > 0 && (b[ls - 1] == '\n' || b[ls - 1] == '\r')) /* the '}' on a line of its own */
        return arena_printf(a, "%.*s  %s = %s\n%s", (int)ls, b, attr, value, b + ls);
    const char *sep = close > 0 && b[close - 1] != ' ' && b[close - 1] != '\t' ? " " : "";
    return arena_printf(a, "%.*s%s%s = %s }", (int)close, b, sep, attr, value);
}

/* Checks the changes against the current model and works out each one's
 * new value; 0, or -1 with the reasons in d. */
static int plan(coop_session *s, seg *g, const decl *cmd, planned *p, coop_diags *d)
{
    arena *a = &g->mem;
    const coop_script *cur = s->cur;
    size_t before = coop_diags_errors(d);
    VEC(decl *) vals = {0};
    for (int i = 0; i < cmd->u.change.n; i++) {
        change *c = &cmd->u.change.v[i];
        planned *pl = &p[i];
        memset(pl, 0, sizeof *pl);
        pl->c = c;
        pl->stmt = -1;
        pl->attr = pl->actor = -1;
        target_text(a, c, pl);
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
                int n = c->op == CH_SET ? 0 : set_members(cur, pl->attr, pl->actor, m);
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
        decl *v = arena_alloc(a, sizeof *v);
        v->k = S_VALUE;
        v->loc = value->loc;
        v->u.expect.e = value;
        pl->stmt = (int)vals.n;
        vec_push(vals, v);
        if (c->is_rel) { /* its value now, for "was" */
            decl *w = arena_alloc(a, sizeof *w);
            w->k = S_VALUE;
            w->loc = c->target->loc;
            w->u.expect.e = c->target;
            vec_push(vals, w);
        }
    }
    if (coop_diags_errors(d) > before) {
        vec_free(vals);
        return -1;
    }
    int first;
    coop_script *sc = build(s, &s->slots, vals.v, (int)vals.n, d, &first);
    vec_free(vals);
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
        num_text(buf, sizeof buf, v, t == T_BOOL);
        pl->value = arena_strdup(a, buf);
        if (pl->c->is_rel) {
            const stmt *w = &sc->stmts[first + pl->stmt + 1];
            double was;
            if (run_value_of(sc, first + pl->stmt + 1, s->opt.seed, d, &was) < 0) break;
            num_text(buf, sizeof buf, was, w->e->type == T_BOOL);
            pl->was = arena_strdup(a, buf);
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
            char key[1200];
            snprintf(key, sizeof key, "actor %s", c->obj.s);
            int j = find_slot(cand, key);
            if (j < 0) return -1; /* cannot be: the actor was found */
            slot *old = &cand->v[j];
            char *text = actor_with(a, old, c->attr.s, pl->value);
            seg *ng = seg_new(s, old->g->src.name, 0, text, strlen(text));
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
        size_t from = offset(g, c->loc.line, c->loc.col), to = offset(g, c->loc.end_line, c->loc.end_col);
        slot sl = slot_new(g, rd, from, to);
        sl.body = arena_printf(a, "%s = %s", pl->target, pl->value);
        int j = find_slot(cand, sl.key);
        if (j < 0) {
            sl.lead = "\n"; /* a line of its own when saved */
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
    int err;
} cmp_ctx;

static int cmp_one(evaluator *e, int v, void *ctx)
{
    cmp_ctx *c = ctx;
    c->total++;
    int w = v < 0 ? -1 : ev_tuple(c->other, e->tuple);
    if (v < 0 || w < 0) {
        c->err = v < 0 ? 1 : 2;
        return 1;
    }
    int nf = e->ru->nf;
    double s0 = e->ru->score ? e->r[nf] : 0, s1 = e->ru->score ? c->other->r[nf] : 0;
    if (v == w && s0 == s1) return 0;
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
 * if); 0, or -1 after a runtime error. */
static int compare(coop_session *s, const coop_script *a, const coop_script *b, coop_diags *d)
{
    rep r = {s->opt.out, s->opt.format == COOP_FORMAT_JSON, a, {0}};
    long moved = 0, total = 0;
    int rc = 0;
    for (int i = 0; i < a->m.nrules && rc == 0; i++) {
        evaluator ea, eb;
        ev_init(&ea, &a->m, &a->w, i);
        ev_init(&eb, &b->m, &b->w, i);
        diff_rows rows = {0};
        cmp_ctx c = {&eb, &rows, 0, 0};
        ev_foreach_verdicts(&ea, cmp_one, &c);
        if (c.err) {
            const coop_script *sc = c.err == 1 ? a : b;
            char *buf = NULL;
            size_t len = 0;
            FILE *f = open_memstream(&buf, &len);
            report_tuple(f, sc, i, c.err == 1 ? ea.tuple : eb.tuple);
            fclose(f);
            diag_at(d, &sc->src, c.err == 1 ? ea.err_loc : eb.err_loc, COOP_ERROR, "division by zero while deciding %s%s",
                    buf, c.err == 2 ? " with the changes" : "");
            free(buf);
            rc = -1;
        } else {
            if (r.out && (rows.n || r.json)) report_whatif(&r, i, rows.v, rows.n, c.total);
            moved += (long)rows.n;
            total += c.total;
        }
        vec_free(rows);
        ev_free(&ea);
        ev_free(&eb);
    }
    if (rc == 0 && r.out && !r.json && moved == 0)
        fprintf(r.out, "no verdict or score changes (of %ld tuple%s)\n", total, total == 1 ? "" : "s");
    return rc;
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

static coop_status changes(coop_session *s, seg *g, size_t nsegs, const decl *cmd, coop_diags *d)
{
    int n = cmd->u.change.n;
    planned *p = arena_alloc(&g->mem, (size_t)n * sizeof *p);
    slots cand = {0};
    replist reps = {0};
    coop_script *b = NULL;
    coop_status st = COOP_FAILED;
    if (plan(s, g, cmd, p, d) < 0) goto out;
    for (size_t i = 0; i < s->slots.n; i++) vec_push(cand, s->slots.v[i]);
    if (apply(s, g, p, n, &cand, &reps, d) < 0) goto out;
    if (!(b = build(s, &cand, NULL, 0, d, NULL))) goto out;
    int keep = cmd->k == C_SET;
    print_changes(s, keep ? "set" : "what if", p, n);
    if (compare(s, s->cur, b, d) < 0) goto out;
    if (cmd->u.change.stmt) {
        decl *then = cmd->u.change.stmt;
        side(s, "now");
        int r0 = run_on(s, &s->slots, &then, 1, d);
        side(s, "what if");
        int r1 = run_on(s, &cand, &then, 1, d);
        if (r0 != 0 || r1 != 0) goto out;
    }
    st = COOP_DONE;
    if (!keep) goto out;
    /* kept: the step lists the changes as a `set` that makes them again */
    char *what = NULL;
    size_t wl = 0;
    FILE *w = open_memstream(&what, &wl);
    fputs("set", w);
    for (int i = 0; i < n; i++) fprintf(w, "%s %s = %s", i ? "," : "", p[i].target, p[i].value);
    fputs("   # was", w);
    for (int i = 0; i < n; i++) fprintf(w, "%s %s", i ? "," : "", p[i].was);
    fclose(w);
    step *stp = step_push(s, what, s->slots.n, nsegs);
    free(what);
    stp->rep.v = reps.v;
    stp->rep.n = reps.n;
    stp->rep.cap = reps.cap;
    reps.v = NULL;
    vec_free(s->slots);
    s->slots.v = cand.v;
    s->slots.n = cand.n;
    s->slots.cap = cand.cap;
    cand.v = NULL;
    set_current(s, b);
    b = NULL;
out:
    coop_script_free(b);
    vec_free(cand);
    vec_free(reps);
    if (st != COOP_DONE || cmd->k != C_SET) segs_pop(s, nsegs);
    return st;
}

/* ---- undo, reset, changes ---- */

static coop_status undo(coop_session *s, coop_diags *d)
{
    if (s->steps.n == 0) {
        diag_at(d, NULL, (coop_loc){0, 0, 0, 0}, COOP_ERROR, "nothing to undo");
        return COOP_FAILED;
    }
    step *st = &s->steps.v[s->steps.n - 1];
    for (size_t i = st->rep.n; i-- > 0;) s->slots.v[st->rep.v[i].i] = st->rep.v[i].old;
    s->slots.n = st->nslots;
    while (s->files.n > st->nfiles) free(s->files.v[--s->files.n]);
    coop_script *sc = build(s, &s->slots, NULL, 0, d, NULL);
    segs_pop(s, st->nsegs);
    if (s->opt.out) fprintf(s->opt.out, "undone: %s\n", st->what);
    step_free(st);
    s->steps.n--;
    set_current(s, sc);
    return sc ? COOP_DONE : COOP_FAILED;
}

/* The files again, from disk, and nothing else; the session is kept as it
 * was if one of them fails. */
static coop_status reset(coop_session *s, coop_diags *d)
{
    coop_session *fresh = coop_session_new(&s->opt);
    fresh->opt.out = NULL;
    for (size_t i = 0; i < s->files.n; i++)
        if (load(fresh, s->files.v[i], d, 1) != COOP_DONE) {
            coop_session_free(fresh);
            return COOP_FAILED;
        }
    coop_session tmp = *s;
    *s = *fresh;
    s->opt = tmp.opt;
    *fresh = tmp;
    coop_session_free(fresh);
    if (s->opt.out) {
        fputs("reset:", s->opt.out);
        if (!s->files.n) fputs(" an empty model", s->opt.out);
        for (size_t i = 0; i < s->files.n; i++) fprintf(s->opt.out, "%s %s", i ? "," : "", s->files.v[i]);
        fputs(s->files.n ? " read again\n" : "\n", s->opt.out);
    }
    return COOP_DONE;
}

static void list_changes(coop_session *s)
{
    FILE *out = s->opt.out;
    if (!out) return;
    if (!s->steps.n) fputs("no changes since the files were loaded\n", out);
    for (size_t i = 0; i < s->steps.n; i++) fprintf(out, "%s\n", s->steps.v[i].what);
}

/* ---- input ---- */

static coop_status declarations(coop_session *s, seg *g, size_t nsegs, coop_diags *d)
{
    VEC(decl *) stmts = {0};
    int ndecls = 0;
    for (int i = 0; i < g->prog.n; i++) {
        if (is_stmt(g->prog.v[i])) vec_push(stmts, g->prog.v[i]);
        else ndecls++;
    }
    coop_status st = COOP_FAILED;
    if (!ndecls) {
        if (stmts.n == 0 || run_on(s, &s->slots, stmts.v, (int)stmts.n, d) == 0) st = COOP_DONE;
        vec_free(stmts);
        segs_pop(s, nsegs);
        return st;
    }
    slots cand = {0};
    for (size_t i = 0; i < s->slots.n; i++) vec_push(cand, s->slots.v[i]);
    replist reps = {0};
    char *notes = NULL;
    size_t nlen = 0;
    FILE *nf = open_memstream(&notes, &nlen);
    add_decls(&cand, g, g->prog.v, g->prog.n, 0, &reps, nf);
    fclose(nf);
    coop_script *sc = build(s, &cand, NULL, 0, d, NULL);
    if (sc && (stmts.n == 0 || run_on(s, &cand, stmts.v, (int)stmts.n, d) == 0)) {
        if (s->opt.out) fputs(notes, s->opt.out);
        /* the step is the input as typed, less its trailing blanks */
        size_t n = g->src.len;
        while (n > 0 && strchr(" \t\r\n", g->src.text[n - 1])) n--;
        char *what = mem_strndup(g->src.text, n);
        step *stp = step_push(s, what, s->slots.n, nsegs);
        free(what);
        stp->rep.v = reps.v;
        stp->rep.n = reps.n;
        stp->rep.cap = reps.cap;
        reps.v = NULL;
        vec_free(s->slots);
        s->slots.v = cand.v;
        s->slots.n = cand.n;
        s->slots.cap = cand.cap;
        cand.v = NULL;
        set_current(s, sc);
        sc = NULL;
        st = COOP_DONE;
    }
    coop_script_free(sc);
    free(notes);
    vec_free(cand);
    vec_free(reps);
    vec_free(stmts);
    if (st != COOP_DONE) segs_pop(s, nsegs);
    return st;
}

coop_status coop_session_input(coop_session *s, const char *nm, int line, const char *text, size_t len,
                               coop_diags *d)
{
    if (len > COOP_MAX_FILE_SIZE) {
        diag_at(d, NULL, (coop_loc){0, 0, 0, 0}, COOP_ERROR, "the input is %zu bytes; the limit is %d", len,
                COOP_MAX_FILE_SIZE);
        return COOP_FAILED;
    }
    size_t nsegs = s->segs.n;
    seg *g = seg_new(s, nm, line > 0 ? line - 1 : 0, text, len);
    coop_loc where;
    input_kind k = parse_classify(&g->src, &where);
    static const char *const words[] = {[IN_UNDO] = "undo", [IN_RESET] = "reset", [IN_CHANGES] = "changes"};
    if (k == IN_UNDO || k == IN_RESET || k == IN_CHANGES) {
        if (where.line > 0) {
            diag_at(d, &g->src, where, COOP_ERROR, "'%s' takes nothing after it", words[k]);
            segs_pop(s, nsegs);
            return COOP_FAILED;
        }
        segs_pop(s, nsegs);
        if (k == IN_UNDO) return undo(s, d);
        if (k == IN_RESET) return reset(s, d);
        list_changes(s);
        return COOP_DONE;
    }
    if (k == IN_UNKNOWN) {
        size_t a = offset(g, where.line, where.col), b = offset(g, where.end_line, where.end_col);
        diag_at(d, &g->src, where, COOP_ERROR,
                "'%.*s' starts no statement or command (statements: show, explain, dominance, expect; "
                "commands: what if, set, why, undo, reset, changes; :help lists them all)",
                (int)(b - a), g->src.text + a);
        segs_pop(s, nsegs);
        return COOP_FAILED;
    }
    size_t errs = coop_diags_errors(d);
    if (parse_input(&g->src, k, &g->mem, d, &g->prog) < 0) {
        /* the only error is the end of the input: more may follow */
        int more = coop_diags_incomplete(d) && coop_diags_errors(d) == errs + 1;
        segs_pop(s, nsegs);
        return more ? COOP_INCOMPLETE : COOP_FAILED;
    }
    if (k == IN_WHATIF || k == IN_SET) return changes(s, g, nsegs, g->prog.v[0], d);
    return declarations(s, g, nsegs, d);
}

/* ---- saving ---- */

typedef VEC(int) exp_results;

static void collect(void *ctx, const coop_expect_result *r)
{
    exp_results *ex = ctx;
    vec_push(*ex, r->passed);
}

coop_status coop_session_save(coop_session *s, const char *path, int overwrite, coop_diags *d)
{
    source where = {.name = path, .text = ""};
    coop_loc none = {0, 0, 0, 0};
    struct stat st;
    if (!overwrite && lstat(path, &st) == 0) {
        diag_at(d, &where, none, COOP_ERROR, "exists; write :save! %s to replace it", path);
        return COOP_FAILED;
    }
    /* the files' expectations that the changes made false are kept as
     * comments: the saved script runs clean and still shows them */
    exp_results ex = {0};
    coop_options o = {0};
    o.expect_only = 1;
    o.seed = s->opt.seed;
    o.on_expect = collect;
    o.ctx = &ex;
    coop_run(s->cur, &o, d);
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    size_t k = 0, commented = 0;
    for (size_t i = 0; i < s->slots.n; i++) {
        const slot *sl = &s->slots.v[i];
        int exp = sl->d->k == S_EXPECT, failed = exp && k < ex.n && !ex.v[k];
        k += exp;
        fputs(sl->lead, m);
        if (failed) {
            commented++;
            fputs("# ", m);
            for (const char *p = sl->body; *p; p++) {
                fputc(*p, m);
                if (*p == '\n') fputs("# ", m);
            }
            fprintf(m, "   # no longer holds after the changes of a coop repl session");
        } else
            fputs(sl->body, m);
        fputs(sl->tail, m);
        /* a typed declaration goes on a line of its own */
        if (!*sl->tail && i + 1 < s->slots.n && !strchr(s->slots.v[i + 1].lead, '\n')) fputc('\n', m);
    }
    fclose(m);
    if (len == 0 || text[len - 1] != '\n') {
        text = mem_realloc(text, len + 2);
        text[len++] = '\n';
        text[len] = 0;
    }
    /* what is written must load: check before writing */
    coop_script *check = coop_load(path, text, len, d);
    if (!check) {
        free(text);
        vec_free(ex);
        return COOP_FAILED;
    }
    coop_script_free(check);
    size_t pl = strlen(path);
    char *tmp = mem_alloc(pl + 16);
    snprintf(tmp, pl + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    int ok = f != NULL;
    if (ok) {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
        ok = fwrite(text, 1, len, f) == len;
        ok = fflush(f) == 0 && ok;
        ok = fsync(fd) == 0 && ok;
        ok = fclose(f) == 0 && ok;
    } else if (fd >= 0)
        close(fd);
    if (ok && rename(tmp, path) != 0) ok = 0;
    if (!ok) {
        diag_at(d, &where, none, COOP_ERROR, "cannot write: %s", strerror(errno));
        if (fd >= 0) unlink(tmp);
    }
    free(tmp);
    free(text);
    if (ok && s->opt.out) {
        fprintf(s->opt.out, "saved %s", path);
        if (commented)
            fprintf(s->opt.out, " (%zu expectation%s that no longer hold%s commented out)", commented,
                    commented == 1 ? "" : "s", commented == 1 ? "s is" : " are");
        fputc('\n', s->opt.out);
    }
    vec_free(ex);
    return ok ? COOP_DONE : COOP_FAILED;
}
