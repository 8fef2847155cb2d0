/*
 * session.c - a model built piece by piece, as the REPL does: sources and
 * slots, declarations that replace what they name, files read, statements
 * run, undo, reset.  Every input is resolved whole before it is kept, so a
 * failed input leaves nothing behind.  `what if` and `set` are whatif.c's,
 * `:save` is save.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "decl.h"
#include "fmt.h"
#include "json.h"
#include "names.h"
#include "report.h"
#include "resolve.h"
#include "resolver.h" /* rsv_decl_syms */
#include "run.h"
#include "session.h"
#include "suggest.h"
#include "words.h"

/* ---- sources ---- */

/* A source's arena holds its name, text and line index, its syntax tree,
 * and its slots' and its step's texts: measured on every one-line
 * declaration of the examples, the golden scripts and the REPL tests, at
 * most SEG_BASE bytes and SEG_PER_BYTE per byte of text (26.6 at most; an
 * actor's numbers take the most, a label the least).  Its first block is
 * that size, so that a typed declaration takes one block, not a first of
 * ARENA_FIRST bytes and then one twice as large for what did not fit. */
#define SEG_BASE 512
#define SEG_PER_BYTE 28

seg *session_seg(coop_session *s, const char *nm, int shift, const char *text, size_t len)
{
    seg *g = mem_calloc(1, sizeof *g);
    arena_init_first(&g->mem, SEG_BASE + SEG_PER_BYTE * len);
    g->src.name = arena_strdup(&g->mem, nm);
    g->src.text = arena_strndup(&g->mem, text, len);
    g->src.len = len;
    g->src.line0 = s->next_line;
    g->src.shift = shift;
    s->next_line += source_index(&g->src, &g->mem) + 1; /* locations of g find their bytes in O(1) */
    vec_push(s->segs, g);
    vec_push(s->parts, &g->src);
    return g;
}

static const source *data_file(void *ctx, const char *nm, const char *text, size_t len)
{
    return &session_seg(ctx, nm, 0, text, len)->src;
}

int session_data(coop_session *s, seg *g, const char *from, coop_diags *d)
{
    if (!data_any(&g->prog)) return 0;
    data_io io = {from, &g->mem, data_file, s};
    return data_read(&g->prog, &g->src, &io, d);
}

void session_pop(coop_session *s, size_t n)
{
    while (s->segs.n > n) {
        seg *g = s->segs.v[--s->segs.n];
        s->parts.n--;
        s->next_line = g->src.line0;
        arena_free(&g->mem);
        free(g);
    }
}

source session_joined(const coop_session *s)
{
    source j = {.name = "session", .text = "", .parts = s->parts.v, .nparts = (int)s->parts.n};
    return j;
}

size_t session_offset(const seg *g, int line, int col)
{
    return source_offset(&g->src, line - g->src.line0, col);
}

/* ---- slots ---- */

/* "actor 'emil'", "trust(a, b)": a slot as messages name it. */
static const char *what_of(arena *a, const slot *sl)
{
    if (sl->d->k == D_RELSET) return sl->key + 6; /* "value " */
    if (sl->d->k == D_BID) return arena_printf(a, "the bid of '%s' for '%s'", sl->d->u.bid.bidder.s, sl->d->u.bid.tender.s);
    if (sl->d->k == D_TIMELINE) return "the timeline";
    if (sl->d->k == D_ATTRIBUTE)
        return arena_printf(a, "the range of attribute '%s' for kind '%s'", sl->d->n.s, sl->d->u.attribute.kind.s);
    if (sl->d->k == D_DATA)
        return arena_printf(a, "the %d %s%s of %s", data_rows(sl->d), sl->d->u.data->actors ? "actor" : "value",
                            data_rows(sl->d) == 1 ? "" : "s", sl->d->u.data->file);
    return arena_printf(a, "%s '%s'", decl_class_of(sl->d->k)->noun, sl->d->n.s);
}

slot session_slot(seg *g, decl *d, size_t from, size_t to)
{
    coop_loc shown;
    const char *file = source_where(&g->src, d->loc, &shown);
    const decl_class *c = decl_class_of(d->k);
    slot sl = {d, g, c->key ? c->key(&g->mem, d) : NULL, arena_printf(&g->mem, "%s:%d", file, shown.line), "",
               arena_strndup(&g->mem, g->src.text + from, to - from), "", -1};
    return sl;
}

int session_find_slot(const slots *sl, const char *key)
{
    for (size_t i = sl->n; i-- > 0;)
        if (sl->v[i].key && strcmp(sl->v[i].key, key) == 0) return (int)i;
    return -1;
}

int session_data_slot(const slots *sl, const kept *k, int *row)
{
    const change *c = k->c;
    for (size_t i = sl->n; c && !c->is_bid && i-- > 0;) {
        const decl *d = sl->v[i].d;
        int r = !d || d->k != D_DATA ? -1 : c->is_rel ? data_row_value(d, c->obj.s, c->args, c->nargs)
                                                     : data_row_actor(d, c->obj.s);
        if (r < 0) continue;
        if (row) *row = r;
        return (int)i;
    }
    return -1;
}

const char *session_key_of(arena *a, const change *c)
{
    decl d = {0}; /* the declaration that would set it: its class makes the key */
    d.k = c->is_param ? D_PARAM : c->is_bid ? D_BID : c->is_rel ? D_RELSET : D_ACTOR;
    d.n = c->obj;
    if (c->is_bid) {
        d.u.bid.tender = c->obj;
        d.u.bid.bidder = c->args[0];
    } else if (c->is_rel) {
        d.u.relset.args = c->args;
        d.u.relset.n = c->nargs;
    }
    return decl_class_of(d.k)->key(a, &d);
}

int session_values(const decl *d, const attrdef **v)
{
    *v = d->k == D_ACTOR ? d->u.actor.attrs : d->k == D_BID ? d->u.bid.attrs : NULL;
    return d->k == D_ACTOR ? d->u.actor.n : d->k == D_BID ? d->u.bid.n : 0;
}

/* What an input's declarations did, said if it is kept. */
typedef struct note {
    int replaced;
    coop_loc at;              /* the declaration of the input that says it */
    const char *what, *place; /* place: where the replaced one was declared */
    const char *set_at;       /* where a kept `set` of it was made: it goes too */
    const char *was;          /* a new relation value: the default it replaces */
} note;
typedef VEC(note) notes;

static const kept *kept_of(const coop_session *s, const char *key)
{
    for (size_t i = s->kept.n; i-- > 0;)
        if (strcmp(s->kept.v[i].key, key) == 0) return &s->kept.v[i];
    return NULL;
}

/* A new relation value: the note says the default it replaces, or the
 * value a set gave the tuple. */
static note added(const coop_session *s, arena *a, const slot *sl)
{
    note n = {0, sl->d->n.loc, sl->d->k == D_RELSET ? sl->body : what_of(a, sl), NULL, NULL, NULL};
    if (sl->d->k != D_RELSET) return n;
    const kept *k = kept_of(s, sl->key);
    if (k) { /* set in this session: that set is what it replaces */
        n.replaced = 1;
        n.what = what_of(a, sl);
        n.set_at = arena_strdup(a, k->place);
        return n;
    }
    int r = names_get(&s->cur->m.callables, sl->d->n.s);
    if (r < 0) return n;
    char buf[64];
    if (s->cur->m.rels[r].type == T_BOOL) snprintf(buf, sizeof buf, "%s", s->cur->m.rels[r].def ? "true" : "false");
    else fmt_num(buf, sizeof buf, s->cur->m.rels[r].def);
    n.was = arena_strdup(a, buf);
    return n;
}

/* Adds the declarations of g (and, for a file, its statements) to `into`:
 * each replaces the slot of the same key that was there before this call
 * (not one of its own: a name declared twice in one input is the
 * resolver's error).  Files keep their comments with their declarations.
 * Replaced slots go to `reps`, what was done to `said`.  Returns how many
 * declarations of a file read again replaced its own earlier ones. */
static int add_decls(const coop_session *s, slots *into, seg *g, int file, replist *reps, notes *said, names *used)
{
    int again = 0; /* declarations of a file read again: one count, not a line each */
    names idx = {0}; /* the slots before; `used` gets the keys this input declares */
    for (size_t i = 0; i < into->n; i++)
        if (into->v[i].key) names_put(&idx, into->v[i].key, (int)i);
    size_t prev_end = 0;
    arena *a = &g->mem;
    int nstmt = 0, n = g->prog.n;
    for (int i = 0; i < n; i++) {
        decl *d = g->prog.v[i];
        if (!file && decl_is_stmt(d)) continue;
        size_t from = session_offset(g, d->loc.line, d->loc.col), to = session_offset(g, d->loc.end_line, d->loc.end_col);
        slot sl = session_slot(g, d, from, to);
        /* a file's statements: reading the file again replaces them */
        if (decl_is_stmt(d)) sl.key = arena_printf(a, "statement %d of %s", nstmt++, g->src.name);
        if (file) {
            sl.lead = arena_strndup(a, g->src.text + prev_end, from - prev_end);
            if (i == n - 1) sl.tail = arena_strndup(a, g->src.text + to, g->src.len - to);
        }
        prev_end = to;
        /* declared twice in this input: both stay, for the resolver to say so */
        int twice = sl.key && names_put(used, sl.key, 1) >= 0;
        int j = sl.key && !twice ? names_get(&idx, sl.key) : -1;
        if (j < 0) {
            const kept *k = sl.key ? kept_of(s, sl.key) : NULL;
            if (!file) vec_push(*said, added(s, a, &sl)); /* typed: say what joined the model */
            else if (k) { /* a file's value where a set made one: the set goes */
                note nt = {1, d->n.loc, what_of(a, &sl), NULL, arena_strdup(a, k->place), NULL};
                vec_push(*said, nt);
            }
            vec_push(*into, sl);
            continue;
        }
        slot *old = &into->v[j];
        int same = file && strcmp(old->g->src.name, g->src.name) == 0;
        again += same && !decl_is_stmt(d);
        const kept *k = old->key ? kept_of(s, old->key) : NULL;
        if (!decl_is_stmt(d) && (!same || k)) { /* a file read again says only what replaces a set */
            note nt = {1, d->n.loc, what_of(a, old), old->place, k ? arena_strdup(a, k->place) : NULL, NULL};
            vec_push(*said, nt);
        }
        replaced r = {(size_t)j, *old};
        vec_push(*reps, r);
        if (!same) { /* in the old one's place, with the comments around it */
            sl.lead = old->lead;
            if (!*sl.tail) sl.tail = old->tail;
        }
        *old = sl;
    }
    names_free(&idx);
    return again;
}

/* "(declared at P)", "(set at Q)", "(declared at P; set at Q)". */
static void where_from(FILE *f, const note *n)
{
    fputs(" (", f);
    if (n->place) fprintf(f, "declared at %s", n->place);
    if (n->set_at) fprintf(f, "%sset at %s", n->place ? "; " : "", n->set_at);
    fputc(')', f);
}

static void say_notes(const coop_session *s, const notes *said)
{
    FILE *out = s->opt.out;
    if (!out) return;
    for (size_t i = 0; i < said->n; i++) {
        const note *n = &said->v[i];
        if (s->opt.format == COOP_FORMAT_JSON) {
            json j;
            json_init(&j, out);
            json_typed(&j, n->replaced ? "replaced" : "added");
            json_kstr(&j, "what", n->what);
            if (n->place) json_kstr(&j, "declared_at", n->place);
            if (n->set_at) json_kstr(&j, "set_at", n->set_at);
            if (n->was) json_kstr(&j, "was", n->was);
            json_end_obj(&j);
        } else if (n->replaced) {
            fprintf(out, "replaced %s", n->what);
            where_from(out, n);
            fputc('\n', out);
        } else if (n->was)
            fprintf(out, "added %s (was %s, the default)\n", n->what, n->was);
        else
            fprintf(out, "added %s\n", n->what);
    }
}

/* After the errors of a change that is not kept: a note for each
 * declaration it would have replaced (the errors may come from that), at
 * the one that would replace it, and one that says nothing changed. */
static void not_kept(coop_diags *d, const source *src, coop_loc at, const notes *said, const char *what)
{
    for (size_t i = 0; i < said->n; i++)
        if (said->v[i].replaced) {
            char *t = NULL;
            size_t len = 0;
            FILE *f = mem_stream(&t, &len);
            where_from(f, &said->v[i]);
            fclose(f);
            diag_at(d, src, said->v[i].at, COOP_NOTE, "it would replace %s%s", said->v[i].what, t);
            free(t);
        }
    diag_at(d, src, at, COOP_NOTE, "%s: the session is as it was", what);
}

/* ---- models and worlds ---- */

/* The declarations of `v` with the kept changes k among them: an actor, a
 * bid or a parameter a change sets becomes a copy of its declaration with
 * the value set (in place of its own value, or added), a relation value a
 * declaration of its own, in place of the one of the same tuple.  The copies live in
 * arena a. */
static void declare_kept(arena *a, decl **v, size_t *pn, size_t cap, const keptlist *k)
{
    size_t n = *pn;
    for (size_t i = 0; i < k->n; i++) {
        const change *c = k->v[i].c;
        expr *value = k->v[i].value;
        if (!c) continue;
        if (c->is_param) { /* its declaration, with the value set */
            for (size_t j = 0; j < n; j++)
                if (v[j]->k == D_PARAM && strcmp(v[j]->n.s, c->obj.s) == 0) {
                    decl *cp = arena_alloc(a, sizeof *cp);
                    *cp = *v[j];
                    cp->u.param.value = value;
                    v[j] = cp;
                }
            continue;
        }
        if (!c->is_rel) {
            size_t j = n;
            int row = -1; /* the actor is a record of case data: v[j]'s row */
            while (j-- > 0) {
                const decl *d = v[j];
                if (c->is_bid ? d->k == D_BID && strcmp(d->u.bid.tender.s, c->obj.s) == 0 &&
                                    strcmp(d->u.bid.bidder.s, c->args[0].s) == 0
                              : d->k == D_ACTOR && strcmp(d->n.s, c->obj.s) == 0)
                    break;
                if (!c->is_bid && d->k == D_DATA && (row = data_row_actor(d, c->obj.s)) >= 0) break;
            }
            if (j >= n) continue; /* its actor or bid is gone: kept_after dropped it already */
            decl *cp = arena_alloc(a, sizeof *cp);
            *cp = row >= 0 ? *v[j]->u.data->rows[row] : *v[j];
            const attrdef *old;
            int na = session_values(cp, &old), at = -1;
            for (int q = 0; q < na; q++)
                if (strcmp(old[q].n.s, c->attr.s) == 0) at = q;
            attrdef *attrs = arena_alloc(a, (size_t)(na + 1) * sizeof *attrs);
            for (int q = 0; q < na; q++) attrs[q] = old[q];
            if (at < 0) {
                attrs[na].n = c->attr;
                at = na++;
            }
            attrs[at].value = value;
            if (c->is_bid) {
                cp->u.bid.attrs = attrs;
                cp->u.bid.n = na;
            } else {
                cp->u.actor.attrs = attrs;
                cp->u.actor.n = na;
            }
            if (row >= 0) cp->from_data = data_with_row(a, v[j], row, cp);
            v[j] = row >= 0 ? (decl *)cp->from_data : cp;
            continue;
        }
        decl *rd = arena_alloc(a, sizeof *rd);
        rd->k = D_RELSET;
        rd->loc = c->loc;
        rd->n = c->obj;
        rd->u.relset.args = c->args;
        rd->u.relset.n = c->nargs;
        rd->u.relset.value = value;
        size_t j = n;
        int row = -1; /* the value is a record of case data: v[j]'s row */
        while (j-- > 0) {
            const decl *d = v[j];
            if (d->k == D_DATA && (row = data_row_value(d, c->obj.s, c->args, c->nargs)) >= 0) break;
            if (d->k != D_RELSET || strcmp(d->n.s, c->obj.s) != 0 || d->u.relset.n != c->nargs) continue;
            int same = 1;
            for (int q = 0; q < c->nargs && same; q++) same = strcmp(d->u.relset.args[q].s, c->args[q].s) == 0;
            if (same) break;
        }
        if (j < n && row >= 0) {
            v[j] = data_with_row(a, v[j], row, rd);
            rd->from_data = v[j];
        } else if (j < n)
            v[j] = rd;
        else if (n < cap)
            v[n++] = rd;
    }
    *pn = n;
}

coop_script *session_build(const coop_session *s, const slots *sl, const keptlist *k, coop_diags *d)
{
    source j = session_joined(s);
    coop_script *sc = script_new(&j);
    size_t cap = sl->n + (k ? k->n : 0) + 1, n = 0;
    decl **v = arena_alloc(&sc->mem, cap * sizeof *v);
    for (size_t i = 0; i < sl->n; i++)
        if (!decl_is_stmt(sl->v[i].d)) v[n++] = sl->v[i].d;
    if (k) declare_kept(&sc->mem, v, &n, cap, k);
    return script_resolve(sc, v, (int)n, d);
}

coop_change *session_bind(const coop_session *s, const coop_script *sc, const kept *k, coop_diags *d)
{
    (void)s;
    coop_change *c = coop_change_parse(sc, k->place, k->text, strlen(k->text), d);
    if (c) c->reset = k->reset;
    return c;
}

void session_kept_free(keptlist *k)
{
    for (size_t i = 0; i < k->n; i++) {
        free(k->v[i].text);
        free(k->v[i].key);
        free(k->v[i].place);
    }
    vec_free(*k);
}

static void kept_push(keptlist *to, const kept *from)
{
    kept k = *from;
    k.text = mem_strdup(k.text);
    k.key = mem_strdup(k.key);
    k.place = mem_strdup(k.place);
    vec_push(*to, k);
}

static void kept_copy(keptlist *to, const keptlist *from, size_t n)
{
    for (size_t i = 0; i < n && i < from->n; i++) kept_push(to, &from->v[i]);
}

/* The kept changes that stay when declarations are kept: all but those
 * whose key an input declared (`declared`) and those of an actor or a bid
 * whose declaration the candidates no longer hold. */
static void kept_after(const coop_session *s, const slots *cand, const names *declared, keptlist *out)
{
    for (size_t i = 0; i < s->kept.n; i++) {
        const kept *k = &s->kept.v[i];
        int lost = names_get(declared, k->key) >= 0;
        if (strncmp(k->key, "value ", 6) != 0 && session_find_slot(cand, k->key) < 0 &&
            session_data_slot(cand, k, NULL) < 0)
            lost = 1; /* its actor or bid went */
        if (!lost) kept_push(out, k);
    }
}

/* Records a step undo can revert: it made the slots past the current ones
 * and the sources past nsegs. */
step *session_step(coop_session *s, const char *what, size_t nsegs)
{
    step st = {0};
    st.what = mem_strdup(what);
    st.nslots = s->slots.n;
    st.nsegs = nsegs;
    st.nkept = s->kept.n;
    vec_push(s->steps, st);
    return &s->steps.v[s->steps.n - 1];
}

/* Makes cand the session's slots, sc its model, w its world and k its
 * kept changes (all consumed).  With `what`, a step undo can revert: it
 * made the sources past nsegs and replaced the slots in `reps` (consumed);
 * without, `reps` is freed. */
static void commit(coop_session *s, const char *what, size_t nsegs, slots *cand, replist *reps, coop_script *sc,
                   coop_world *w, keptlist *k, slots *before)
{
    if (what) {
        step *st = session_step(s, what, nsegs);
        st->rep = *reps;
        if (before) st->before = *before;
        kept_copy(&st->kept_before, &s->kept, s->kept.n);
    } else
        vec_free(*reps);
    memset(reps, 0, sizeof *reps);
    vec_free(s->slots);
    s->slots = *cand;
    memset(cand, 0, sizeof *cand);
    session_kept_free(&s->kept);
    s->kept = *k;
    memset(k, 0, sizeof *k);
    coop_script_free(s->cur);
    world_free(s->world);
    s->cur = sc;
    s->world = w;
    s->built++;
}

static void step_free(step *st)
{
    free(st->what);
    free(st->was);
    vec_free(st->rep);
    vec_free(st->before);
    session_kept_free(&st->kept_before);
    session_kept_free(&st->undo);
}

/* ---- life ---- */

coop_session *coop_session_new(const coop_options *opt)
{
    coop_session *s = mem_calloc(1, sizeof *s);
    if (opt) { /* of the options, out, format, seed, interrupt and jobs */
        s->opt.out = opt->out;
        s->opt.format = opt->format == COOP_FORMAT_CSV ? COOP_FORMAT_TEXT : opt->format; /* CSV is coop_run's */
        s->opt.seed = opt->seed;
        s->opt.interrupt = opt->interrupt;
        s->opt.jobs = opt->jobs;
    }
    coop_diags *d = coop_diags_new();
    s->cur = session_build(s, &s->slots, NULL, d); /* the empty model: built-in kinds only */
    s->world = world_clone(s->cur->w);
    coop_diags_free(d);
    return s;
}

/* Forgets the unfinished input. */
static void more_drop(coop_session *s)
{
    parse_more_free(s->in.more);
    free(s->in.more_name);
    s->in.more = NULL;
    s->in.more_name = NULL;
}

static void dequeue(coop_session *s);

static void clear(coop_session *s)
{
    for (size_t i = 0; i < s->steps.n; i++) step_free(&s->steps.v[i]);
    vec_free(s->steps);
    for (size_t i = 0; i < s->files.n; i++) free(s->files.v[i]);
    vec_free(s->files);
    vec_free(s->slots);
    session_kept_free(&s->kept);
    tl_cache_free(&s->tl);
    world_free(s->world);
    coop_script_free(s->cur);
    s->world = NULL;
    s->cur = NULL;
    session_pop(s, 0);
    more_drop(s);
    while (s->in.qhead < s->in.queue.n) dequeue(s);
    vec_free(s->in.queue);
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

void coop_session_help(const coop_session *s)
{
    if (!s->opt.out) return;
    if (s->opt.format != COOP_FORMAT_JSON) {
        fputs(words_help, s->opt.out);
        return;
    }
    json j;
    json_init(&j, s->opt.out);
    json_typed(&j, "help");
    json_kstr(&j, "text", words_help);
    json_end_obj(&j);
}
const coop_world *coop_session_world(const coop_session *s) { return s->world; }

/* ---- running statements ---- */

static void on_expect(void *ctx, const coop_expect_result *r)
{
    FILE *out = ctx;
    if (!out) return;
    if (r->passed) fprintf(out, "passed: %s\n", r->text);
    else fprintf(out, "failed: %s (got %s)\n", r->text, r->got);
}

stmt *session_resolve(const coop_session *s, const coop_script *sc, coop_world *w, arena *a, decl **v, int n,
                      const int *given, int ngiven, coop_diags *d)
{
    source j = session_joined(s);
    stmt *out;
    return resolve_stmts(&sc->m, w, &j, a, v, n, given, ngiven, &out, d) < 0 ? NULL : out;
}

int session_exec(coop_session *s, const coop_script *sc, const coop_world *w, const stmt *st, int n, coop_diags *d)
{
    /* the session's world keeps its timeline's run between inputs */
    int own = sc == s->cur && w == s->world;
    return session_exec_in(s, &sc->m, w, own ? &s->tl : NULL, s->built, st, n, d);
}

int session_exec_in(coop_session *s, const model *m, const coop_world *w, tl_cache *c, unsigned long id,
                    const stmt *st, int n, coop_diags *d)
{
    coop_options o = s->opt;
    o.on_expect = o.format == COOP_FORMAT_TEXT ? on_expect : NULL; /* JSON: report_expect's objects */
    o.ctx = o.out;
    if (o.out) fflush(o.out);
    source j = session_joined(s);
    run_env env = {m, w, &j, 0, c, id, c && whatif_journal(m)};
    return run_statements(&env, st, n, &o, d);
}

/* session_run, the timeline's run the one c keeps (session_exec_in). */
static int run_stmts(coop_session *s, const coop_script *sc, coop_world *w, tl_cache *c, unsigned long id, decl **v,
                     int n, coop_diags *d)
{
    arena a;
    arena_init(&a);
    stmt *st = session_resolve(s, sc, w, &a, v, n, NULL, 0, d);
    int rc = st ? session_exec_in(s, &sc->m, w, c, id, st, n, d) : -1;
    arena_free(&a);
    return rc;
}

int session_run(coop_session *s, const coop_script *sc, coop_world *w, decl **v, int n, coop_diags *d)
{
    int own = sc == s->cur && w == s->world;
    return run_stmts(s, sc, w, own ? &s->tl : NULL, s->built, v, n, d);
}

/* ---- loading ---- */

static int count_kind(const seg *g, dkind k)
{
    int n = 0;
    for (int i = 0; i < g->prog.n; i++) n += g->prog.v[i]->k == k;
    return n;
}

typedef VEC(int) intvec;

static void held_now(void *ctx, const coop_expect_result *r)
{
    intvec *v = ctx;
    vec_push(*v, r->passed);
}

/* The file's own statements, checked as coop run would in the session's
 * model and world (not run); then its expectations decided, quietly, in
 * the model without the session's kept sets (`plain`, when there are
 * any): :save keeps one that did not hold there as it is.  Its slots in
 * `cand` learn which held.  Decided in sc itself, they read the timeline's
 * run c keeps (numbered id), which a load keeps for the session. */
static int check_file_stmts(coop_session *s, const coop_script *sc, coop_world *w, const coop_script *plain,
                            const seg *g, slots *cand, tl_cache *c, unsigned long id, coop_diags *d)
{
    VEC(decl *) v = {0};
    for (int i = 0; i < g->prog.n; i++)
        if (decl_is_stmt(g->prog.v[i])) vec_push(v, g->prog.v[i]);
    arena a;
    arena_init(&a);
    stmt *st = v.n ? session_resolve(s, sc, w, &a, v.v, (int)v.n, NULL, 0, d) : NULL;
    if (st && plain != sc) { /* resolved again in the model without the sets */
        coop_diags *quiet = coop_diags_new();
        st = plain ? session_resolve(s, plain, plain->w, &a, v.v, (int)v.n, NULL, 0, quiet) : NULL;
        coop_diags_free(quiet);
        sc = plain;
        w = plain ? plain->w : NULL;
        if (!st) { /* it needs the sets to mean anything: not known, so :save may comment it */
            arena_free(&a);
            vec_free(v);
            return 1;
        }
    }
    if (st) {
        intvec held = {0};
        coop_options o = {0};
        o.seed = s->opt.seed;
        o.expect_only = 1;
        o.on_expect = held_now;
        o.ctx = &held;
        coop_diags *quiet = coop_diags_new(); /* a division by zero here is said by :save, if kept */
        source j = session_joined(s);
        run_env env = {&sc->m, w, &j, 0, sc == plain ? c : NULL, id, sc == plain && whatif_journal(&sc->m)};
        o.interrupt = s->opt.interrupt;
        /* a sweep's points are not decided here: :save keeps it as written */
        int n = 0;
        for (size_t i = 0; i < v.n; i++)
            if (st[i].k != S_SWEEP) st[n++] = st[i];
        run_statements(&env, st, n, &o, quiet);
        coop_diags_free(quiet);
        if (o.interrupt && *o.interrupt) { /* Ctrl-C while loading: the file is not loaded */
            diag_at(d, &g->src, (coop_loc){0, 0, 0, 0}, COOP_ERROR, "interrupted");
            st = NULL;
        }
        size_t k = 0;
        for (size_t i = 0; i < cand->n; i++)
            if (cand->v[i].g == g && cand->v[i].d->k == S_EXPECT && k < held.n) cand->v[i].held = held.v[k++];
        vec_free(held);
    }
    int ok = v.n == 0 || st != NULL;
    arena_free(&a);
    vec_free(v);
    return ok;
}

static void say_loaded(coop_session *s, const char *path, const seg *g, int again, size_t gone)
{
    FILE *out = s->opt.out;
    if (!out) return;
    int st = 0;
    for (int i = 0; i < g->prog.n; i++) st += decl_is_stmt(g->prog.v[i]);
    int na = count_kind(g, D_ACTOR), nr = count_kind(g, D_RELATION), np = count_kind(g, D_RULE);
    for (int i = 0; i < g->prog.n; i++) /* case data's actors are actors */
        if (g->prog.v[i]->k == D_DATA && g->prog.v[i]->u.data->actors) na += data_rows(g->prog.v[i]);
    int nt = count_kind(g, D_TENDER), nc = count_kind(g, D_CONTRACT), ne = count_kind(g, D_EVENT);
    int npar = count_kind(g, D_PARAM);
    if (s->opt.format == COOP_FORMAT_JSON) {
        json j;
        json_init(&j, out);
        json_typed(&j, "loaded");
        json_kstr(&j, "file", path);
        json_kint(&j, "actors", na);
        json_kint(&j, "relations", nr);
        json_kint(&j, "partnerships", np);
        json_kint(&j, "tenders", nt);
        json_kint(&j, "contracts", nc);
        json_kint(&j, "events", ne);
        if (npar) json_kint(&j, "parameters", npar);
        json_kint(&j, "statements", st);
        json_kint(&j, "replaced", again);
        json_kint(&j, "gone", (long long)gone);
        json_end_obj(&j);
        return;
    }
    fprintf(out, "loaded %s: %d actor%s, %d relation%s, %d partnership%s", path, na, na == 1 ? "" : "s", nr,
            nr == 1 ? "" : "s", np, np == 1 ? "" : "s");
    if (nt) fprintf(out, ", %d tender%s", nt, nt == 1 ? "" : "s");
    if (nc) fprintf(out, ", %d contract%s", nc, nc == 1 ? "" : "s");
    if (ne) fprintf(out, ", %d event%s", ne, ne == 1 ? "" : "s");
    if (npar) fprintf(out, ", %d parameter%s", npar, npar == 1 ? "" : "s");
    if (st) fprintf(out, "; its %d statement%s kept, not run", st, st == 1 ? " is" : "s are");
    if (again || gone) {
        fprintf(out, " (read again: its declarations replace the earlier ones, %d of them", again);
        if (gone) fprintf(out, "; %zu it no longer has %s gone", gone, gone == 1 ? "is" : "are");
        fputc(')', out);
    }
    fputc('\n', out);
}

/* Files loaded before any change are the base reset returns to, in the
 * order they were last read. */
static void remember_file(coop_session *s, const char *path)
{
    for (size_t i = 0; i < s->files.n; i++)
        if (strcmp(s->files.v[i], path) == 0) {
            free(s->files.v[i]);
            memmove(s->files.v + i, s->files.v + i + 1, (s->files.n - i - 1) * sizeof *s->files.v);
            s->files.n--;
            break;
        }
    vec_push(s->files, mem_strdup(path));
}

/* After errors in the case data of input g (session_data's -1): the model
 * the input would make is built, only for what its errors say of the rest
 * (as coop_load does); nothing is taken. */
static void data_rest(coop_session *s, seg *g, int file, coop_diags *d)
{
    slots cand = {0};
    for (size_t i = 0; i < s->slots.n; i++) vec_push(cand, s->slots.v[i]);
    replist reps = {0};
    notes said = {0};
    names declared = {0};
    add_decls(s, &cand, g, file, &reps, &said, &declared);
    coop_script_free(session_build(s, &cand, NULL, d));
    names_free(&declared);
    vec_free(said);
    vec_free(reps);
    vec_free(cand);
}

static coop_status load(coop_session *s, const char *path, coop_diags *d, int quiet)
{
    size_t len;
    char *text = script_read_file(path, d, &len);
    if (!text) return COOP_FAILED;
    const char *t = text;
    if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) { t += 3; len -= 3; } /* a byte-order mark */
    size_t nsegs = s->segs.n;
    seg *g = session_seg(s, path, 0, t, len);
    g->file = 1;
    free(text);
    int data = 0;
    size_t from = coop_diags_count(d);
    if (parse_source(&g->src, &g->mem, d, &g->prog) < 0 || (data = session_data(s, g, path, d)) < 0) {
        if (data == -1) data_rest(s, g, 1, d);
        data_diags_in_order(&g->prog, d, from);
        session_pop(s, nsegs);
        return COOP_FAILED;
    }
    slots cand = {0};
    for (size_t i = 0; i < s->slots.n; i++) vec_push(cand, s->slots.v[i]);
    replist reps = {0};
    notes said = {0};
    names declared = {0};
    int again = add_decls(s, &cand, g, 1, &reps, &said, &declared);
    /* a file read again: what its earlier version declared and this one
     * does not, goes */
    size_t left = 0, gone = 0;
    for (size_t i = 0; i < cand.n; i++) {
        const slot *sl = &cand.v[i];
        if (sl->g != g && sl->g->file && strcmp(sl->g->src.name, g->src.name) == 0) {
            gone++; /* an actor's kept changes go with it (kept_after); a relation value's stay */
            continue;
        }
        cand.v[left++] = cand.v[i];
    }
    cand.n = left;
    keptlist k = {0};
    kept_after(s, &cand, &declared, &k);
    names_free(&declared);
    /* a file is checked whole, its statements too, as coop run would */
    coop_script *sc = session_build(s, &cand, &k, d);
    data_diags_in_order(&g->prog, d, from);
    coop_world *w = sc ? world_clone(sc->w) : NULL;
    coop_script *plain = sc;
    if (w && k.n) { /* the model as the file reads without the session's sets */
        coop_diags *unseen = coop_diags_new();
        plain = session_build(s, &cand, NULL, unseen);
        coop_diags_free(unseen);
    }
    tl_cache run = {0}; /* the timeline's run its expectations read, the session's once loaded */
    int checked = w && check_file_stmts(s, sc, w, plain, g, &cand, &run, s->built + 1, d);
    if (plain != sc) coop_script_free(plain);
    if (!checked) {
        tl_cache_free(&run);
        not_kept(d, &g->src, (coop_loc){0, 0, 0, 0}, &said, "not loaded");
        world_free(w);
        coop_script_free(sc);
        session_kept_free(&k);
        vec_free(cand);
        vec_free(reps);
        vec_free(said);
        session_pop(s, nsegs);
        return COOP_FAILED;
    }
    if (!quiet) {
        resolve_symbol_slips(&s->cur->m, &g->prog, &g->src, &s->sym_spent, d);
        say_notes(s, &said);
        say_loaded(s, path, g, again, gone);
    }
    vec_free(said);
    /* files loaded before any change are the base reset returns to; after
     * one, a load is a change undo reverts */
    int base = quiet || s->steps.n == 0;
    if (base) remember_file(s, path);
    const char *what = base ? NULL : arena_printf(&g->mem, ":load %s", path);
    slots before = {0};
    if (gone && what) /* undo must bring back what went: the slots as they were, whole */
        for (size_t i = 0; i < s->slots.n; i++) vec_push(before, s->slots.v[i]);
    if (gone) reps.n = 0; /* `before` restores them, not the replaced list */
    commit(s, what, nsegs, &cand, &reps, sc, w, &k, gone && what ? &before : NULL);
    if (run.have) tl_cache_keep(&s->tl, s->built, s->world, &run.run);
    tl_cache_free(&run);
    return COOP_DONE;
}

coop_status coop_session_load(coop_session *s, const char *path, coop_diags *d)
{
    return load(s, path, d, 0);
}

/* ---- undo, reset, changes ---- */

static int undo_decls(coop_session *s, step *st, coop_diags *d);

/* Undoes a `set`: its inverses made in the world, newest first; or, when a
 * model was built since (it declares the set's changes, and points into
 * the set's source), the model built again without them. */
static int undo_set(coop_session *s, step *st, coop_diags *d)
{
    if (s->built != st->built) {
        while (s->kept.n > st->nkept) {
            kept *k = &s->kept.v[--s->kept.n];
            free(k->text);
            free(k->key);
            free(k->place);
        }
        kept_copy(&st->kept_before, &s->kept, s->kept.n);
        st->nslots = s->slots.n; /* the slots stay as they are */
        return undo_decls(s, st, d);
    }
    for (size_t i = 0; i < st->undo.n; i++) {
        coop_change *c = session_bind(s, s->cur, &st->undo.v[i], d);
        int rc = c ? change_apply(c, s->world) : -1;
        change_free(c);
        if (rc < 0) return -1;
    }
    while (s->kept.n > st->nkept) {
        kept *k = &s->kept.v[--s->kept.n];
        free(k->text);
        free(k->key);
        free(k->place);
    }
    return 0;
}

/* Undoes declarations or a :load: the slots and kept changes as they were,
 * and the model and world built again. */
static int undo_decls(coop_session *s, step *st, coop_diags *d)
{
    if (st->before.v) { /* the slots as they were, whole */
        vec_free(s->slots);
        s->slots = st->before;
        memset(&st->before, 0, sizeof st->before);
    } else {
        for (size_t i = st->rep.n; i-- > 0;) s->slots.v[st->rep.v[i].i] = st->rep.v[i].old;
        s->slots.n = st->nslots;
    }
    session_kept_free(&s->kept);
    s->kept = st->kept_before;
    memset(&st->kept_before, 0, sizeof st->kept_before);
    session_pop(s, st->nsegs); /* first: the model must not list freed sources */
    coop_script *sc = session_build(s, &s->slots, &s->kept, d);
    coop_world *w = sc ? world_clone(sc->w) : NULL;
    coop_script_free(s->cur);
    world_free(s->world);
    s->cur = sc;
    s->world = w;
    s->built++;
    return w ? 0 : -1;
}

static coop_status undo(coop_session *s, const seg *g, coop_loc at, coop_diags *d)
{
    if (s->steps.n == 0) {
        diag_at(d, &g->src, at, COOP_ERROR, "nothing to undo: no change was made since the files were loaded");
        return COOP_FAILED;
    }
    step *st = &s->steps.v[s->steps.n - 1];
    int rc = st->set ? undo_set(s, st, d) : undo_decls(s, st, d);
    session_pop(s, st->nsegs); /* a set's source (undo_decls popped the others already) */
    if (s->opt.out && s->opt.format == COOP_FORMAT_JSON) {
        json j;
        json_init(&j, s->opt.out);
        json_typed(&j, "undone");
        json_kstr(&j, "input", st->what);
        if (st->was) json_kstr(&j, "was", st->was);
        json_end_obj(&j);
    } else if (s->opt.out)
        fprintf(s->opt.out, "undone: %s%s%s\n", st->what, st->was ? "   # was " : "", st->was ? st->was : "");
    step_free(st);
    s->steps.n--;
    return rc == 0 ? COOP_DONE : COOP_FAILED;
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
    /* what waits, or is unfinished, is the caller's, not the model's */
    s->in = tmp.in;
    memset(&tmp.in, 0, sizeof tmp.in);
    *fresh = tmp;
    coop_session_free(fresh);
    FILE *out = s->opt.out;
    if (!out) return COOP_DONE;
    if (s->opt.format == COOP_FORMAT_JSON) {
        json j;
        json_init(&j, out);
        json_typed(&j, "reset");
        json_key(&j, "files");
        json_arr(&j);
        for (size_t i = 0; i < s->files.n; i++) json_str(&j, s->files.v[i]);
        json_end_arr(&j);
        json_end_obj(&j);
        return COOP_DONE;
    }
    fputs("reset:", out);
    if (!s->files.n) fputs(" an empty model", out);
    for (size_t i = 0; i < s->files.n; i++) fprintf(out, "%s %s", i ? "," : "", s->files.v[i]);
    fputs(s->files.n ? " read again\n" : "\n", out);
    return COOP_DONE;
}

static void list_changes(coop_session *s)
{
    FILE *out = s->opt.out;
    if (!out) return;
    if (s->opt.format == COOP_FORMAT_JSON) {
        json j;
        json_init(&j, out);
        json_typed(&j, "changes");
        json_key(&j, "steps");
        json_arr(&j);
        for (size_t i = 0; i < s->steps.n; i++) {
            json_obj(&j);
            json_kstr(&j, "input", s->steps.v[i].what);
            if (s->steps.v[i].was) json_kstr(&j, "was", s->steps.v[i].was);
            json_end_obj(&j);
        }
        json_end_arr(&j);
        json_end_obj(&j);
        return;
    }
    if (!s->steps.n) fputs("no changes since the files were loaded\n", out);
    for (size_t i = 0; i < s->steps.n; i++) {
        const step *st = &s->steps.v[i];
        fprintf(out, "%s%s%s\n", st->what, st->was ? "   # was " : "", st->was ? st->was : "");
    }
}

/* Does the timeline of model sc fail to run from world w (a runtime
 * error of an event's change, said in d; a stop is no failure here: the
 * statements that read the run say it)?  A run that ends is kept in c,
 * as model number `id`'s: what the statements and a what-if read next. */
static int timeline_fails(coop_session *s, const coop_script *sc, const coop_world *w, tl_cache *c, unsigned long id,
                          coop_diags *d)
{
    if (!sc->m.timeline) return 0;
    tl_run r;
    int rc = tl_run_model(&r, &sc->m, w, NULL, whatif_journal(&sc->m), s->opt.interrupt), bad = rc < 0 && r.failed;
    if (bad) {
        source j = session_joined(s); /* the event may stand in any input */
        diag_at(d, &j, r.err_loc, COOP_ERROR, "%s", r.err_msg);
    }
    if (rc == 0) tl_cache_keep(c, id, w, &r);
    tl_free(&r);
    return bad;
}

/* ---- input ---- */

static coop_status declarations(coop_session *s, seg *g, size_t nsegs, coop_diags *d)
{
    VEC(decl *) stmts = {0};
    decl *first = NULL;
    for (int i = 0; i < g->prog.n; i++) {
        if (decl_is_stmt(g->prog.v[i])) vec_push(stmts, g->prog.v[i]);
        else if (!first) first = g->prog.v[i];
    }
    coop_status st = COOP_FAILED;
    if (!first) { /* statements alone: run in the session's model and world */
        if (stmts.n == 0 || session_run(s, s->cur, s->world, stmts.v, (int)stmts.n, d) == 0) st = COOP_DONE;
        if (st == COOP_DONE) resolve_symbol_slips(&s->cur->m, &g->prog, &g->src, &s->sym_spent, d);
        vec_free(stmts);
        session_pop(s, nsegs);
        return st;
    }
    slots cand = {0};
    for (size_t i = 0; i < s->slots.n; i++) vec_push(cand, s->slots.v[i]);
    replist reps = {0};
    notes said = {0};
    names declared = {0};
    add_decls(s, &cand, g, 0, &reps, &said, &declared);
    keptlist k = {0};
    kept_after(s, &cand, &declared, &k);
    names_free(&declared);
    coop_script *sc = session_build(s, &cand, &k, d);
    coop_world *w = sc ? world_clone(sc->w) : NULL;
    tl_cache run = {0}; /* the new model's run, the input's statements' and, once taken, the session's */
    unsigned long id = s->built + 1; /* its number once taken (commit) */
    if (w && timeline_fails(s, sc, w, &run, id, d)) { /* a model whose run fails is not taken */
        world_free(w);
        w = NULL;
    }
    int ran = w && (stmts.n == 0 || run_stmts(s, sc, w, &run, id, stmts.v, (int)stmts.n, d) == 0);
    if (!w) not_kept(d, &g->src, first->loc, &said, "not kept");
    else if (!ran)
        diag_at(d, &g->src, first->loc, COOP_NOTE,
                "the declarations of this input are not kept: a statement of the same input failed");
    if (ran) {
        resolve_symbol_slips(&s->cur->m, &g->prog, &g->src, &s->sym_spent, d);
        say_notes(s, &said);
        /* the step is the input as typed, less its trailing blanks */
        size_t n = g->src.len;
        while (n > 0 && strchr(" \t\r\n", g->src.text[n - 1])) n--;
        commit(s, arena_strndup(&g->mem, g->src.text, n), nsegs, &cand, &reps, sc, w, &k, NULL);
        if (run.have) tl_cache_keep(&s->tl, s->built, s->world, &run.run);
        sc = NULL;
        w = NULL;
        st = COOP_DONE;
    }
    tl_cache_free(&run);
    world_free(w);
    coop_script_free(sc);
    session_kept_free(&k);
    vec_free(said);
    vec_free(cand);
    vec_free(reps);
    vec_free(stmts);
    if (st != COOP_DONE) session_pop(s, nsegs);
    return st;
}

/* The words an input starts with, and as they are written: a word close
 * to one is taken for a slip of it. */
static const char *const starts[][2] = {
    {"show", "show"}, {"explain", "explain"}, {"dominance", "dominance"}, {"expect", "expect"},
    {"kind", "kind"}, {"actor", "actor"}, {"relation", "relation"}, {"partnership", "partnership"}, {"param", "param"},
    {"what", "what if"}, {"set", "set"}, {"why", "why"}, {"flip", "flip"}, {"undo", "undo"}, {"reset", "reset"},
    {"changes", "changes"}, {"data", "data"},
};

/* The input word w[0..n) a slip of: starts[i][1], or NULL. */
static const char *start_near(const char *w, int n, const coop_diags *d)
{
    char word[4 * SUGGEST_MAX_CHARS + 1];
    suggest sg;
    snprintf(word, sizeof word, "%.*s", n, w);
    suggest_init(&sg, word, d);
    for (int i = 0; i < (int)(sizeof starts / sizeof starts[0]); i++) suggest_offer(&sg, starts[i][0], i);
    return sg.best ? starts[sg.tag][1] : NULL;
}

/* An input of one word that no declaration names, close to a command
 * (`udno`): said, and 1; else 0, and the input is read as a value. */
static int lone_slip(coop_session *s, seg *g, coop_loc first, coop_diags *d)
{
    size_t a = session_offset(g, first.line, first.col), b = session_offset(g, first.end_line, first.end_col);
    const char *w = g->src.text + a, *p = g->src.text + b;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
    unsigned char c = (unsigned char)*w; /* the word is a name: a letter, '_' or non-ASCII first */
    if (b <= a || (*p && *p != '#') || !(c == '_' || c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
        return 0;
    char word[4 * SUGGEST_MAX_CHARS + 1];
    snprintf(word, sizeof word, "%.*s", (int)(b - a), w);
    const char *near = suggest_class(&s->cur->m, word, ~0u) ? NULL : start_near(w, (int)(b - a), d);
    if (near)
        diag_at(d, &g->src, first, COOP_ERROR, "'%s' starts no statement or command; did you mean '%s'?", word, near);
    return near != NULL;
}

/* An input that starts no statement or command, or one a newcomer slipped
 * on: said, and refused. */
static coop_status slip(coop_session *s, seg *g, input_kind k, coop_loc where, coop_diags *d)
{
    (void)s;
    size_t a = session_offset(g, where.line, where.col), b = session_offset(g, where.end_line, where.end_col);
    int n = (int)(b - a);
    const char *w = g->src.text + a;
    if (k == IN_COLON)
        diag_at(d, &g->src, where, COOP_ERROR, "'%.*s' is a command with a colon: :%.*s", n, w, n, w);
    else if (k == IN_WHAT_IF)
        diag_at(d, &g->src, where, COOP_ERROR, "write 'what if', two words");
    else if (k == IN_BARE_CHANGE) {
        int m = 0; /* the rest of the line */
        while (w[m] && w[m] != '\n' && w[m] != '\r') m++;
        while (m > 0 && (w[m - 1] == ' ' || w[m - 1] == '\t')) m--;
        diag_at(d, &g->src, where, COOP_ERROR,
                "a change is made with 'set' (kept) or tried with 'what if' (not kept): what if %.*s", m, w);
    } else {
        const char *near = start_near(w, n, d);
        if (near)
            diag_at(d, &g->src, where, COOP_ERROR, "'%.*s' starts no statement or command; did you mean '%s'?", n, w,
                    near);
        else
            diag_at(d, &g->src, where, COOP_ERROR,
                    "'%.*s' starts no statement or command (statements: show, explain, dominance, expect; "
                    "commands: what if, set, why, flip, undo, reset, changes; :help lists them all)",
                    n, w);
    }
    return COOP_FAILED;
}

/* After an input that failed inside braces (a slip in a partnership
 * typed line by line), the lines that went on with it: skipped up to the
 * '}' that closes it, so that they do not fail one by one.  A line that
 * starts anything but a value (a declaration, a statement, a command)
 * starts afresh; one that is a whole value (`count(alliance)`) is read,
 * and the skipping goes on. */
static int skipped(coop_session *s, const char *nm, const char *text, size_t len)
{
    if (s->discard <= 0) return 0;
    source src = {.name = nm, .text = text, .len = len};
    coop_loc first, where;
    int settled, ntokens, open = parse_braces(&src, &ntokens);
    if (ntokens == 0) return 1;
    if (parse_classify(&src, &first, &where, &settled) != IN_VALUE) {
        s->discard = 0;
        return 0;
    }
    arena a;
    arena_init(&a);
    coop_diags *q = coop_diags_new();
    program p;
    int value = parse_input(&src, IN_VALUE, &a, q, &p) == 0;
    coop_diags_free(q);
    arena_free(&a);
    if (value) return 0;
    s->discard = s->discard + open > 0 ? s->discard + open : 0;
    return 1;
}

/* An input of g that failed with braces left open: its lines to come are
 * skipped (skipped()), and the note says so at its first token. */
static void discard(coop_session *s, seg *g, coop_loc first, coop_diags *d)
{
    int ntokens, open = parse_braces(&g->src, &ntokens);
    if (open <= 0) return;
    s->discard = open;
    size_t a = session_offset(g, first.line, first.col), b = session_offset(g, first.end_line, first.end_col);
    diag_at(d, &g->src, first, COOP_NOTE,
            "the %.*s begun here is discarded, and its lines up to the '}' that closes it are skipped; type it again",
            b > a && b - a < 64 ? (int)(b - a) : 5, b > a && b - a < 64 ? g->src.text + a : "input");
}

static coop_status input(coop_session *s, const char *nm, int line, const char *text, size_t len, coop_diags *d)
{
    if (len > COOP_MAX_FILE_SIZE) {
        source at = {.name = nm, .text = ""};
        diag_at(d, &at, (coop_loc){0, 0, 0, 0}, COOP_ERROR, "the input is %zu bytes; the limit is %d", len,
                COOP_MAX_FILE_SIZE);
        return COOP_FAILED;
    }
    size_t nsegs = s->segs.n;
    seg *g = session_seg(s, nm, line > 0 ? line - 1 : 0, text, len);
    coop_loc first, where;
    int settled;
    input_kind k = parse_classify(&g->src, &first, &where, &settled);
    static const char *const words[] = {[IN_UNDO] = "undo", [IN_RESET] = "reset", [IN_CHANGES] = "changes"};
    if (k == IN_UNDO || k == IN_RESET || k == IN_CHANGES) {
        if (where.line > 0) {
            diag_at(d, &g->src, where, COOP_ERROR, "'%s' takes nothing after it", words[k]);
            session_pop(s, nsegs);
            return COOP_FAILED;
        }
        coop_status st = COOP_DONE;
        if (k == IN_UNDO && s->steps.n == 0) st = undo(s, g, first, d); /* the error points at g */
        session_pop(s, nsegs);
        if (k == IN_UNDO) return st == COOP_DONE ? undo(s, NULL, first, d) : st;
        if (k == IN_RESET) return reset(s, d);
        list_changes(s);
        return COOP_DONE;
    }
    if (k == IN_UNKNOWN || k == IN_COLON || k == IN_WHAT_IF || k == IN_BARE_CHANGE ||
        (k == IN_VALUE && lone_slip(s, g, first, d))) {
        coop_status st = k == IN_VALUE ? COOP_FAILED : slip(s, g, k, where, d);
        session_pop(s, nsegs);
        return st;
    }
    size_t errs = coop_diags_errors(d);
    if (parse_input(&g->src, k, &g->mem, d, &g->prog) < 0) {
        /* the only error is the end of the input: more may follow */
        int more = coop_diags_incomplete(d) && coop_diags_errors(d) == errs + 1;
        if (!more && k == IN_PROGRAM) discard(s, g, first, d);
        if (more && (s->in.more = parse_more_new(&g->src, k, settled)) != NULL) { /* parsed on as lines come */
            s->in.more_name = mem_strdup(nm);
            s->in.more_line = line;
            s->in.more_len = len;
        }
        session_pop(s, nsegs);
        return more ? COOP_INCOMPLETE : COOP_FAILED;
    }
    if (k == IN_WHATIF || k == IN_SET) return whatif_run(s, g, nsegs, g->prog.v[0], d);
    int data = session_data(s, g, NULL, d); /* typed: its files are read from the working directory */
    if (data < 0) {
        if (data == -1) data_rest(s, g, 0, d);
        session_pop(s, nsegs);
        return COOP_FAILED;
    }
    return declarations(s, g, nsegs, d);
}

/* ---- inputs that wait: piped declarations built as one ---- */

/* Would `input` find the input unfinished?  (Then it is given to input,
 * which says so, rather than waiting.)  *decls gets 1 when it holds only
 * declarations (what may wait for more to join it), 2 when it holds
 * nothing (a comment: input would do nothing), else 0. */
static int unfinished(coop_session *s, const char *nm, int line, const char *text, size_t len, int *decls)
{
    *decls = 0;
    if (len > COOP_MAX_FILE_SIZE) return 0;
    size_t nsegs = s->segs.n;
    seg *g = session_seg(s, nm, line > 0 ? line - 1 : 0, text, len);
    coop_loc first, where;
    int settled, more = 0;
    input_kind k = parse_classify(&g->src, &first, &where, &settled);
    if (k != IN_UNDO && k != IN_RESET && k != IN_CHANGES && k != IN_UNKNOWN && k != IN_COLON && k != IN_WHAT_IF &&
        k != IN_BARE_CHANGE) {
        coop_diags *q = coop_diags_new();
        int bad = parse_input(&g->src, k, &g->mem, q, &g->prog) < 0;
        more = bad && coop_diags_incomplete(q) && coop_diags_errors(q) == 1;
        *decls = !bad && k == IN_PROGRAM;
        for (int i = 0; *decls && i < g->prog.n; i++) *decls = !decl_is_stmt(g->prog.v[i]);
        if (*decls && g->prog.n == 0) *decls = 2;
        coop_diags_free(q);
    }
    session_pop(s, nsegs);
    return more;
}

/* The names a run of waiting declarations has declared so far. */
typedef struct run_names {
    names keys, kinds, actors;
} run_names;

static int known(const names *in_model, const names *run, const char *nm)
{
    return names_get(in_model, nm) >= 0 || names_get(run, nm) >= 0;
}

/* Can input g join a run of declarations built as one?  Only kinds,
 * actors and relation values that replace nothing (no slot, no kept set,
 * nothing earlier in the run has their key) and name only kinds, actors
 * and relations declared before them (in the model, earlier in the run, or
 * in g).  Then the model of every shorter run holds a subset of the
 * declarations of a longer one, none missing a name: an error of a shorter
 * run is one of every longer one, and a run that builds without a word
 * builds so at each of its inputs, with the same notes. */
static int joins_run(const coop_session *s, seg *g, run_names *rn)
{
    coop_loc first, where;
    int settled;
    if (g->src.len > COOP_MAX_FILE_SIZE || parse_classify(&g->src, &first, &where, &settled) != IN_PROGRAM) return 0;
    coop_diags *q = coop_diags_new();
    int ok = parse_input(&g->src, IN_PROGRAM, &g->mem, q, &g->prog) == 0 && coop_diags_count(q) == 0;
    coop_diags_free(q);
    const model *m = &s->cur->m;
    for (int i = 0; ok && i < g->prog.n; i++) {
        const decl *d = g->prog.v[i];
        ok = d->k == D_KIND || d->k == D_ACTOR || d->k == D_RELSET;
        if (!ok) break;
        const char *key = decl_class_of(d->k)->key(&g->mem, d);
        ok = names_get(&rn->keys, key) < 0 && !kept_of(s, key);
        names_put(&rn->keys, key, 1);
        if (d->k == D_KIND) names_put(&rn->kinds, d->n.s, 1);
        if (d->k == D_ACTOR) names_put(&rn->actors, d->n.s, 1);
    }
    for (int i = 0; ok && i < g->prog.n; i++) {
        const decl *d = g->prog.v[i];
        if (d->k == D_ACTOR) ok = known(&m->kind_idx, &rn->kinds, d->u.actor.kind.s);
        if (d->k == D_KIND) ok = !d->u.kind.has_parent || known(&m->kind_idx, &rn->kinds, d->u.kind.parent.s);
        if (d->k == D_RELSET) {
            ok = names_get(&m->callables, d->n.s) >= 0;
            for (int j = 0; ok && j < d->u.relset.n; j++) ok = known(&m->actor_idx, &rn->actors, d->u.relset.args[j].s);
        }
    }
    return ok;
}

/* The longest run of waiting inputs (s->in.run_max at most), from the first, that joins_run
 * takes: their sources are the session's last ones, in order (an empty
 * input has none: it does nothing).  Returns how many; *gs gets their
 * sources (NULL for an empty one). */
static size_t run_of_declarations(coop_session *s, seg ***gs)
{
    size_t most = s->in.run_max ? s->in.run_max : 1;
    run_names rn = {0};
    for (size_t i = 0; i < s->slots.n; i++)
        if (s->slots.v[i].key) names_put(&rn.keys, s->slots.v[i].key, 1);
    VEC(seg *) v = {0};
    for (size_t i = s->in.qhead; i < s->in.queue.n && v.n < most; i++) {
        const queued *q = &s->in.queue.v[i];
        size_t nsegs = s->segs.n;
        seg *g = session_seg(s, q->name, q->line > 0 ? q->line - 1 : 0, q->text, q->len);
        if (!joins_run(s, g, &rn)) {
            session_pop(s, nsegs);
            break;
        }
        if (g->prog.n == 0) {
            session_pop(s, nsegs);
            g = NULL;
        }
        vec_push(v, g);
    }
    names_free(&rn.keys);
    names_free(&rn.kinds);
    names_free(&rn.actors);
    *gs = v.v;
    return v.n;
}

/* The slots with the first n inputs of a run added; (*at)[i] gets where
 * input i's begin.  Without `texts` the new slots hold their declaration
 * alone (all session_build reads): a run built to try it, perhaps more
 * than once, writes nothing into its inputs' arenas, which live as long
 * as the inputs are kept. */
static void run_slots(const coop_session *s, seg **gs, size_t n, slots *cand, size_t *at, int texts)
{
    for (size_t i = 0; i < s->slots.n; i++) vec_push(*cand, s->slots.v[i]);
    for (size_t i = 0; i < n; i++) {
        at[i] = cand->n;
        for (int j = 0; gs[i] && j < gs[i]->prog.n; j++) {
            decl *d = gs[i]->prog.v[j];
            slot bare = {d, gs[i], NULL, NULL, NULL, NULL, NULL, -1};
            vec_push(*cand, !texts ? bare
                                   : session_slot(gs[i], d, session_offset(gs[i], d->loc.line, d->loc.col),
                                                  session_offset(gs[i], d->loc.end_line, d->loc.end_col)));
        }
    }
}

/* The model of the slots with the first n inputs of a run, if it builds
 * without a word; NULL otherwise. */
static coop_script *run_build(const coop_session *s, seg **gs, size_t n)
{
    slots cand = {0};
    size_t *at = mem_alloc((n + 1) * sizeof *at);
    run_slots(s, gs, n, &cand, at, 0);
    coop_diags *q = coop_diags_new();
    coop_script *sc = session_build(s, &cand, &s->kept, q);
    if (sc && coop_diags_count(q) > 0) {
        coop_script_free(sc);
        sc = NULL;
    }
    coop_diags_free(q);
    vec_free(cand);
    free(at);
    return sc;
}

/* Keeps the first n inputs of a run, whose model is sc: each says what it
 * added and is a step of its own, as if kept when given. */
static void run_keep(coop_session *s, seg **gs, size_t n, coop_script *sc)
{
    slots cand = {0};
    size_t *at = mem_alloc((n + 1) * sizeof *at);
    run_slots(s, gs, n, &cand, at, 1);
    at[n] = cand.n;
    size_t nsegs = s->segs.n;
    for (size_t i = n; i-- > 0;)
        if (gs[i]) nsegs--; /* the first input's source is this one */
    for (size_t i = 0; i < n; i++) {
        if (!gs[i]) continue;
        notes said = {0};
        for (size_t j = at[i]; j < at[i + 1]; j++) vec_push(said, added(s, &gs[i]->mem, &cand.v[j]));
        say_notes(s, &said);
        vec_free(said);
        size_t len = gs[i]->src.len;
        while (len > 0 && strchr(" \t\r\n", gs[i]->src.text[len - 1])) len--;
        step *st = session_step(s, arena_strndup(&gs[i]->mem, gs[i]->src.text, len), nsegs++);
        st->nslots = at[i];
        kept_copy(&st->kept_before, &s->kept, s->kept.n);
    }
    free(at);
    vec_free(s->slots);
    s->slots = cand;
    coop_script_free(s->cur);
    world_free(s->world);
    s->cur = sc;
    s->world = world_clone(sc->w);
    s->built++;
}

/* The symbols the model knows before each input of a run: the model's,
 * then each input's as the run goes (what resolve_symbol_slips reads of
 * the model before an input). */
typedef struct run_syms {
    model m;
    VEC(const char *) v;
    long spent;             /* the session's sym_spent, as the run goes */
} run_syms;

static void sym_known(void *ctx, const name *sym)
{
    run_syms *k = ctx;
    if (names_get(&k->m.sym_idx, sym->s) >= 0) return;
    names_put(&k->m.sym_idx, sym->s, (int)k->v.n);
    vec_push(k->v, sym->s);
    k->m.syms = k->v.v;
    k->m.nsyms = (int)k->v.n;
}

/* The first input of the run gs[0..*n) that a symbol slip is said of (as
 * a declaration typed alone would be warned about), or *n if none; *n is
 * cut after it, so that its warning follows its notes.  k gets the
 * symbols known before it. */
static size_t run_warned(const coop_session *s, seg **gs, size_t *n, run_syms *k)
{
    memset(k, 0, sizeof *k);
    k->spent = s->sym_spent;
    for (int i = 0; i < s->cur->m.nsyms; i++) {
        name nm = {s->cur->m.syms[i], {0, 0, 0, 0}};
        sym_known(k, &nm);
    }
    for (size_t i = 0; i < *n; i++) {
        if (!gs[i]) continue;
        coop_diags *q = coop_diags_new();
        resolve_symbol_slips(&k->m, &gs[i]->prog, &gs[i]->src, &k->spent, q);
        size_t said = coop_diags_count(q);
        coop_diags_free(q);
        if (said) {
            *n = i + 1;
            return i;
        }
        for (int j = 0; j < gs[i]->prog.n; j++) {
            const decl *d = gs[i]->prog.v[j];
            rsv_decl_syms(d, sym_known, k);
        }
    }
    return *n;
}

void coop_session_defer(coop_session *s, int on) { s->in.defer = on; }

size_t coop_session_pending(const coop_session *s) { return s->in.queue.n - s->in.qhead; }

int coop_session_due(const coop_session *s) { return s->in.due; }

/* Takes the first waiting input off the queue. */
static void dequeue(coop_session *s)
{
    queued *q = &s->in.queue.v[s->in.qhead++];
    free(q->name);
    free(q->text);
    if (s->in.qhead == s->in.queue.n) s->in.queue.n = s->in.qhead = s->in.due = 0;
}

coop_status coop_session_flush(coop_session *s, coop_diags *d)
{
    if (s->in.qhead == s->in.queue.n) return COOP_DONE;
    seg **gs;
    size_t nsegs = s->segs.n, n = run_of_declarations(s, &gs), ok = 0;
    run_syms k;
    size_t warned = run_warned(s, gs, &n, &k);
    coop_script *sc = n ? run_build(s, gs, n) : NULL;
    if (sc) ok = n;
    else if (n > 1) { /* the first input the run fails at: the shortest run that fails */
        size_t lo = 1, hi = n;
        if ((sc = run_build(s, gs, 1)) != NULL) {
            coop_script_free(sc);
            sc = NULL;
            lo = 2;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                coop_script *t = run_build(s, gs, mid);
                if (t) lo = mid + 1;
                else hi = mid;
                coop_script_free(t);
            }
        }
        ok = lo - 1;
        if (ok && (sc = run_build(s, gs, ok)) == NULL) ok = 0; /* never, by joins_run */
    }
    if (n && ok == n) {
        if (n == (s->in.run_max ? s->in.run_max : 1) && n < (size_t)COOP_MAX_FILE_SIZE) s->in.run_max = 2 * n;
    } else if (n) s->in.run_max = 1;
    /* the sources of the inputs not kept go; they are read again below */
    size_t keep = nsegs;
    for (size_t i = 0; i < ok; i++) keep += gs[i] != NULL;
    session_pop(s, keep);
    if (ok && warned == ok - 1) resolve_symbol_slips(&k.m, &gs[warned]->prog, &gs[warned]->src, NULL, d);
    s->sym_spent = k.spent; /* inputs checked but not kept are counted again: never less */
    names_free(&k.m.sym_idx);
    vec_free(k.v);
    if (ok) run_keep(s, gs, ok, sc);
    free(gs);
    for (size_t i = 0; i < ok; i++) dequeue(s);
    if (ok) return COOP_DONE;
    /* an input of no run, or the one a run fails at: as given */
    const queued *q = &s->in.queue.v[s->in.qhead];
    coop_status st = input(s, q->name, q->line, q->text, q->len, d);
    dequeue(s);
    return st;
}

coop_status coop_session_input_more(coop_session *s, const char *nm, int line, const char *text, size_t len,
                                    size_t from, coop_diags *d)
{
    /* the same input with lines added: while they cannot end it, and have
     * no error, it is unfinished without a parse of the whole */
    if (s->in.more && from == s->in.more_len && line == s->in.more_line && strcmp(nm, s->in.more_name) == 0 && len > from &&
        len <= COOP_MAX_FILE_SIZE && (text[from] == '\n' || text[from] == '\r') &&
        parse_more_add(s->in.more, text + from, len - from)) {
        s->in.more_len = len;
        return COOP_INCOMPLETE;
    }
    more_drop(s);
    if (skipped(s, nm, text, len)) return COOP_DONE; /* before it waits: it follows what failed */
    int decls;
    /* declarations wait for more to join them; another input waits only
     * behind them (and is then due); nothing, a comment, has nothing to do */
    if (s->in.defer && !unfinished(s, nm, line, text, len, &decls) && (decls || s->in.qhead < s->in.queue.n)) {
        if (decls == 2) return COOP_DONE;
        queued q = {mem_strdup(nm), mem_strndup(text, len), line, len};
        vec_push(s->in.queue, q);
        s->in.due |= !decls;
        return COOP_DEFERRED;
    }
    return input(s, nm, line, text, len, d);
}

coop_status coop_session_input(coop_session *s, const char *nm, int line, const char *text, size_t len,
                               coop_diags *d)
{
    return coop_session_input_more(s, nm, line, text, len, 0, d);
}
