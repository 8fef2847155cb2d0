/*
 * save.c - `:save`: the session's model written as a script coop run
 * accepts.  The slots' texts are written in order, comments kept; every
 * kept change is made in the text, in place (an actor's or a bid's value
 * rewritten where it is written, a relation value's declaration replaced
 * or added; case data a change changed written out as declarations, other
 * case data's paths made to read from the saved script's directory);
 * the files' statements that no longer hold or apply become comments.
 * The text is loaded before it is written, and written atomically.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decl.h"
#include "file.h"
#include "fmt.h"
#include "report.h"
#include "json.h"
#include "run.h"
#include "session.h"

/* ---- kept changes into the text ---- */

/* The text of slot sl with value v, an expression of its declaration,
 * written `value` instead; with `columns`, what follows it after two
 * blanks or more (a parameter's label) keeps its column as a comment
 * does. */
static char *value_replaced(arena *a, const slot *sl, const expr *v, const char *value, int columns)
{
    const char *b = sl->body;
    size_t b0 = session_offset(sl->g, sl->d->loc.line, sl->d->loc.col);
    size_t v0 = session_offset(sl->g, v->loc.line, v->loc.col) - b0, v1 = session_offset(sl->g, v->loc.end_line, v->loc.end_col) - b0;
    /* a comment after the value on its line keeps its column: the blanks
     * before it take up the difference, leaving at least one */
    size_t old = v1 - v0, now = strlen(value), sp = 0;
    while (b[v1 + sp] == ' ') sp++;
    int pad = 0, cut = 0;
    if (sp > 0 && (b[v1 + sp] == '#' || (columns && sp >= 2 && b[v1 + sp] != '\n' && b[v1 + sp] != '\r'))) {
        if (now < old) pad = (int)(old - now);
        else cut = (int)(now - old < sp - 1 ? now - old : sp - 1);
    }
    return arena_printf(a, "%.*s%s%*s%s", (int)v0, b, value, pad, "", b + v1 + cut);
}

/* The text of an actor's or a bid's slot with attribute (or field) `attr`
 * set to `value`: the value's text replaced where it is written, else
 * added before the '}'; of a parameter's, its value replaced. */
static char *actor_with(arena *a, const slot *sl, const char *attr, const char *value)
{
    const decl *d = sl->d;
    const char *b = sl->body;
    size_t n = strlen(b);
    if (d->k == D_PARAM) return value_replaced(a, sl, d->u.param.value, value, 1);
    const attrdef *vals;
    for (int j = session_values(d, &vals) - 1; j >= 0; j--)
        if (strcmp(vals[j].n.s, attr) == 0) return value_replaced(a, sl, vals[j].value, value, 0);
    size_t close = n - 1, ls = close; /* the body ends with its '}' */
    while (ls > 0 && (b[ls - 1] == ' ' || b[ls - 1] == '\t')) ls--;
    if (ls > 0 && (b[ls - 1] == '\n' || b[ls - 1] == '\r')) /* the '}' on a line of its own */
        return arena_printf(a, "%.*s  %s = %s\n%s", (int)ls, b, attr, value, b + ls);
    const char *sep = close > 0 && b[close - 1] != ' ' && b[close - 1] != '\t' ? " " : "";
    return arena_printf(a, "%.*s%s%s = %s }", (int)close, b, sep, attr, value);
}

/* The sources the rendering parses (rewritten actors): freed after. */
typedef VEC(seg *) segvec;

/* Actor (or bid) slot *sl with attribute attr set to value: its text
 * rewritten and parsed again (its locations are then its own source's). */
static void rewrite_actor(slot *sl, const char *attr, const char *value, segvec *tmp)
{
    seg *g = mem_calloc(1, sizeof *g);
    arena_init(&g->mem);
    char *text = actor_with(&g->mem, sl, attr, value);
    g->src.name = "save";
    g->src.text = text;
    g->src.len = strlen(text);
    vec_push(*tmp, g);
    coop_diags *none = coop_diags_new(); /* a value written as coop writes it parses */
    if (parse_source(&g->src, &g->mem, none, &g->prog) == 0 && g->prog.n == 1) {
        sl->d = g->prog.v[0];
        sl->g = g;
        sl->body = text;
    }
    coop_diags_free(none);
}

/* ---- case data ---- */

/* Does actor ac's declaration (its record) give attribute at? */
static int has_own(const model *m, int ac, int at)
{
    for (int j = 0; j < m->actors[ac].nattrs; j++)
        if (m->actor_attrs[m->actors[ac].attrs + j] == at) return 1;
    return 0;
}

/* Data declaration d's records as declarations, with the values they
 * have in the session's world (kept changes changed some): what :save
 * writes in its place, which then reads no file. */
static char *data_written(const coop_session *s, arena *a, const slot *sl)
{
    const model *m = &s->cur->m;
    const coop_world *w = s->world;
    const data_def *x = sl->d->u.data;
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    fprintf(f, "# %s: its records written out, as a coop repl session changed some of them\n# (was: %s)\n", x->file,
            sl->body);
    for (int i = 0; i < x->nrows; i++) {
        const decl *row = x->rows[i];
        if (x->actors) {
            int ac = names_get(&m->actor_idx, row->n.s);
            if (ac < 0) continue;
            fprintf(f, "actor %s : %s", row->n.s, m->kinds[m->actors[ac].kind].name);
            if (m->actors[ac].label) {
                fputc(' ', f);
                ast_print_str(f, m->actors[ac].label);
            }
            fputs(" {", f);
            /* in the file's order, then those a set gave where its cell was empty */
            int na = m->actors[ac].nattrs;
            for (int j = 0; j < na + m->nactor_attrs; j++) {
                int at = j < na ? m->actor_attrs[m->actors[ac].attrs + j] : j - na;
                if (!w->has[at][ac] || (j >= na && has_own(m, ac, at))) continue;
                value_result v = {m->attrs[at].type, m->attrs[at].type == T_SET ? 0 : w->num[at][ac], -1, 0, 0,
                                  m->attrs[at].type == T_SET ? world_set_of(w, at, ac) : NULL, w->setwords};
                fprintf(f, " %s = ", m->attrs[at].name);
                report_value_text(f, m, w, &v);
            }
            fputs(" }\n", f);
            continue;
        }
        int rel = names_get(&m->callables, row->n.s), act[COOP_MAX_PARAMS], ok = rel >= 0;
        for (int j = 0; ok && j < row->u.relset.n; j++) ok = (act[j] = names_get(&m->actor_idx, row->u.relset.args[j].s)) >= 0;
        double v;
        if (!ok || !world_rel_get(w, rel, act, &v)) continue; /* back to the default */
        fprintf(f, "%s(", row->n.s);
        for (int j = 0; j < row->u.relset.n; j++) fprintf(f, "%s%s", j ? ", " : "", row->u.relset.args[j].s);
        char buf[64];
        if (m->rels[rel].type == T_BOOL) snprintf(buf, sizeof buf, "%s", v != 0 ? "true" : "false");
        else fmt_num(buf, sizeof buf, v);
        fprintf(f, ") = %s\n", buf);
    }
    fclose(f);
    size_t n = len;
    while (n > 0 && t[n - 1] == '\n') n--; /* the slot's tail ends its line */
    char *out = arena_strndup(a, t, n);
    free(t);
    return out;
}

/* The path of `file` from directory `dir` (both absolute, neither ending
 * in '/' unless the root): up from dir to where they part ("../"), then
 * down to file.  In a. */
static const char *path_from(arena *a, const char *dir, const char *file)
{
    size_t n = strlen(dir);
    if (strcmp(dir, "/") == 0) return file + 1;
    if (strncmp(file, dir, n) == 0 && file[n] == '/') return file + n + 1;
    size_t common = 0; /* where the directories both are in end: at a '/' (0: the root) */
    for (size_t i = 1; i <= n; i++)
        if ((dir[i] == '/' || !dir[i]) && strncmp(dir, file, i) == 0 && file[i] == '/') common = i;
    const char *up = "";
    for (size_t i = common; i < n; i++)
        if (dir[i] == '/') up = arena_printf(a, "%s../", up);
    return arena_printf(a, "%s%s", up, file + common + 1);
}

/* Path p made absolute (from the working directory) and plain, its "."
 * and "name/.." taken out as written, links not followed (a directory
 * reached through one is named as it was); in a.  NULL when the working
 * directory cannot be told. */
static const char *absolute(arena *a, const char *p)
{
    char cwd[4096];
    if (p[0] != '/' && !getcwd(cwd, sizeof cwd)) return NULL;
    const char *full = p[0] == '/' ? p : arena_printf(a, "%s/%s", cwd, p);
    char *out = arena_alloc(a, strlen(full) + 2);
    size_t n = 0;
    for (const char *q = full; *q;) {
        while (*q == '/') q++;
        size_t k = strcspn(q, "/");
        if (k == 0 || (k == 1 && q[0] == '.')) {
        } else if (k == 2 && q[0] == '.' && q[1] == '.') {
            while (n > 0 && out[--n] != '/') {}
        } else {
            out[n++] = '/';
            memcpy(out + n, q, k);
            n += k;
        }
        q += k;
    }
    if (n == 0) out[n++] = '/';
    out[n] = 0;
    return out;
}

/* The text of data slot sl as written to `path`: its file's path as the
 * saved script reads it, from its own directory (as written when that is
 * it, or the path is absolute). */
static const char *data_moved(arena *a, const slot *sl, const char *path)
{
    const data_def *x = sl->d->u.data;
    char *to = file_beside(path, ".");
    const char *dir = absolute(a, to), *file = absolute(a, x->file);
    free(to);
    if (x->path[0] == '/' || !dir || !file) return sl->body;
    const char *rel = path_from(a, dir, file);
    if (strcmp(rel, x->path) == 0) return sl->body;
    size_t b0 = session_offset(sl->g, sl->d->loc.line, sl->d->loc.col);
    size_t p0 = session_offset(sl->g, x->path_loc.line, x->path_loc.col) - b0;
    size_t p1 = session_offset(sl->g, x->path_loc.end_line, x->path_loc.end_col) - b0;
    char *lit = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&lit, &len);
    ast_print_str(f, rel);
    fclose(f);
    const char *body = arena_printf(a, "%.*s%s%s", (int)p0, sl->body, lit, sl->body + p1);
    free(lit);
    return body;
}

/* ---- the slots ---- */

/* The session's slots, written to `path`, with every kept change made in
 * their text; case data a change changed written out, other case data's
 * paths read from path's directory. */
static void render(const coop_session *s, slots *sl, segvec *tmp, arena *a, const char *path)
{
    for (size_t i = 0; i < s->slots.n; i++) vec_push(*sl, s->slots.v[i]);
    VEC(const decl *) changed = {0}; /* data declarations whose records kept changes changed */
    size_t inserted = 0;
    for (size_t i = 0; i < s->kept.n; i++) {
        const kept *k = &s->kept.v[i];
        const char *eq = strstr(k->text, " = "), *value = eq + 3;
        int j = session_find_slot(sl, k->key), dj = j < 0 ? session_data_slot(sl, k, NULL) : -1;
        if (dj >= 0) {
            vec_push(changed, sl->v[dj].d);
            continue;
        }
        if (strncmp(k->key, "value ", 6) != 0) { /* "X.attr = value", "bid(T, X).field = value", "w = value" */
            if (j < 0) continue;
            const char *dot = k->key[0] == 'b' ? strstr(k->text, ").") + 1 /* "bid T by X" */
                            : k->key[0] == 'p' ? k->text - 1 : strchr(k->text, '.'); /* "param w": no attribute */
            char *attr = mem_strndup(dot + 1, (size_t)(eq - dot - 1));
            rewrite_actor(&sl->v[j], attr, value, tmp);
            free(attr);
            continue;
        }
        /* a relation's value: its declaration, made anew where it was or
         * at the point the set was made */
        if (j >= 0) {
            sl->v[j].body = k->text;
            continue;
        }
        slot ns = {0};
        ns.held = -1;
        ns.d = NULL;
        ns.key = k->key;
        ns.lead = "\n# set in a coop repl session\n"; /* a line of its own */
        ns.body = k->text;
        ns.tail = "";
        size_t at = k->after + inserted < sl->n ? k->after + inserted : sl->n;
        vec_push(*sl, ns);
        memmove(sl->v + at + 1, sl->v + at, (sl->n - 1 - at) * sizeof *sl->v);
        sl->v[at] = ns;
        inserted++;
    }
    for (size_t i = 0; i < sl->n; i++) {
        slot *t = &sl->v[i];
        if (!t->d || t->d->k != D_DATA) continue;
        size_t c = 0;
        while (c < changed.n && changed.v[c] != t->d) c++;
        t->body = c < changed.n ? data_written(s, a, t) : data_moved(a, t, path);
    }
    vec_free(changed);
}

/* ---- the files' statements ---- */

enum { ST_KEPT, ST_FAILS, ST_GONE, ST_ERROR }; /* a file's statement, when saved */

static void collect(void *ctx, const coop_expect_result *r)
{
    int *passed = ctx;
    *passed = r->passed;
}

/* What becomes of a statement when the model is saved: kept, an
 * expectation the changes made false, a statement the changes left without
 * meaning (a factor or actor it names is gone), or one that meets a
 * runtime error (a division by zero, an aggregate over nothing).  All but the first are written as comments, so the
 * script runs clean; an expectation that did not hold when its file was
 * read is kept as it is, failing as it did.  Each runs alone, as coop run
 * would; output unread. */
static int fate_of(coop_session *s, const slot *sl, FILE *sink)
{
    decl *d = sl->d;
    coop_diags *scratch = coop_diags_new(); /* the user asked to save, not to see these */
    arena a;
    arena_init(&a);
    int fate = ST_GONE;
    stmt *st = session_resolve(s, s->cur, s->world, &a, &d, 1, NULL, 0, scratch);
    if (st) {
        int passed = 1;
        coop_options o = {0};
        o.out = sink;
        o.seed = s->opt.seed;
        o.on_expect = collect;
        o.ctx = &passed;
        source j = session_joined(s);
        run_env env = {&s->cur->m, s->world, &j, 0, &s->tl, s->built, whatif_journal(&s->cur->m)};
        int rc = run_statements(&env, st, 1, &o, scratch);
        fate = rc < 0 ? ST_ERROR : !passed && sl->held != 0 ? ST_FAILS : ST_KEPT;
    }
    arena_free(&a);
    coop_diags_free(scratch);
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

/* The script :save writes to path (malloc'd, newline-terminated);
 * commented[fate] gets how many statements of each fate became comments. */
static char *script_text(coop_session *s, const char *path, size_t *len, size_t commented[4])
{
    slots sl = {0};
    segvec tmp = {0};
    arena a;
    arena_init(&a);
    render(s, &sl, &tmp, &a, path);
    FILE *sink = fopen("/dev/null", "w");
    char *text = NULL;
    writer w = {mem_stream(&text, len), '\n', 0};
    static const char *const why[] = {"", "no longer holds after the changes of a coop repl session",
                                      "no longer applies to the model of a coop repl session",
                                      "meets a runtime error in the model of a coop repl session"};
    for (size_t i = 0; i < sl.n; i++) {
        const slot *t = &sl.v[i];
        int f = t->d && decl_is_stmt(t->d) ? fate_of(s, t, sink) : ST_KEPT;
        /* a lead is blanks and comments, and ends its last comment's line:
         * the slot starts a line of its own unless the lead has no line end
         * and the last line may hold an open comment, or the slot was typed
         * (no text of its own before it) */
        int breaks = strpbrk(t->lead, "\r\n") != NULL;
        if (w.last != '\n' && w.last != '\r' && !breaks && (w.hash || !*t->lead)) emit(&w, "\n", 0);
        emit(&w, t->lead, 0);
        if (f != ST_KEPT) {
            commented[f]++;
            if (w.last != '\n' && w.last != '\r') emit(&w, "\n", 0);
            fprintf(w.f, "# %s:\n# ", why[f]);
            w.hash = 1;
            emit(&w, t->body, 1);
        } else
            emit(&w, t->body, 0);
        emit(&w, t->tail, 0);
    }
    if (w.last != '\n') emit(&w, "\n", 0);
    fclose(w.f);
    if (sink) fclose(sink);
    for (size_t i = 0; i < tmp.n; i++) {
        arena_free(&tmp.v[i]->mem);
        free(tmp.v[i]);
    }
    vec_free(tmp);
    vec_free(sl);
    arena_free(&a);
    return text;
}

/* "saved FILE (commented out: ...)". */
static void say_saved(const coop_session *s, const char *path, const size_t commented[4])
{
    FILE *out = s->opt.out;
    if (!out) return;
    if (s->opt.format == COOP_FORMAT_JSON) {
        json j;
        json_init(&j, out);
        json_typed(&j, "saved");
        json_kstr(&j, "file", path);
        json_kint(&j, "failing", (long long)commented[ST_FAILS]);
        json_kint(&j, "gone", (long long)commented[ST_GONE]);
        json_kint(&j, "dividing", (long long)commented[ST_ERROR]);
        json_end_obj(&j);
        return;
    }
    fprintf(out, "saved %s", path);
    const char *sep = " (commented out: ";
    if (commented[ST_FAILS]) {
        fprintf(out, "%s%zu expectation%s that no longer hold%s", sep, commented[ST_FAILS],
                commented[ST_FAILS] == 1 ? "" : "s", commented[ST_FAILS] == 1 ? "s" : "");
        sep = ", ";
    }
    if (commented[ST_GONE]) {
        fprintf(out, "%s%zu statement%s that no longer appl%s", sep, commented[ST_GONE],
                commented[ST_GONE] == 1 ? "" : "s", commented[ST_GONE] == 1 ? "ies" : "y");
        sep = ", ";
    }
    if (commented[ST_ERROR]) {
        fprintf(out, "%s%zu statement%s that meet%s a runtime error", sep, commented[ST_ERROR],
                commented[ST_ERROR] == 1 ? "" : "s", commented[ST_ERROR] == 1 ? "s" : "");
        sep = ", ";
    }
    if (*sep == ',') fputc(')', out);
    fputc('\n', out);
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
    char *text = script_text(s, path, &len, commented);
    /* what is written must load: check before writing */
    coop_script *check = coop_load(path, text, len, d);
    if (!check) {
        free(text);
        return COOP_FAILED;
    }
    coop_script_free(check);
    int ok = file_replace(path, exists ? &st : NULL, text, len, d) == 0;
    free(text);
    if (ok) say_saved(s, path, commented);
    return ok ? COOP_DONE : COOP_FAILED;
}
