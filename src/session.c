/*
 * session.c - a model built piece by piece, as the REPL does.  The model is
 * a list of slots, one per declaration (and per statement of a loaded
 * file), each holding its syntax tree and its text.  A declaration that
 * names what a slot declares replaces it in place; `set` replaces an
 * actor's slot with its text changed, or a relation value's slot; `what
 * if` does the same to a copy.  Every change is resolved whole before it is
 * kept, so a failed input leaves nothing behind, and `undo` walks back.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "names.h"
#include "session.h"

/* ---- sources ---- */

seg *session_seg(coop_session *s, const char *nm, int shift, const char *text, size_t len)
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

static source joined(const coop_session *s)
{
    source j = {.name = "session", .text = "", .parts = s->parts.v, .nparts = (int)s->parts.n};
    return j;
}

/* Byte offset of a location of g within g's text. */
size_t session_offset(const seg *g, int line, int col)
{
    return source_offset(&g->src, line - g->src.line0, col);
}

/* ---- slots ---- */

int session_is_stmt(const decl *d) { return d->k >= S_SHOW && d->k <= S_VALUE; }

/* What a declaration replaces ("actor emil"); NULL for a statement. */
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
slot session_slot(seg *g, decl *d, size_t from, size_t to)
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
static int add_decls(const coop_session *s, slots *into, seg *g, decl **v, int n, int file, replist *reps, FILE *out)
{
    int again = 0; /* declarations of a file read again: one count, not a line each */
    names idx = {0}, used = {0}; /* the slots before; the keys this input declared */
    for (size_t i = 0; i < into->n; i++)
        if (into->v[i].key) names_put(&idx, into->v[i].key, (int)i);
    size_t prev_end = 0;
    arena *a = &g->mem;
    int nstmt = 0;
    for (int i = 0; i < n; i++) {
        decl *d = v[i];
        if (!file && session_is_stmt(d)) continue;
        size_t from = session_offset(g, d->loc.line, d->loc.col), to = session_offset(g, d->loc.end_line, d->loc.end_col);
        slot sl = session_slot(g, d, from, to);
        /* a file's statements: reading the file again replaces them */
        if (session_is_stmt(d)) sl.key = arena_printf(a, "statement %d of %s", nstmt++, g->src.name);
        if (file) {
            sl.lead = arena_strndup(a, g->src.text + prev_end, from - prev_end);
            if (i == n - 1) sl.tail = arena_strndup(a, g->src.text + to, g->src.len - to);
        }
        prev_end = to;
        /* declared twice in this input: both stay, for the resolver to say so */
        int twice = sl.key && names_put(&used, sl.key, 1) >= 0;
        int j = sl.key && !twice ? names_get(&idx, sl.key) : -1;
        if (j < 0) {
            if (out && !file) { /* typed: say what joined the model */
                fprintf(out, "added %s", d->k == D_RELSET ? sl.body : what_of(a, &sl));
                for (int r = 0; d->k == D_RELSET && r < s->cur->m.nrels; r++)
                    if (strcmp(s->cur->m.rels[r].name, d->n.s) == 0) {
                        char buf[64];
                        if (s->cur->m.rels[r].type == T_BOOL) snprintf(buf, sizeof buf, "%s", s->cur->m.rels[r].def ? "true" : "false");
                        else ast_fmtnum(buf, sizeof buf, s->cur->m.rels[r].def);
                        fprintf(out, " (was %s, the default)", buf);
                    }
                fputc('\n', out);
            }
            vec_push(*into, sl);
            continue;
        }
        slot *old = &into->v[j];
        int same = file && strcmp(old->g->src.name, g->src.name) == 0;
        again += same && !session_is_stmt(d);
        if (out && !session_is_stmt(d) && !same) fprintf(out, "replaced %s (declared at %s)\n", what_of(a, old), old->place);
        if (reps) {
            replaced r = {(size_t)j, *old};
            vec_push(*reps, r);
        }
        if (!same) { /* in the old one's place, with the comments around it */
            sl.lead = old->lead;
            if (!*sl.tail) sl.tail = old->tail;
        }
        *old = sl;
    }
    names_free(&idx);
    names_free(&used);
    return again;
}

/* The declarations of `sl` (with the statements among them that g holds,
 * when g is not NULL), then extra[0..n). */
static coop_script *build(const coop_session *s, const slots *sl, const seg *g, decl **extra, int n, coop_diags *d)
{
    VEC(decl *) v = {0};
    for (size_t i = 0; i < sl->n; i++)
        if (!session_is_stmt(sl->v[i].d) || (g && sl->v[i].g == g)) vec_push(v, sl->v[i].d);
    for (int i = 0; i < n; i++) vec_push(v, extra[i]);
    source j = joined(s);
    coop_script *sc = script_of(&j, v.v, (int)v.n, d);
    vec_free(v);
    return sc;
}

coop_script *session_build(const coop_session *s, const slots *sl, decl **extra, int n, coop_diags *d)
{
    return build(s, sl, NULL, extra, n, d);
}

void session_set_current(coop_session *s, coop_script *sc)
{
    coop_script_free(s->cur);
    s->cur = sc;
}

/* Records a step undo can revert: it made the slots past nslots and the
 * sources past nsegs. */
static step *session_step(coop_session *s, const char *what, size_t nslots, size_t nsegs)
{
    step st = {0};
    st.what = mem_strdup(what);
    st.nslots = nslots;
    st.nsegs = nsegs;
    vec_push(s->steps, st);
    return &s->steps.v[s->steps.n - 1];
}

void session_commit(coop_session *s, const char *what, size_t nsegs, slots *cand, replist *reps, coop_script *sc)
{
    if (what) session_step(s, what, s->slots.n, nsegs)->rep = *reps;
    else vec_free(*reps);
    memset(reps, 0, sizeof *reps);
    vec_free(s->slots);
    s->slots = *cand;
    memset(cand, 0, sizeof *cand);
    session_set_current(s, sc);
}

void session_stage(const coop_session *s, slots *cand)
{
    memset(cand, 0, sizeof *cand);
    for (size_t i = 0; i < s->slots.n; i++) vec_push(*cand, s->slots.v[i]);
}

/* Stages g's declarations over the session's slots (see add_decls); returns
 * the "replaced ..." lines, to print if the change is kept (free them). */
static char *stage_decls(const coop_session *s, seg *g, int file, slots *cand, replist *reps, int *again)
{
    session_stage(s, cand);
    memset(reps, 0, sizeof *reps);
    char *notes = NULL;
    size_t nlen = 0;
    FILE *nf = mem_stream(&notes, &nlen);
    int n = add_decls(s, cand, g, g->prog.v, g->prog.n, file, reps, nf);
    if (again) *again = n;
    fclose(nf);
    return notes;
}

/* After the errors of a change that is not kept: a note for each
 * declaration it would have replaced (the errors may come from that), and
 * one that says nothing changed. */
static void not_kept(coop_diags *d, const source *src, coop_loc at, const char *notes, const char *what)
{
    coop_loc none = {0, 0, 0, 0};
    for (const char *p = notes; *p;) {
        const char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        if (strncmp(p, "replaced ", 9) == 0)
            diag_at(d, src, none, COOP_NOTE, "it would replace %.*s", (int)(e - p - 9), p + 9);
        p = *e ? e + 1 : e;
    }
    diag_at(d, src, at, COOP_NOTE, "%s: the session is as it was", what);
}

static void step_free(step *st)
{
    free(st->what);
    vec_free(st->rep);
    vec_free(st->before);
}

/* ---- life ---- */

coop_session *coop_session_new(const coop_options *opt)
{
    coop_session *s = mem_calloc(1, sizeof *s);
    if (opt) { /* of the options, out, format and seed */
        s->opt.out = opt->out;
        s->opt.format = opt->format;
        s->opt.seed = opt->seed;
    }
    coop_diags *d = coop_diags_new();
    s->cur = session_build(s, &s->slots, NULL, 0, d); /* the empty model: built-in kinds only */
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
    session_set_current(s, NULL);
    session_pop(s, 0);
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
    seg *g = session_seg(s, path, 0, t, len);
    g->file = 1;
    free(text);
    if (parse_source(&g->src, &g->mem, d, &g->prog) < 0) {
        session_pop(s, nsegs);
        return COOP_FAILED;
    }
    slots cand;
    replist reps;
    int again;
    char *notes = stage_decls(s, g, 1, &cand, &reps, &again);
    /* a file read again: what its earlier version declared (or its changed
     * actors) and this one does not, goes */
    size_t kept = 0, gone = 0;
    for (size_t i = 0; i < cand.n; i++) {
        const slot *sl = &cand.v[i];
        if (sl->g != g && sl->g->file && strcmp(sl->g->src.name, g->src.name) == 0) {
            gone++;
            continue;
        }
        cand.v[kept++] = cand.v[i];
    }
    cand.n = kept;
    /* a file is checked whole, its statements too, as coop run would; the
     * model kept is the declarations' */
    coop_script *sc = build(s, &cand, g, NULL, 0, d);
    if (sc) {
        coop_script_free(sc);
        sc = session_build(s, &cand, NULL, 0, d);
    }
    if (!sc) {
        not_kept(d, &g->src, (coop_loc){0, 0, 0, 0}, notes, "not loaded");
        vec_free(cand);
        vec_free(reps);
        free(notes);
        session_pop(s, nsegs);
        return COOP_FAILED;
    }
    FILE *out = s->opt.out;
    if (out && !quiet) {
        fputs(notes, out);
        int st = 0;
        for (int i = 0; i < g->prog.n; i++) st += session_is_stmt(g->prog.v[i]);
        int na = count_kind(g, D_ACTOR), nr = count_kind(g, D_RELATION), np = count_kind(g, D_RULE);
        fprintf(out, "loaded %s: %d actor%s, %d relation%s, %d partnership%s", path, na, na == 1 ? "" : "s", nr,
                nr == 1 ? "" : "s", np, np == 1 ? "" : "s");
        if (st) fprintf(out, "; its %d statement%s kept, not run", st, st == 1 ? " is" : "s are");
        if (again || gone) {
            fprintf(out, " (read again: its declarations replace the earlier ones, %d of them", again);
            if (gone) fprintf(out, "; %zu it no longer has %s gone", gone, gone == 1 ? "is" : "are");
            fputc(')', out);
        }
        fputc('\n', out);
    }
    free(notes);
    /* files loaded before any change are the base reset returns to; after
     * one, a load is a change undo reverts */
    int base = quiet || s->steps.n == 0;
    char *what = base ? NULL : arena_printf(&g->mem, ":load %s", path);
    if (base) { /* reset reads them in the order they were last read */
        for (size_t i = 0; i < s->files.n; i++)
            if (strcmp(s->files.v[i], path) == 0) {
                free(s->files.v[i]);
                memmove(s->files.v + i, s->files.v + i + 1, (s->files.n - i - 1) * sizeof *s->files.v);
                s->files.n--;
                break;
            }
        vec_push(s->files, mem_strdup(path));
    }
    slots before = {0};
    if (gone && what) session_stage(s, &before); /* undo must bring back what went */
    session_commit(s, what, nsegs, &cand, &reps, sc);
    if (gone && what) s->steps.v[s->steps.n - 1].before = before;
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
int session_run(coop_session *s, const slots *sl, decl **v, int n, coop_diags *d)
{
    coop_script *sc = session_build(s, sl, v, n, d);
    if (!sc) return -1;
    coop_options o = s->opt;
    o.on_expect = o.format == COOP_FORMAT_TEXT ? on_expect : NULL;
    o.ctx = o.out;
    if (o.out) fflush(o.out);
    int rc = run_statements(sc, &o, d, 0);
    coop_script_free(sc);
    return rc;
}

/* ---- undo, reset, changes ---- */

static coop_status undo(coop_session *s, const seg *g, coop_loc at, coop_diags *d)
{
    if (s->steps.n == 0) {
        diag_at(d, &g->src, at, COOP_ERROR, "nothing to undo: no change was made since the files were loaded");
        return COOP_FAILED;
    }
    step *st = &s->steps.v[s->steps.n - 1];
    if (st->before.v) { /* the slots as they were, whole */
        vec_free(s->slots);
        s->slots = st->before;
        memset(&st->before, 0, sizeof st->before);
    } else {
        for (size_t i = st->rep.n; i-- > 0;) s->slots.v[st->rep.v[i].i] = st->rep.v[i].old;
        s->slots.n = st->nslots;
    }
    session_pop(s, st->nsegs); /* first: the model must not list freed sources */
    coop_script *sc = session_build(s, &s->slots, NULL, 0, d);
    if (s->opt.out) fprintf(s->opt.out, "undone: %s\n", st->what);
    step_free(st);
    s->steps.n--;
    session_set_current(s, sc);
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
        if (session_is_stmt(g->prog.v[i])) vec_push(stmts, g->prog.v[i]);
        else ndecls++;
    }
    coop_status st = COOP_FAILED;
    if (!ndecls) {
        if (stmts.n == 0 || session_run(s, &s->slots, stmts.v, (int)stmts.n, d) == 0) st = COOP_DONE;
        vec_free(stmts);
        session_pop(s, nsegs);
        return st;
    }
    slots cand;
    replist reps;
    char *notes = stage_decls(s, g, 0, &cand, &reps, NULL);
    coop_script *sc = session_build(s, &cand, NULL, 0, d);
    int ran = sc && (stmts.n == 0 || session_run(s, &cand, stmts.v, (int)stmts.n, d) == 0);
    decl *first = NULL;
    for (int i = 0; i < g->prog.n && !first; i++)
        if (!session_is_stmt(g->prog.v[i])) first = g->prog.v[i];
    if (!sc) not_kept(d, &g->src, first->loc, notes, "not kept");
    if (sc && !ran)
        diag_at(d, &g->src, first->loc, COOP_NOTE,
                "the declarations of this input are not kept: a statement of the same input failed");
    if (ran) {
        if (s->opt.out) fputs(notes, s->opt.out);
        /* the step is the input as typed, less its trailing blanks */
        size_t n = g->src.len;
        while (n > 0 && strchr(" \t\r\n", g->src.text[n - 1])) n--;
        session_commit(s, arena_strndup(&g->mem, g->src.text, n), nsegs, &cand, &reps, sc);
        sc = NULL;
        st = COOP_DONE;
    }
    coop_script_free(sc);
    free(notes);
    vec_free(cand);
    vec_free(reps);
    vec_free(stmts);
    if (st != COOP_DONE) session_pop(s, nsegs);
    return st;
}

coop_status coop_session_input(coop_session *s, const char *nm, int line, const char *text, size_t len,
                               coop_diags *d)
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
    input_kind k = parse_classify(&g->src, &first, &where);
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
    if (k == IN_UNKNOWN || k == IN_COLON || k == IN_WHAT_IF || k == IN_BARE_CHANGE) {
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
        }
        else
            diag_at(d, &g->src, where, COOP_ERROR,
                    "'%.*s' starts no statement or command (statements: show, explain, dominance, expect; "
                    "commands: what if, set, why, undo, reset, changes; :help lists them all)",
                    n, w);
        session_pop(s, nsegs);
        return COOP_FAILED;
    }
    size_t errs = coop_diags_errors(d);
    if (parse_input(&g->src, k, &g->mem, d, &g->prog) < 0) {
        /* the only error is the end of the input: more may follow */
        int more = coop_diags_incomplete(d) && coop_diags_errors(d) == errs + 1;
        session_pop(s, nsegs);
        return more ? COOP_INCOMPLETE : COOP_FAILED;
    }
    if (k == IN_WHATIF || k == IN_SET) return whatif_run(s, g, nsegs, g->prog.v[0], d);
    return declarations(s, g, nsegs, d);
}

/* ---- saving ---- */

typedef VEC(int) exp_results;

static void collect(void *ctx, const coop_expect_result *r)
{
    exp_results *ex = ctx;
    vec_push(*ex, r->passed);
}

enum { ST_KEPT, ST_FAILS, ST_GONE, ST_ERROR }; /* a file's statement, when saved */

/* What becomes of each statement slot (in slot order) when the model is
 * saved: kept, an expectation the changes made false, or a statement the
 * changes left without meaning (a factor or actor it names is gone).
 * Both of the latter are written as comments, so the script runs clean. */
static unsigned char *statement_fates(const coop_session *s, size_t *n)
{
    coop_diags *scratch = coop_diags_new(); /* the user asked to save, not to see these */
    VEC(decl *) ok = {0};
    size_t k = 0;
    for (size_t i = 0; i < s->slots.n; i++) k += session_is_stmt(s->slots.v[i].d);
    unsigned char *fate = mem_calloc(k + 1, 1);
    for (size_t i = 0; i < s->slots.n; i++)
        if (session_is_stmt(s->slots.v[i].d)) vec_push(ok, s->slots.v[i].d);
    coop_script *sc = session_build(s, &s->slots, ok.v, (int)ok.n, scratch);
    if (!sc) { /* some do not resolve: find them one by one */
        ok.n = 0;
        for (size_t i = 0, j = 0; i < s->slots.n; i++) {
            decl *d = s->slots.v[i].d;
            if (!session_is_stmt(d)) continue;
            coop_script *one = session_build(s, &s->slots, &d, 1, scratch);
            if (one) vec_push(ok, d);
            else fate[j] = ST_GONE;
            coop_script_free(one);
            j++;
        }
        sc = session_build(s, &s->slots, ok.v, (int)ok.n, scratch);
    }
    exp_results ex = {0};
    FILE *sink = fopen("/dev/null", "w"); /* every statement runs, as coop run would; output unread */
    coop_options o = {0};
    o.out = sink;
    o.seed = s->opt.seed;
    o.on_expect = collect;
    o.ctx = &ex;
    int broken = sc && sink ? coop_run(sc, &o, scratch) < 0 : 0;
    size_t e = 0, j = 0;
    for (size_t i = 0; i < s->slots.n; i++) {
        decl *d = s->slots.v[i].d;
        if (!session_is_stmt(d)) continue;
        if (fate[j] != ST_GONE && broken) { /* a division by zero somewhere: which statements meet it */
            coop_options alone = o;
            alone.on_expect = NULL;
            coop_script *one = session_build(s, &s->slots, &d, 1, scratch);
            if (one && coop_run(one, &alone, scratch) < 0) fate[j] = ST_ERROR;
            coop_script_free(one);
        }
        if (fate[j] != ST_GONE && d->k == S_EXPECT && e < ex.n && !ex.v[e++] && fate[j] == ST_KEPT) fate[j] = ST_FAILS;
        j++;
    }
    if (sink) fclose(sink);
    vec_free(ex);
    vec_free(ok);
    coop_script_free(sc);
    coop_diags_free(scratch);
    *n = k;
    return fate;
}

/* The text being written by script_text: where its last line stands. */
typedef struct writer {
    FILE *f;
    int last;      /* the last byte written ('\n' at the start) */
    int hash;      /* a '#' on the last line: it may be inside a comment */
} writer;

/* Writes t; with `comment`, each line of it as a comment ('# ' after each
 * line end: \n, \r\n or a lone \r, as the scanner counts them). */
static void emit(writer *w, const char *t, int comment)
{
    for (; *t; t++) {
        fputc(*t, w->f);
        int end = *t == '\n' || (*t == '\r' && t[1] != '\n');
        if (end) {
            w->hash = 0;
            if (comment) fputs("# ", w->f), w->hash = 1;
        } else if (*t == '#')
            w->hash = 1;
        w->last = (unsigned char)*t;
    }
}

/* The script :save writes (malloc'd, newline-terminated); commented[fate]
 * gets how many statements of each fate became comments. */
static char *script_text(const coop_session *s, size_t *len, size_t commented[4])
{
    size_t nf;
    unsigned char *fate = statement_fates(s, &nf);
    char *text = NULL;
    writer w = {mem_stream(&text, len), '\n', 0};
    static const char *const why[] = {"", "no longer holds after the changes of a coop repl session",
                                      "no longer applies to the model of a coop repl session",
                                      "meets a division by zero in the model of a coop repl session"};
    for (size_t i = 0, j = 0; i < s->slots.n; i++) {
        const slot *sl = &s->slots.v[i];
        int f = session_is_stmt(sl->d) ? fate[j++] : ST_KEPT;
        /* a lead is blanks and comments, and ends its last comment's line:
         * the slot starts a line of its own unless the lead has no line end
         * and the last line may hold an open comment, or the slot was typed
         * (no text of its own before it) */
        int breaks = strpbrk(sl->lead, "\r\n") != NULL;
        if (w.last != '\n' && w.last != '\r' && !breaks && (w.hash || !*sl->lead)) emit(&w, "\n", 0);
        emit(&w, sl->lead, 0);
        if (f != ST_KEPT) {
            commented[f]++;
            if (w.last != '\n' && w.last != '\r') emit(&w, "\n", 0);
            fprintf(w.f, "# %s:\n# ", why[f]);
            w.hash = 1;
            emit(&w, sl->body, 1);
        } else
            emit(&w, sl->body, 0);
        emit(&w, sl->tail, 0);
    }
    if (w.last != '\n') emit(&w, "\n", 0);
    fclose(w.f);
    free(fate);
    return text;
}

coop_status coop_session_save(coop_session *s, const char *path, int overwrite, coop_diags *d)
{
    source where = {.name = path, .text = ""};
    coop_loc none = {0, 0, 0, 0};
    struct stat st, lst;
    int exists = stat(path, &st) == 0, linked = lstat(path, &lst) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        diag_at(d, &where, none, COOP_ERROR, "is a directory");
        return COOP_FAILED;
    }
    if (!overwrite && linked) {
        diag_at(d, &where, none, COOP_ERROR, "exists; write :save! %s to replace it", path);
        return COOP_FAILED;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        diag_at(d, &where, none, COOP_ERROR, "is not a regular file");
        return COOP_FAILED;
    }
    if (linked && !exists) {
        diag_at(d, &where, none, COOP_ERROR, "is a link to nothing");
        return COOP_FAILED;
    }
    size_t len, commented[4] = {0, 0, 0, 0};
    char *text = script_text(s, &len, commented);
    /* what is written must load: check before writing */
    coop_script *check = coop_load(path, text, len, d);
    if (!check) {
        free(text);
        return COOP_FAILED;
    }
    coop_script_free(check);
    /* a link is written through: its target gets the script */
    char *real = exists ? realpath(path, NULL) : NULL;
    const char *target = real ? real : path;
    char *tmp = mem_alloc(strlen(target) + 16);
    sprintf(tmp, "%s.tmp.XXXXXX", target);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    int ok = f != NULL;
    if (ok) {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, exists ? st.st_mode & 07777 : 0666 & ~mask); /* a replaced file keeps its mode */
        ok = fwrite(text, 1, len, f) == len;
        ok = fflush(f) == 0 && ok;
        ok = fsync(fd) == 0 && ok;
        ok = fclose(f) == 0 && ok;
    } else if (fd >= 0)
        close(fd);
    if (ok && rename(tmp, target) != 0) ok = 0;
    if (!ok) {
        diag_at(d, &where, none, COOP_ERROR, "cannot write: %s", strerror(errno));
        if (fd >= 0) unlink(tmp);
    }
    free(tmp);
    free(real);
    free(text);
    if (ok && s->opt.out) {
        fprintf(s->opt.out, "saved %s", path);
        const char *sep = " (commented out: ";
        if (commented[ST_FAILS]) {
            fprintf(s->opt.out, "%s%zu expectation%s that no longer hold%s", sep, commented[ST_FAILS],
                    commented[ST_FAILS] == 1 ? "" : "s", commented[ST_FAILS] == 1 ? "s" : "");
            sep = ", ";
        }
        if (commented[ST_GONE]) {
            fprintf(s->opt.out, "%s%zu statement%s that no longer appl%s", sep, commented[ST_GONE],
                    commented[ST_GONE] == 1 ? "" : "s", commented[ST_GONE] == 1 ? "ies" : "y");
            sep = ", ";
        }
        if (commented[ST_ERROR]) {
            fprintf(s->opt.out, "%s%zu statement%s that divide%s by zero", sep, commented[ST_ERROR],
                    commented[ST_ERROR] == 1 ? "" : "s", commented[ST_ERROR] == 1 ? "s" : "");
            sep = ", ";
        }
        if (*sep == ',') fputc(')', s->opt.out);
        fputc('\n', s->opt.out);
    }
    return ok ? COOP_DONE : COOP_FAILED;
}
