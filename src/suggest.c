/* suggest.c - the nearest name by optimal string alignment distance. */
#include "suggest.h"

#include <stdio.h>
#include <string.h>

#include "linear.h"
#include "utf8.h"
#include "words.h"

/* s's characters into c[]: how many, or -1 past SUGGEST_MAX_CHARS.  An
 * invalid byte is one character of its own (a lone surrogate's code,
 * which UTF-8 never decodes to). */
static int chars(const char *s, unsigned *c)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t left = strlen(s);
    int n = 0;
    while (left) {
        if (n == SUGGEST_MAX_CHARS) return -1;
        unsigned cp;
        int k = utf8_decode(p, left, &cp);
        if (!k) { k = 1; cp = 0xDC00u + *p; }
        c[n++] = cp;
        p += k;
        left -= (size_t)k;
    }
    return n;
}

static unsigned lower(unsigned c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

/* Optimal string alignment distance of a[0..n) and b[0..m), case aside
 * when fold; max + 1 as soon as every alignment costs more than max. */
static int osa(const unsigned *a, int n, const unsigned *b, int m, int fold, int max)
{
    int rows[3][SUGGEST_MAX_CHARS + 1];
    int *pp = rows[0], *p = rows[1], *c = rows[2];
    for (int j = 0; j <= m; j++) p[j] = j;
    for (int i = 1; i <= n; i++) {
        c[0] = i;
        int low = i;
        unsigned ai = fold ? lower(a[i - 1]) : a[i - 1];
        for (int j = 1; j <= m; j++) {
            unsigned bj = fold ? lower(b[j - 1]) : b[j - 1];
            int d = p[j - 1] + (ai != bj);
            if (p[j] + 1 < d) d = p[j] + 1;
            if (c[j - 1] + 1 < d) d = c[j - 1] + 1;
            if (i > 1 && j > 1 && pp[j - 2] + 1 < d) {
                unsigned ap = fold ? lower(a[i - 2]) : a[i - 2], bp = fold ? lower(b[j - 2]) : b[j - 2];
                if (ai == bp && ap == bj) d = pp[j - 2] + 1;
            }
            c[j] = d;
            if (d < low) low = d;
        }
        if (low > max) return max + 1;
        int *t = pp;
        pp = p;
        p = c;
        c = t;
    }
    return p[m] <= max ? p[m] : max + 1;
}

/* Do a and b (folded) differ, and only in their ASCII digits? */
static int digits_only(const unsigned *a, int n, const unsigned *b, int m)
{
    int i = 0, j = 0, differ;
    for (;;) {
        while (i < n && a[i] >= '0' && a[i] <= '9') i++;
        while (j < m && b[j] >= '0' && b[j] <= '9') j++;
        if (i == n || j == m) break;
        if (lower(a[i]) != lower(b[j])) return 0;
        i++, j++;
    }
    if (i != n || j != m) return 0;
    differ = n != m;
    for (int k = 0; !differ && k < n; k++) differ = lower(a[k]) != lower(b[k]);
    return differ;
}

void suggest_init(suggest *s, const char *word, const coop_diags *d)
{
    s->best = NULL;
    s->tag = -1;
    s->said[0] = 0;
    s->n = d && coop_diags_errors(d) >= COOP_MAX_ERRORS ? -1 : chars(word, s->w);
    s->limit = s->n < 0 ? -1 : SUGGEST_LIMIT(s->n);
    s->dist = s->raw = s->limit + 1;
    s->prefixes = 1;
    s->begun = NULL;
    s->begun_tag = -1;
    s->nbegun = 0;
}

/* Does the name begin c[0..m), a longer candidate (case aside), and not
 * differ from it only in digits?  Then it is kept: best while it is the
 * only one and no candidate is near. */
static void offer_prefix(suggest *s, const char *cand, int tag, const unsigned *c, int m)
{
    if (!s->prefixes || s->n < SUGGEST_PREFIX_MIN || m <= s->n || s->nbegun > 1) return;
    for (int i = 0; i < s->n; i++)
        if (lower(s->w[i]) != lower(c[i])) return;
    if (digits_only(s->w, s->n, c, m)) return;
    if (s->begun && strcmp(s->begun, cand) == 0) return; /* offered again (a factor of two rules) */
    if (!s->nbegun++) s->begun = cand, s->begun_tag = tag;
    if (s->dist <= s->limit) return; /* a near one stands */
    s->best = s->nbegun == 1 ? s->begun : NULL;
    s->tag = s->nbegun == 1 ? s->begun_tag : -1;
}

void suggest_offer(suggest *s, const char *cand, int tag)
{
    if (s->n <= 0 || !cand) return;
    /* out of reach by length alone: at most 4 bytes a character */
    size_t bytes = strlen(cand);
    if (bytes > 4 * (size_t)SUGGEST_MAX_CHARS || bytes + (size_t)s->limit < (size_t)s->n) return;
    unsigned c[SUGGEST_MAX_CHARS];
    int m = chars(cand, c);
    if (m > s->n) offer_prefix(s, cand, tag, c, m);
    if (m <= 0 || m > s->n + s->limit || m < s->n - s->limit) return;
    int d = osa(s->w, s->n, c, m, 1, s->limit);
    if (d > s->limit || d >= (m > s->n ? m : s->n) || d > s->dist) return; /* not every character replaced */
    if (d > 0 && digits_only(s->w, s->n, c, m)) return;
    int raw = osa(s->w, s->n, c, m, 0, SUGGEST_MAX_CHARS);
    if (raw == 0 || (d == s->dist && raw >= s->raw)) return; /* the name itself, or no nearer */
    s->best = cand;
    s->tag = tag;
    s->dist = d;
    s->raw = raw;
}

const char *suggest_said(suggest *s)
{
    if (!s->best) return "";
    snprintf(s->said, sizeof s->said, "; did you mean '%s'?", s->best);
    return s->said;
}

void suggest_model(suggest *s, const model *m, unsigned classes)
{
    if (s->n <= 0) return;
    if (classes & SUGGEST_KIND)
        for (int i = 0; i < m->nkinds; i++) suggest_offer(s, m->kinds[i].name, SUGGEST_KIND);
    if (classes & SUGGEST_ACTOR)
        for (int i = 0; i < m->nactors; i++) suggest_offer(s, m->actors[i].name, SUGGEST_ACTOR);
    if (classes & SUGGEST_ATTR)
        for (int i = 0; i < m->nactor_attrs; i++) suggest_offer(s, m->attrs[i].name, SUGGEST_ATTR); /* not bids' fields */
    if (classes & SUGGEST_REL)
        for (int i = 0; i < m->nrels; i++) suggest_offer(s, m->rels[i].name, SUGGEST_REL);
    if (classes & SUGGEST_RULE)
        for (int i = 0; i < m->nrules; i++) suggest_offer(s, m->rules[i].name, SUGGEST_RULE);
    if (classes & SUGGEST_FACTOR)
        for (int i = 0; i < m->nrules; i++)
            for (int j = 0; j < m->rules[i].nf; j++) suggest_offer(s, m->rules[i].f[j].name, SUGGEST_FACTOR);
    if (classes & SUGGEST_FN)
        for (int i = 0; words_builtin_at(i); i++) suggest_offer(s, words_builtin_at(i)->name, SUGGEST_FN);
    if (classes & SUGGEST_TENDER)
        for (int i = 0; i < m->nrules; i++)
            if (m->rules[i].tender) suggest_offer(s, m->rules[i].name, SUGGEST_TENDER);
    if (classes & SUGGEST_CONTRACT)
        for (int i = 0; i < m->ncontracts; i++) suggest_offer(s, m->contracts[i].name, SUGGEST_CONTRACT);
    if (classes & SUGGEST_PARAM)
        for (int i = 0; i < m->nparams; i++) suggest_offer(s, m->params[i].name, SUGGEST_PARAM);
}

const char *suggest_in(suggest *s, const char *word, const model *m, unsigned classes, const coop_diags *d)
{
    suggest_init(s, word, d);
    suggest_model(s, m, classes);
    return suggest_said(s);
}

const char *suggest_class(const model *m, const char *word, unsigned classes)
{
    int c = names_get(&m->callables, word);
    if ((classes & SUGGEST_REL) && c >= 0) return "a relation";
    if (c <= -2 && (classes & (SUGGEST_RULE | SUGGEST_TENDER)) && m->rules[-2 - c].tender) return "a tender";
    if (c <= -2 && (classes & SUGGEST_RULE) && !m->rules[-2 - c].tender) return "a partnership";
    if (classes & SUGGEST_FACTOR)
        for (int i = 0; i < m->nrules; i++)
            for (int j = 0; j < m->rules[i].nf; j++)
                if (strcmp(m->rules[i].f[j].name, word) == 0) return "a factor";
    if ((classes & SUGGEST_ACTOR) && names_get(&m->actor_idx, word) >= 0) return "an actor";
    if ((classes & SUGGEST_ATTR) && names_get(&m->attr_idx, word) >= 0) return "an attribute";
    if ((classes & SUGGEST_KIND) && names_get(&m->kind_idx, word) >= 0) return "a kind";
    if ((classes & SUGGEST_FN) && words_builtin(word)) return "a built-in function";
    if ((classes & SUGGEST_CONTRACT) && names_get(&m->contract_idx, word) >= 0) return "a contract";
    if ((classes & SUGGEST_PARAM) && names_get(&m->param_idx, word) >= 0) return "a parameter";
    return NULL;
}

/* Each class's noun, by bit: bare, and with its article. */
static const char *const nouns[][2] = {
    {"kind", "a kind"}, {"actor", "an actor"}, {"attribute", "an attribute"}, {"relation", "a relation"},
    {"partnership", "a partnership"}, {"factor", "a factor"}, {"function", "a built-in function"},
    {"tender", "a tender"}, {"contract", "a contract"}, {"parameter", "a parameter"},
};

static int noun_of(unsigned want)
{
    int b = 0;
    while (b < 9 && !(want & (1u << b))) b++;
    return b;
}

/* What the factors named `word` read in their own values, each once:
 * "g.governance_capacity", "trust(g, s)", "w_trust"; and of those of the
 * classes wanted, the names, each once. */
#define READS_MAX 8
typedef struct own_reads {
    const model *m;
    const rule_info *ru;
    unsigned want;
    char read[READS_MAX][2 * SUGGEST_MAX_CHARS * 4 + 8];
    const char *name[READS_MAX];
    int nread, nname;
} own_reads;

static void add_read(void *ctx, const rexpr *x)
{
    own_reads *o = ctx;
    const rule_info *ru = o->ru;
    char t[sizeof o->read[0]];
    const char *nm = x->k == R_ATTR ? o->m->attrs[x->attr].name : x->k == R_REL ? o->m->rels[x->rel].name
                                                                                : o->m->params[x->index].name;
    unsigned cls = x->k == R_ATTR ? SUGGEST_ATTR : x->k == R_REL ? SUGGEST_REL : SUGGEST_PARAM;
    if (x->k == R_ATTR && x->param < ru->np) snprintf(t, sizeof t, "%s.%s", ru->pnames[x->param], nm);
    else if (x->k == R_REL) {
        size_t n = (size_t)snprintf(t, sizeof t, "%s(", nm);
        for (int j = 0; j < x->nargs && n < sizeof t; j++)
            n += (size_t)snprintf(t + n, sizeof t - n, "%s%s", j ? ", " : "", x->args[j] < ru->np ? ru->pnames[x->args[j]] : "x");
        if (n < sizeof t) snprintf(t + n, sizeof t - n, ")");
    } else
        snprintf(t, sizeof t, "%s", nm); /* a parameter; an attribute of an aggregate's actors */
    int seen = 0;
    for (int i = 0; i < o->nread && !seen; i++) seen = strcmp(o->read[i], t) == 0;
    if (!seen && o->nread < READS_MAX) snprintf(o->read[o->nread++], sizeof o->read[0], "%s", t);
    seen = !(o->want & cls);
    for (int i = 0; i < o->nname && !seen; i++) seen = strcmp(o->name[i], nm) == 0;
    if (!seen && o->nname < READS_MAX) o->name[o->nname++] = nm;
}

/* "; factor governance reads g.governance_capacity: write by
 * governance_capacity" into buf[n] (the fix: `fix` before each name of a
 * class wanted; none when fix is NULL); "" when the factors read nothing. */
static const char *factor_reads(const model *m, const char *word, unsigned want, const char *fix, char *buf, size_t n)
{
    own_reads o;
    memset(&o, 0, sizeof o);
    o.m = m;
    o.want = want;
    for (int i = 0; i < m->nrules; i++)
        for (int k = 0; k < m->rules[i].nf; k++)
            if (strcmp(m->rules[i].f[k].name, word) == 0) {
                o.ru = &m->rules[i];
                linear_own_reads(o.ru, k, add_read, &o);
            }
    buf[0] = 0;
    if (!o.nread) return buf;
    size_t len = (size_t)snprintf(buf, n, "; factor %s reads ", word);
    for (int i = 0; i < o.nread && len < n; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s%s", !i ? "" : i == o.nread - 1 ? " and " : ", ", o.read[i]);
    for (int i = 0; fix && i < o.nname && len < n; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s%s%s", !i ? ": write " : " or ", fix, o.name[i]);
    return buf;
}

int suggest_wrong_class(coop_diags *d, const source *src, coop_loc loc, const model *m, const char *word, unsigned want,
                        const char *fix)
{
    const char *cls = suggest_class(m, word, ~want);
    char reads[1024] = "";
    if (cls && strcmp(cls, "a factor") == 0 && (want & (SUGGEST_ATTR | SUGGEST_REL | SUGGEST_PARAM)))
        factor_reads(m, word, want, fix, reads, sizeof reads);
    if (cls) diag_at(d, src, loc, COOP_ERROR, "'%s' is %s, not %s%s", word, cls, nouns[noun_of(want)][1], reads);
    return cls != NULL;
}

void suggest_unknown(coop_diags *d, const source *src, coop_loc loc, const model *m, const char *word, unsigned want)
{
    suggest sg;
    if (suggest_wrong_class(d, src, loc, m, word, want, NULL)) return;
    const char *near = suggest_in(&sg, word, m, want, d);
    if (want == SUGGEST_KIND && !*near) /* a kind no one declared: how to */
        diag_at(d, src, loc, COOP_ERROR, "unknown kind '%s': declare it as 'kind %s', or below another kind as "
                "'kind %s : npo'", word, word, word);
    else
        diag_at(d, src, loc, COOP_ERROR, "unknown %s '%s'%s", nouns[noun_of(want)][0], word, near);
}

int suggest_distance(const char *a, const char *b, int max)
{
    unsigned x[SUGGEST_MAX_CHARS], y[SUGGEST_MAX_CHARS];
    int n = chars(a, x), m = chars(b, y);
    if (n < 0 || m < 0) return max + 1;
    return osa(x, n, y, m, 1, max);
}

const char *coop_suggest(const char *word, const char *const *words, size_t n)
{
    if (!word || !words) return NULL;
    suggest s;
    suggest_init(&s, word, NULL);
    for (size_t i = 0; i < n; i++) suggest_offer(&s, words[i], (int)i);
    return s.best;
}
