/* data.c - case data from CSV: a data declaration's file read into rows. */
#include "data.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "file.h"
#include "fmt.h"
#include "slip.h"
#include "suggest.h"
#include "utf8.h"
#include "words.h"

/* ---- names ---- */

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return c == '_' || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

int data_is_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || is_digit((unsigned char)s[0])) return 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        unsigned cp;
        int k = c < 0x80 ? (is_alpha(c) || is_digit(c)) : utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!k) return 0;
        i += (size_t)k;
    }
    return slip_char_find(s, n) == n && !words_keyword(s, n);
}

/* A name like s, into buf[n]: what no name holds made '_' (once between
 * two parts), ASCII letters in lower case, '_' before a leading digit and
 * after a keyword; "" when that is still no name. */
static const char *name_like(const char *s, char *buf, size_t n)
{
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && k + 3 < n; p++) {
        int c = *p;
        if (c >= 0x80 || is_digit(c) || is_alpha(c)) {
            if (k == 0 && is_digit(c)) buf[k++] = '_';
            buf[k++] = (char)(c < 0x80 && c != '_' && !is_digit(c) ? c | 0x20 : c);
        } else if (k > 0 && buf[k - 1] != '_')
            buf[k++] = '_';
    }
    while (k > 0 && buf[k - 1] == '_') k--;
    buf[k] = 0;
    if (k && words_keyword(buf, k) && k + 1 < n) strcpy(buf + k, "_");
    if (!data_is_name(buf)) buf[0] = 0;
    return buf;
}

/* ---- cells ---- */

/* What a cell holds, as its text reads; the classes a column's cells are
 * counted in (numbers and true/false are one). */
enum { CELL_EMPTY, CELL_NUM, CELL_BOOL, CELL_SET, CELL_TEXT };
enum { K_NUMERIC, K_SET, K_TEXT, NCLASS };
static const char *const class_names[NCLASS] = {"numbers", "sets", "text"};

static int class_of(int c) { return c == CELL_SET ? K_SET : c == CELL_TEXT ? K_TEXT : K_NUMERIC; }

/* The field's text without blanks (spaces, tabs) at either end, in place. */
static char *trimmed(csv_field *f)
{
    char *s = f->text, *e = s + f->len;
    while (s < e && (*s == ' ' || *s == '\t')) s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
    *e = 0;
    return s;
}

static int same_word(const char *a, const char *b) /* ASCII letters without case */
{
    for (; *a && *b; a++, b++)
        if ((*a | 0x20) != (*b | 0x20)) return 0;
    return *a == *b;
}

static int cell_kind(const char *t)
{
    size_t n = strlen(t);
    double v;
    const char *why;
    if (!n) return CELL_EMPTY;
    if (t[0] == '{' && t[n - 1] == '}') return CELL_SET;
    if (same_word(t, "true") || same_word(t, "false")) return CELL_BOOL;
    return coop_number_read(t, &v, &why) ? CELL_NUM : CELL_TEXT;
}

/* ---- reading one file ---- */

typedef VEC(csv_record) records;

/* One data declaration being read. */
typedef struct reading {
    const program *p;       /* the script's declarations */
    decl *d;
    data_def *x;
    const source *src;      /* the script's */
    csv_reader r;           /* the file's */
    char *colbad;           /* [column]: its name was said to be wrong: it is no attribute */
    arena *a;
    coop_diags *diags;
    records recs;           /* the records after the header, those with a field too many or too few among them */
    VEC(const char *) lost_actors, lost_attrs; /* data_def's, while read */
} reading;

/* Record rec is left out: the actor its name cell (field `at`, when it
 * has one) would have declared is lost, not unknown. */
static void lose_actor(reading *g, csv_record *rec, int at)
{
    if (!g->x->actors || at < 0 || at >= rec->n) return;
    const char *t = trimmed(&rec->f[at]);
    if (data_is_name(t)) vec_push(g->lost_actors, t);
}

/* Where bytes [off, off + n) of field f's text are, when that can be told
 * (one line, no quote written twice); else the field's place. */
static coop_loc sub_loc(const csv_field *f, size_t off, size_t n)
{
    if (f->loc.line != f->loc.end_line || (f->quoted && memchr(f->text, '"', f->len))) return f->loc;
    coop_loc l = f->loc;
    l.col += f->quoted;
    for (size_t i = 0; i < off; i++) l.col += ((unsigned char)f->text[i] & 0xC0) != 0x80;
    l.end_col = l.col;
    for (size_t i = off; i < off + n; i++) l.end_col += ((unsigned char)f->text[i] & 0xC0) != 0x80;
    if (l.end_col == l.col) l.end_col++;
    return l;
}

/* The header: each column's name, said when empty or given twice (that
 * column is then read as no attribute: g->colbad).  0; 1 after saying so
 * (the records are still read, for what else is wrong with them); -1 for
 * a header that is itself a bad record. */
static int header(reading *g, const csv_record *h)
{
    data_def *x = g->x;
    if (h->bad) return -1;
    /* one column whose name holds ';' or a tab: another separator (a
     * spreadsheet's "CSV" in some locales), which would make every record
     * one cell */
    const char *sep = h->n == 1 ? strpbrk(trimmed(&h->f[0]), ";\t") : NULL;
    if (sep) {
        csv_error(&g->r, h->f[0].loc, "the header is one column holding '%s': %s separates its fields with %s, and "
                  "coop reads them separated by ','; save it as 'CSV (comma delimited)' or 'CSV UTF-8'", *sep == ';' ?
                  ";" : "a tab", x->file, *sep == ';' ? "';'" : "tabs");
        return -1;
    }
    int ok = 1;
    x->ncols = h->n;
    x->cols = arena_alloc(g->a, (size_t)h->n * sizeof *x->cols);
    g->colbad = arena_alloc(g->a, (size_t)h->n);
    for (int i = 0; i < h->n; i++) {
        x->cols[i].s = trimmed(&h->f[i]);
        x->cols[i].loc = h->f[i].loc;
        if (!*x->cols[i].s) {
            csv_error(&g->r, h->f[i].loc, "column %d has no name: the first record of %s names the columns", i + 1,
                      x->file);
            ok = 0;
            g->colbad[i] = 1;
            continue;
        }
        for (int j = 0; j < i && !g->colbad[i]; j++)
            if (strcmp(x->cols[j].s, x->cols[i].s) == 0) {
                csv_error(&g->r, h->f[i].loc, "column '%s' is named twice (columns %d and %d)", x->cols[i].s, j + 1,
                          i + 1);
                ok = 0;
                g->colbad[i] = 1;
            }
    }
    return ok ? 0 : 1;
}

/* The column `col` names (an option of the statement, in the script):
 * its index, or -1 after saying none does. */
static int column(reading *g, const name *col, const char *what)
{
    data_def *x = g->x;
    suggest sg;
    suggest_init(&sg, col->s, g->diags);
    for (int i = 0; i < x->ncols; i++) {
        if (strcmp(x->cols[i].s, col->s) == 0) return i;
        suggest_offer(&sg, x->cols[i].s, i);
    }
    diag_at(g->diags, g->src, col->loc, COOP_ERROR, "%s has no column '%s' for the %s%s", x->file, col->s, what,
            suggest_said(&sg));
    return -1;
}

/* The records after the header: those said to be bad are left out (their
 * actors lost), and so is a record of empty cells; one with a field too
 * many or too few is kept, to be said with the others' cells (ragged).
 * 0, or -1 when the file cannot be read to its end. */
static int body(reading *g)
{
    data_def *x = g->x;
    csv_record rec;
    int rc, n = 0;
    while ((rc = csv_next(&g->r, &rec)) > 0) {
        if (++n > COOP_MAX_CSV_ROWS) {
            csv_error(&g->r, rec.loc, "%s has more than %d records after its header; the limit is %d "
                      "(COOP_MAX_CSV_ROWS)", x->file, COOP_MAX_CSV_ROWS, COOP_MAX_CSV_ROWS);
            return -1;
        }
        int blank = 1;
        for (int i = 0; i < rec.n; i++) blank &= !*trimmed(&rec.f[i]);
        if (blank && !rec.bad) continue;
        csv_field *f = arena_alloc(g->a, (size_t)rec.n * sizeof *f);
        memcpy(f, rec.f, (size_t)rec.n * sizeof *f);
        rec.f = f;
        if (rec.bad) lose_actor(g, &rec, x->name_at);
        else vec_push(g->recs, rec);
    }
    return rc < 0 || g->r.capped ? -1 : 0;
}

/* Would text t stand in column c: a name in the name column (and in a
 * relation's actors' columns), a number or true/false in the value's, a
 * cell of the column's class cls[c] (or any, in a column of text)?  An
 * empty cell stands anywhere. */
static int fits(const reading *g, int c, const char *t, const int *cls)
{
    const data_def *x = g->x;
    int k = cell_kind(t);
    if (k == CELL_EMPTY) return 1;
    if (!x->actors) return c < x->ncols - 1 ? data_is_name(t) : class_of(k) == K_NUMERIC;
    if (c == x->name_at) return data_is_name(t);
    return cls[c] == K_TEXT || class_of(k) == cls[c];
}

/* Is column c of numbers (cls[c]; a relation's value)? */
static int numeric(const reading *g, int c, const int *cls)
{
    const data_def *x = g->x;
    return x->actors ? c != x->name_at && c != x->label_at && cls[c] == K_NUMERIC : c == x->ncols - 1;
}

/* Fields [i, i + k] of rec joined by their commas, as written, and trimmed,
 * into buf[n]. */
static char *joined(const csv_record *rec, int i, int k, char *buf, size_t n)
{
    size_t len = 0;
    for (int j = i; j <= i + k && len < n; j++)
        len += (size_t)snprintf(buf + len, n - len, "%s%s", j > i ? "," : "", rec->f[j].text);
    csv_field f = {buf, strlen(buf), {0, 0, 0, 0}, 0};
    return trimmed(&f);
}

/* A record of more fields than the header (columns of classes cls): where
 * the comma that is too many most likely is, the first whose removal (with
 * the others of its run, one a field too many) makes every cell stand in
 * its column: in a column of numbers, a number with a decimal comma (0,6);
 * in one of text, text whose parts after the first are text too ("Shanghai
 * Youth, Care", not "Youth,0.6": any text fits a column of text); else a
 * value of the column's class.  Its column, or -1; *slip gets the fix of
 * the number ("" otherwise), *cell the value it joins. */
static int comma_inside(const reading *g, const csv_record *rec, const int *cls, char *cell, size_t n, char *slip,
                        size_t ns)
{
    int nc = g->x->ncols, k = rec->n - nc;
    for (int i = 0; i < nc; i++) {
        int quoted = 0, text = 1;
        for (int j = i; j <= i + k; j++) quoted |= rec->f[j].quoted;
        for (int j = i + 1; j <= i + k; j++) text &= cell_kind(trimmed(&rec->f[j])) == CELL_TEXT;
        for (int j = i + 1; j <= i + k; j++) quoted |= !*trimmed(&rec->f[j]);
        if (quoted) continue; /* a quoted field's commas are its own; an empty part is no piece of a value */
        const char *t = joined(rec, i, k, cell, n);
        *slip = 0;
        int ok = numeric(g, i, cls) ? slip_number(t, slip, ns) != NULL
                 : fits(g, i, t, cls) && (text || (g->x->actors && i != g->x->name_at && cls[i] != K_TEXT));
        for (int c = 0; c < nc && ok; c++)
            if (c != i) ok = fits(g, c, trimmed(&rec->f[c < i ? c : c + k]), cls);
        if (ok) {
            memmove(cell, t, strlen(t) + 1);
            return i;
        }
    }
    return -1;
}

/* Says record rec, of more or fewer fields than the header, and loses its
 * actor: a short one where it ends, with the columns it lacks; a long one
 * at the comma most likely inside a value (comma_inside), at the first
 * comma past the header's when what is past it is empty, else at its
 * first field past the header's. */
static void ragged(reading *g, csv_record *rec, const int *cls)
{
    data_def *x = g->x;
    int nc = x->ncols, k = rec->n - nc, i = -1;
    char head[96], cell[4 * COOP_MAX_CSV_FIELD], slip[COOP_MAX_CSV_FIELD + 64];
    snprintf(head, sizeof head, "this record has %d field%s, and the header %d", rec->n, rec->n == 1 ? "" : "s", nc);
    if (k < 0) {
        char lacks[512] = "";
        size_t len = 0;
        for (int c = rec->n; c < nc && len < sizeof lacks; c++)
            len += (size_t)snprintf(lacks + len, sizeof lacks - len, "%s'%s'", c == rec->n ? "" : c == nc - 1 ?
                                    " and " : ", ", x->cols[c].s);
        coop_loc at = rec->loc;
        at.line = at.end_line, at.col = at.end_col, at.end_col++;
        csv_error(&g->r, at, "%s: it ends here, without column%s %s (a record has a cell for each column; an empty "
                  "one is written ',,')", head, k < -1 ? "s" : "", lacks);
        lose_actor(g, rec, x->name_at);
        return;
    }
    /* a comma inside a value that makes every cell fit its column is the
     * likelier slip than fields past the last column that are empty (an
     * empty last cell and a comma inside a label): tried first, on the
     * record, then without its trailing empty fields (`trail`) */
    int empty = 1, trail = 0;
    for (int c = nc; c < rec->n; c++) empty &= !*trimmed(&rec->f[c]);
    while (trail < k && !*trimmed(&rec->f[rec->n - 1 - trail])) trail++;
    i = comma_inside(g, rec, cls, cell, sizeof cell, slip, sizeof slip);
    if (i < 0 && trail && trail < k) {
        csv_record cut = *rec;
        cut.n -= trail;
        i = comma_inside(g, &cut, cls, cell, sizeof cell, slip, sizeof slip);
    } else
        trail = 0;
    char also[128] = "";
    if (i >= 0 && trail)
        snprintf(also, sizeof also, "; and past its last column %s: delete the ',' at its end",
                 trail > 1 ? "are empty fields" : "is an empty field");
    if (i >= 0) {
        coop_loc at = rec->f[i].loc; /* the comma after field i */
        at.line = at.end_line, at.col = at.end_col, at.end_col++;
        if (*slip)
            csv_error(&g->r, at, "%s: this comma likely belongs to column '%s', whose '%s' is a number: %s%s", head,
                      x->cols[i].s, cell, slip, also);
        else
            csv_error(&g->r, at, "%s: a comma inside a value must be quoted (\"a, b\"); this one is likely inside "
                      "column '%s' (\"%s\")%s", head, x->cols[i].s, cell, also);
    } else if (empty) {
        coop_loc at = rec->f[nc - 1].loc;
        at.line = at.end_line, at.col = at.end_col, at.end_col++;
        csv_error(&g->r, at, "%s: the field%s past its last column %s empty: delete the ',' from here, or name the "
                  "column%s in the header", head, k > 1 ? "s" : "", k > 1 ? "are" : "is", k > 1 ? "s" : "");
    } else
        csv_error(&g->r, rec->f[nc].loc, "%s: a comma inside a value must be quoted (\"a, b\"); the fields past "
                  "the header's start here", head);
    /* its name cell: where the header says, past a comma that is too many */
    lose_actor(g, rec, x->name_at < 0 || x->name_at < (i < 0 ? nc : i) ? x->name_at : x->name_at > i ? x->name_at + k : -1);
}

/* A set cell "{a; b}" of f (its trimmed text t) as a set literal, each
 * member a name at its place; NULL after saying what is wrong. */
static expr *set_cell(reading *g, csv_field *f, char *t)
{
    expr *e = ast_expr(g->a, X_SET, f->loc);
    size_t n = strlen(t);
    t[n - 1] = 0; /* the '}' */
    alist v = {0};
    char *p = t + 1;
    int ok = 1, empty = !*(p + strspn(p, " \t"));
    while (!empty) {
        size_t len = strcspn(p, ";,");
        char sep = p[len], *s = p, *end = p + len;
        while (s < end && (*s == ' ' || *s == '\t')) s++;
        while (end > s && (end[-1] == ' ' || end[-1] == '\t')) end--;
        *end = 0;
        coop_loc at = sub_loc(f, (size_t)(s - f->text), (size_t)(end - s));
        char like[COOP_MAX_CSV_FIELD + 8];
        if (!*s) {
            csv_error(&g->r, at, "a set with an empty member: a set is its members' names separated by ';', "
                      "like {elderly; health}");
            ok = 0;
        } else if (!data_is_name(s)) {
            name_like(s, like, sizeof like);
            csv_error(&g->r, at, "'%s' is no name, and a set's members are names%s%s%s", s,
                      *like ? ": write it as one, like '" : "", like, *like ? "'" : "");
            ok = 0;
        } else {
            name *m = arena_alloc(g->a, sizeof *m);
            m->s = s;
            m->loc = at;
            alist_push(g->a, &v, m);
        }
        if (!sep) break;
        p += len + 1;
    }
    if (!ok) return NULL;
    e->u.set.n = v.n;
    e->u.set.v = arena_alloc(g->a, ((size_t)v.n + 1) * sizeof *e->u.set.v);
    for (int i = 0; i < v.n; i++) e->u.set.v[i] = *(name *)v.v[i];
    return e;
}

/* Says that f (trimmed text t, of kind k) is not of its column's class
 * cls (counts[] of its cells each). */
static void wrong_class(reading *g, const csv_field *f, const char *t, int k, int cls, const name *col,
                        const int *counts)
{
    int all = counts[K_NUMERIC] + counts[K_SET] + counts[K_TEXT];
    const char *what = k == CELL_SET ? "a set" : k == CELL_TEXT ? "text" : k == CELL_BOOL ? "true/false" : "a number";
    char hint[COOP_MAX_CSV_FIELD + 160];
    if (cls == K_SET && data_is_name(t))
        snprintf(hint, sizeof hint, "a set is written in braces: {%s}", t);
    else if (cls == K_SET)
        snprintf(hint, sizeof hint, "a set is written {a; b}, one of one member {a}");
    else if (k == CELL_TEXT && slip_bool(t))
        snprintf(hint, sizeof hint, "true/false is written true or false: write %s", slip_bool(t));
    else if (k == CELL_TEXT && slip_number(t, hint, sizeof hint))
        ; /* 0,6 .5 1,500 */
    else
        snprintf(hint, sizeof hint, "a number is written 0.4, 40%% or -2.5e3; true/false as true or false");
    csv_error(&g->r, f->loc, "column '%s' holds %s (%d of its %d cells), but this cell is %s%s%s%s: %s; leave a cell "
              "empty for no value", col->s, class_names[cls], counts[cls], all, what, k == CELL_TEXT ? " '" : "",
              k == CELL_TEXT ? t : "", k == CELL_TEXT ? "'" : "", hint);
}

/* The value of cell f (trimmed text t, of kind k), of a column of class
 * cls: a literal at the cell's place, or NULL after saying why not. */
static expr *cell_value(reading *g, csv_field *f, char *t, int k, int cls)
{
    if (cls == K_TEXT) {
        expr *e = ast_expr(g->a, X_STR, f->loc);
        e->u.str = t;
        return e;
    }
    if (k == CELL_SET) return set_cell(g, f, t);
    expr *e = ast_expr(g->a, k == CELL_BOOL ? X_BOOL : X_NUM, f->loc);
    const char *why = NULL;
    if (k == CELL_BOOL) e->u.num = same_word(t, "true");
    else if (coop_number_read(t, &e->u.num, &why) < 0) {
        csv_error(&g->r, f->loc, "the number %s is %s", t, why);
        return NULL;
    }
    return e;
}

/* Counts each column's cells by class, and decides the class of each:
 * the one most of its cells have (on a tie, its first cell's); the name
 * and label columns are text. */
static void column_classes(reading *g, int *cls, int (*counts)[NCLASS])
{
    data_def *x = g->x;
    int *first = mem_alloc((size_t)x->ncols * sizeof *first);
    for (int c = 0; c < x->ncols; c++) first[c] = -1;
    for (size_t i = 0; i < g->recs.n; i++)
        for (int c = 0; c < x->ncols && g->recs.v[i].n == x->ncols; c++) { /* (a ragged record's cells: no column's) */
            int k = cell_kind(trimmed(&g->recs.v[i].f[c]));
            if (k == CELL_EMPTY) continue;
            counts[c][class_of(k)]++;
            if (first[c] < 0) first[c] = class_of(k);
        }
    for (int c = 0; c < x->ncols; c++) {
        int best = first[c] < 0 ? K_TEXT : first[c];
        for (int k = 0; k < NCLASS; k++)
            if (counts[c][k] > counts[c][best]) best = k;
        cls[c] = c == x->name_at || c == x->label_at ? K_TEXT : best;
    }
    free(first);
}

/* A column of shares typed as whole numbers (docs/language.md, "Case
 * data"): in a number column of an attribute with no declared range, whose
 * cells all lie in 0 .. 1 (or are written as percentages) but for a few
 * whole numbers from 2 to 100 (45 typed for 45% or 0.45), fewer than the
 * others and at least COOP_CSV_SHARE_CELLS others, those few are likely
 * shares: said once a column, with their count, at the first of them. */
typedef struct share_slip {
    int first;   /* the record of the first such cell, or -1: none */
    int n, others, pct; /* such cells; the others; the others all written as percentages */
} share_slip;

static int whole_share(double v, const char *t)
{
    return t[strlen(t) - 1] != '%' && v == floor(v) && v >= 2 && v <= 100;
}

/* Is a range declared for attribute an (`attribute an : KIND range`)? */
static int has_range(const reading *g, const char *an)
{
    for (int i = 0; g->p && i < g->p->n; i++)
        if (g->p->v[i]->k == D_ATTRIBUTE && strcmp(g->p->v[i]->n.s, an) == 0) return 1;
    return 0;
}

static void share_slips(reading *g, const int *cls, share_slip *s)
{
    data_def *x = g->x;
    for (int c = 0; c < x->ncols; c++) {
        s[c] = (share_slip){-1, 0, 0, 1};
        if (cls[c] != K_NUMERIC || c == x->name_at || c == x->label_at || g->colbad[c] || has_range(g, x->cols[c].s))
            continue;
        int other = 0; /* a cell neither a share nor a whole number 2 .. 100: no rule */
        for (size_t i = 0; i < g->recs.n && !other; i++) {
            if (g->recs.v[i].n != x->ncols) continue;
            const char *t = trimmed(&g->recs.v[i].f[c]), *why;
            double v;
            int k = cell_kind(t);
            if (k == CELL_EMPTY) continue;
            if (k != CELL_NUM || coop_number_read(t, &v, &why) <= 0) other = 1;
            else if (whole_share(v, t)) {
                if (!s[c].n++) s[c].first = (int)i;
            } else if ((v >= 0 && v <= 1) || t[strlen(t) - 1] == '%') {
                s[c].others++;
                s[c].pct &= t[strlen(t) - 1] == '%';
            } else
                other = 1;
        }
        if (other || s[c].others < COOP_CSV_SHARE_CELLS || s[c].n >= s[c].others) s[c].first = -1;
    }
}

/* Says column c's shares typed as whole numbers (s), at the first. */
static void say_share_slip(reading *g, int c, const share_slip *s)
{
    data_def *x = g->x;
    const csv_record *rec = &g->recs.v[s->first];
    const char *t = trimmed(&rec->f[c]), *who = x->name_at >= 0 ? trimmed(&rec->f[x->name_at]) : "this actor";
    char more[256] = "";
    size_t len = 0;
    if (s->n > 1) {
        len += (size_t)snprintf(more, sizeof more, " (and %d more cell%s of the column %s a whole number: ", s->n - 1,
                                s->n > 2 ? "s" : "", s->n > 2 ? "are" : "is");
        int said = 0;
        for (size_t i = (size_t)s->first + 1; i < g->recs.n && said < 3 && len < sizeof more; i++) {
            const csv_record *o = &g->recs.v[i];
            const char *ot = o->n == x->ncols ? trimmed(&o->f[c]) : "", *why;
            double v;
            if (!*ot || coop_number_read(ot, &v, &why) <= 0 || !whole_share(v, ot)) continue;
            len += (size_t)snprintf(more + len, sizeof more - len, "%s%s %s", said++ ? ", " : "",
                                    x->name_at >= 0 ? trimmed(&o->f[x->name_at]) : "", ot);
        }
        if (len < sizeof more) snprintf(more + len, sizeof more - len, "%s)", s->n - 1 > 3 ? ", ..." : "");
    }
    double v;
    const char *why;
    char fix[64];
    coop_number_read(t, &v, &why);
    if (s->pct) snprintf(fix, sizeof fix, "%s%%", t);
    else fmt_num(fix, sizeof fix, v / 100);
    diag_at(g->diags, g->r.src, rec->f[c].loc, COOP_WARNING, "%s.%s is %s%s, where the column's other %d cells lie in "
            "0 .. 1%s: write %s if %s; declare `attribute %s : %s range 0 .. 1` to make such a value an error",
            who, x->cols[c].s, t, more, s->others, s->pct ? " (written as percentages)" : "", fix,
            s->n > 1 ? "they are shares" : "it is one",
            x->cols[c].s, x->kind.s);
}

/* `data actors`: the name and label columns, and the other columns'
 * names, each an attribute's.  0; 1 after saying a column is no
 * attribute's name (its records can still be read); -1 when the name or
 * label column is not found. */
static int actor_columns(reading *g)
{
    data_def *x = g->x;
    int ok = 1;
    if (x->name_col && (x->name_at = column(g, x->name_col, "names")) < 0) return -1;
    if (!x->name_col) x->name_at = 0;
    if (x->label_col && (x->label_at = column(g, x->label_col, "labels")) < 0) return -1;
    if (x->label_at == x->name_at) {
        diag_at(g->diags, g->src, x->label_col->loc, COOP_ERROR, "column '%s' is the names; the labels are another "
                "column", x->label_col->s);
        return -1;
    }
    for (int c = 0; c < x->ncols; c++)
        if (c != x->name_at && c != x->label_at && !g->colbad[c] && !data_is_name(x->cols[c].s)) {
            char like[COOP_MAX_CSV_FIELD + 8];
            name_like(x->cols[c].s, like, sizeof like);
            csv_error(&g->r, x->cols[c].loc, "column '%s' is no attribute's name: a name is letters, digits and '_', "
                      "not starting with a digit, and no keyword%s%s%s", x->cols[c].s,
                      *like ? "; rename it in the header, like '" : "", like, *like ? "'" : "");
            if (*like) vec_push(g->lost_attrs, arena_strdup(g->a, like)); /* what a rule reading it likely calls it */
            g->colbad[c] = 1;
            ok = 0;
        }
    return ok ? 0 : 1;
}

/* `data actors`: a declaration of an actor a record. */
static int actor_rows(reading *g)
{
    data_def *x = g->x;
    int nc = x->ncols, ok = 1;
    int *cls = mem_alloc((size_t)nc * sizeof *cls), (*counts)[NCLASS] = mem_calloc((size_t)nc, sizeof *counts);
    column_classes(g, cls, counts);
    share_slip *slips = mem_alloc((size_t)nc * sizeof *slips);
    share_slips(g, cls, slips);
    x->rows = arena_alloc(g->a, (g->recs.n + 1) * sizeof *x->rows);
    for (size_t i = 0; i < g->recs.n && !g->r.capped; i++) {
        csv_record *rec = &g->recs.v[i];
        if (rec->n != nc) {
            ragged(g, rec, cls);
            ok = 0;
            continue;
        }
        for (int c = 0; c < nc; c++) /* in line order with the errors */
            if (slips[c].first == (int)i) say_share_slip(g, c, &slips[c]);
        decl *row = arena_alloc(g->a, sizeof *row);
        row->k = D_ACTOR;
        row->loc = rec->loc;
        row->from_data = g->d;
        row->u.actor.kind = x->kind;
        coop_loc *cells = arena_alloc(g->a, (size_t)nc * sizeof *cells);
        attrdef *attrs = arena_alloc(g->a, (size_t)nc * sizeof *attrs);
        int na = 0, good = 1;
        for (int c = 0; c < nc; c++) {
            csv_field *f = &rec->f[c];
            char *t = trimmed(f);
            int k = cell_kind(t);
            cells[c] = f->loc;
            if (c == x->name_at) {
                char like[COOP_MAX_CSV_FIELD + 8];
                row->n.s = t;
                row->n.loc = f->loc;
                if (!*t)
                    csv_error(&g->r, f->loc, "this record has no name: its column '%s' is empty", x->cols[c].s);
                else if (!data_is_name(t)) {
                    name_like(t, like, sizeof like);
                    csv_error(&g->r, f->loc, "'%s' is no actor's name: a name is letters, digits and '_', not starting "
                              "with a digit, and no keyword%s%s%s (a label column can keep '%s')", t,
                              *like ? "; write it as one, like '" : "", like, *like ? "'" : "", t);
                }
                good &= *t && data_is_name(t);
                continue;
            }
            if (c == x->label_at) {
                row->u.actor.label = *t ? t : NULL;
                continue;
            }
            if (k == CELL_EMPTY || g->colbad[c]) continue; /* the actor has no such attribute */
            if (cls[c] != K_TEXT && class_of(k) != cls[c]) {
                wrong_class(g, f, t, k, cls[c], &x->cols[c], counts[c]);
                good = 0;
                continue;
            }
            expr *v = cell_value(g, f, t, k, cls[c]);
            if (!v) {
                good = 0;
                continue;
            }
            attrs[na].n.s = x->cols[c].s;
            attrs[na].n.loc = f->loc;
            attrs[na++].value = v;
        }
        row->u.actor.attrs = attrs;
        row->u.actor.n = na;
        row->u.actor.cells = cells;
        if (good) x->rows[x->nrows++] = row;
        else lose_actor(g, rec, x->name_at);
        ok &= good;
    }
    free(cls);
    free(counts);
    free(slips);
    return ok && !g->r.capped ? 0 : -1;
}

/* `data R`: a declaration of a relation value a record: its actors, then
 * its value.  0; -1 after saying a record is wrong; -2 when none can be
 * read (a file of one column). */
static int value_rows(reading *g)
{
    data_def *x = g->x;
    int nc = x->ncols, ok = 1;
    if (nc < 2) {
        csv_error(&g->r, x->cols[0].loc, "%s has %d column; the values of relation '%s' are a record each: its "
                  "actors, then the value (trust(a, b) = 0.6 is a, b, 0.6)", x->file, nc, g->d->n.s);
        return -2; /* no record is read */
    }
    x->rows = arena_alloc(g->a, (g->recs.n + 1) * sizeof *x->rows);
    for (size_t i = 0; i < g->recs.n && !g->r.capped; i++) {
        csv_record *rec = &g->recs.v[i];
        if (rec->n != nc) {
            ragged(g, rec, NULL);
            ok = 0;
            continue;
        }
        decl *row = arena_alloc(g->a, sizeof *row);
        row->k = D_RELSET;
        row->loc = rec->loc;
        row->n = g->d->n;
        row->from_data = g->d;
        name *args = arena_alloc(g->a, (size_t)(nc - 1) * sizeof *args);
        int good = 1;
        for (int c = 0; c < nc - 1; c++) {
            args[c].s = trimmed(&rec->f[c]);
            args[c].loc = rec->f[c].loc;
            if (!*args[c].s) {
                csv_error(&g->r, rec->f[c].loc, "the actor of column '%s' is missing", x->cols[c].s);
                good = 0;
            }
        }
        csv_field *f = &rec->f[nc - 1];
        char *t = trimmed(f);
        int k = cell_kind(t);
        if (k == CELL_EMPTY || class_of(k) != K_NUMERIC) {
            if (good && k == CELL_EMPTY)
                csv_error(&g->r, f->loc, "no value: the value of relation '%s' is a number or true/false (leave the "
                          "record out for the relation's default)", g->d->n.s);
            else if (good)
                csv_error(&g->r, f->loc, "the value of relation '%s' is a number or true/false, not %s%s%s", g->d->n.s,
                          k == CELL_SET ? "a set" : "text '", k == CELL_SET ? "" : t, k == CELL_SET ? "" : "'");
            good = 0;
        }
        expr *v = good ? cell_value(g, f, t, k, K_NUMERIC) : NULL;
        row->u.relset.args = args;
        row->u.relset.n = nc - 1;
        row->u.relset.value = v;
        if (v) x->rows[x->nrows++] = row;
        ok &= v != NULL;
    }
    return ok && !g->r.capped ? 0 : -1;
}

/* Declaration d's file: read, joined to the line space, its records made
 * rows.  0; -1 after saying what is wrong with records, cells or columns
 * of a file read to its end (its good rows kept, and what the bad ones
 * would have declared: data_def's lost_); -2 after saying why it cannot be
 * read, or not to its end (no rows). */
static int read_one(const program *p, decl *d, const source *src, const data_io *io, coop_diags *diags)
{
    data_def *x = d->u.data;
    char *path = file_beside(io->from, x->path);
    x->file = arena_strdup(io->a, path);
    free(path);
    size_t len;
    int err;
    char *text = file_read(x->file, COOP_MAX_CSV_SIZE, 1, &len, &err);
    if (!text) {
        const char *rel = strcmp(x->file, x->path) ? " (a relative path is read from the script's directory)" : "";
        if (err == EFBIG)
            diag_at(diags, src, x->path_loc, COOP_ERROR, "'%s' is larger than %d bytes, the limit (COOP_MAX_CSV_SIZE)",
                    x->file, COOP_MAX_CSV_SIZE);
        else
            diag_at(diags, src, x->path_loc, COOP_ERROR, "cannot read '%s': %s%s", x->file,
                    err == EISDIR ? "it is a directory" : err == ENODEV ? "it is not a regular file" : strerror(abs(err)),
                    rel);
        return -2;
    }
    const char *t = text;
    if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) { /* a byte-order mark spreadsheets write */
        t += 3;
        len -= 3;
    }
    reading g = {0};
    g.p = p;
    g.d = d;
    g.x = x;
    g.src = src;
    g.a = io->a;
    g.diags = diags;
    csv_reader_init(&g.r, io->add(io->ctx, x->file, t, len), io->a, diags);
    free(text);
    csv_record h;
    int rc = csv_next(&g.r, &h);
    if (rc == 0 && !g.r.capped)
        diag_at(diags, src, x->path_loc, COOP_ERROR, "'%s' is empty: its first record names the columns", x->file);
    /* the records read before one that ends the file (a quote never
     * closed) are checked too: each bad cell is said */
    int head = rc > 0 ? header(&g, &h) : -1, cols = head < 0 ? -1 : x->actors ? actor_columns(&g) : 0;
    int whole = cols >= 0 && body(&g) == 0;
    int rows = cols >= 0 ? (x->actors ? actor_rows(&g) : value_rows(&g)) : -1;
    vec_free(g.recs);
    whole &= !g.r.capped && rows > -2;
    if (!whole) x->nrows = 0; /* what it declares is not known: not checked further */
    x->lost_actors = arena_alloc(io->a, (g.lost_actors.n + 1) * sizeof *x->lost_actors);
    x->lost_attrs = arena_alloc(io->a, (g.lost_attrs.n + 1) * sizeof *x->lost_attrs);
    for (size_t i = 0; whole && i < g.lost_actors.n; i++) x->lost_actors[x->nlost_actors++] = g.lost_actors.v[i];
    for (size_t i = 0; whole && i < g.lost_attrs.n; i++) x->lost_attrs[x->nlost_attrs++] = g.lost_attrs.v[i];
    vec_free(g.lost_actors);
    vec_free(g.lost_attrs);
    if (head || cols || rows < 0 || !whole || g.r.errors) /* its good rows stay, to be checked with the model */
        return whole ? -1 : -2;
    if (!x->nrows)
        diag_at(diags, src, x->path_loc, COOP_WARNING, "'%s' has no records after its header: it gives no %s", x->file,
                x->actors ? "actors" : "values");
    return 0;
}

int data_read(const program *p, const source *src, const data_io *io, coop_diags *d)
{
    int rc = 0;
    for (int i = 0; i < p->n; i++)
        if (p->v[i]->k == D_DATA) {
            int one = read_one(p, p->v[i], src, io, d);
            if (one < rc) rc = one;
        }
    return rc;
}

void data_diags_in_order(const program *p, coop_diags *d, size_t from)
{
    const char **files = mem_alloc(((size_t)p->n + 1) * sizeof *files);
    int n = 0;
    for (int i = 0; i < p->n; i++)
        if (p->v[i]->k == D_DATA && p->v[i]->u.data->file) files[n++] = p->v[i]->u.data->file;
    if (n) diag_order(d, from, files, n);
    free(files);
}

/* ---- the rows in their declaration's place ---- */

int data_any(const program *p)
{
    for (int i = 0; i < p->n; i++)
        if (p->v[i]->k == D_DATA) return 1;
    return 0;
}

program data_flatten(const program *p, arena *a)
{
    if (!data_any(p)) return *p;
    size_t n = 0;
    for (int i = 0; i < p->n; i++) n += 1 + (p->v[i]->k == D_DATA ? (size_t)data_rows(p->v[i]) : 0);
    program out = {arena_alloc(a, (n + 1) * sizeof *out.v), 0};
    for (int i = 0; i < p->n; i++) {
        out.v[out.n++] = p->v[i];
        if (p->v[i]->k != D_DATA) continue;
        const data_def *x = p->v[i]->u.data;
        for (int j = 0; j < x->nrows; j++) out.v[out.n++] = x->rows[j];
    }
    return out;
}

int data_row_actor(const decl *d, const char *actor)
{
    const data_def *x = d->u.data;
    for (int i = 0; x->actors && i < x->nrows; i++)
        if (strcmp(x->rows[i]->n.s, actor) == 0) return i;
    return -1;
}

int data_row_value(const decl *d, const char *rel, const name *args, int n)
{
    const data_def *x = d->u.data;
    if (x->actors || strcmp(d->n.s, rel) != 0) return -1;
    for (int i = 0; i < x->nrows; i++) {
        const decl *r = x->rows[i];
        int same = r->u.relset.n == n;
        for (int j = 0; j < n && same; j++) same = strcmp(r->u.relset.args[j].s, args[j].s) == 0;
        if (same) return i;
    }
    return -1;
}

decl *data_with_row(arena *a, const decl *d, int i, decl *row)
{
    decl *cp = arena_alloc(a, sizeof *cp);
    *cp = *d;
    data_def *x = arena_alloc(a, sizeof *x);
    *x = *d->u.data;
    x->rows = arena_alloc(a, ((size_t)x->nrows + 1) * sizeof *x->rows);
    memcpy(x->rows, d->u.data->rows, (size_t)x->nrows * sizeof *x->rows);
    x->rows[i] = row;
    cp->u.data = x;
    return cp;
}
