/* api.c - the public entry points: loading scripts and asking about them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "compile.h"
#include "parse.h"
#include "query.h"

/* The query cache behind the API calls below (evaluators are made once). */
static query *api_query(const coop_script *cs)
{
    coop_script *s = (coop_script *)cs; /* the cache is not part of the script's value */
    if (!s->api) {
        s->api = mem_calloc(1, sizeof *s->api);
        query_init(s->api, s, 0);
    }
    return s->api;
}

void coop_script_free(coop_script *s)
{
    if (!s) return;
    if (s->api) {
        query_free(s->api);
        free(s->api);
    }
    for (int i = 0; i < s->m.nrules; i++) compile_free(&s->m.rules[i]);
    world_free(&s->w);
    arena_free(&s->mem);
    free(s);
}

coop_script *coop_load(const char *nm, const char *text, size_t len, coop_diags *d)
{
    coop_script *s = mem_calloc(1, sizeof *s);
    arena_init(&s->mem);
    s->src.name = arena_strdup(&s->mem, nm);
    if (len > COOP_MAX_FILE_SIZE) {
        coop_loc none = {0, 0, 0, 0};
        diag_at(d, &s->src, none, COOP_ERROR, "the script is %zu bytes; the limit is %d", len, COOP_MAX_FILE_SIZE);
        coop_script_free(s);
        return NULL;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* a byte-order mark some editors add */
        text += 3;
        len -= 3;
    }
    s->src.text = arena_strndup(&s->mem, text, len);
    s->src.len = len;
    if (parse_source(&s->src, &s->mem, d, &s->prog) < 0 || resolve_program(s, d) < 0) {
        coop_script_free(s);
        return NULL;
    }
    return s;
}

char *script_read_file(const char *path, coop_diags *d, size_t *lenp)
{
    source none_src = {.name = path, .text = ""};
    coop_loc none = {0, 0, 0, 0};
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0) {
        diag_at(d, &none_src, none, COOP_ERROR, "cannot open: %s", strerror(errno));
        if (f) fclose(f);
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        diag_at(d, &none_src, none, COOP_ERROR, "is a directory");
        fclose(f);
        return NULL;
    }
    /* Read at most one byte past the limit: enough to refuse, never more. */
    size_t cap = 65536, len = 0;
    char *buf = mem_alloc(cap + 1);
    for (;;) {
        if (len == cap) {
            cap *= 2;
            buf = mem_realloc(buf, cap + 1);
        }
        size_t want = cap - len;
        if (len + want > (size_t)COOP_MAX_FILE_SIZE + 1) want = (size_t)COOP_MAX_FILE_SIZE + 1 - len;
        size_t got = fread(buf + len, 1, want, f);
        len += got;
        if (got < want || len > (size_t)COOP_MAX_FILE_SIZE) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        diag_at(d, &none_src, none, COOP_ERROR, "cannot read: %s", strerror(errno));
        free(buf);
        return NULL;
    }
    if (len > (size_t)COOP_MAX_FILE_SIZE) {
        diag_at(d, &none_src, none, COOP_ERROR, "the script is larger than %d bytes, the limit", COOP_MAX_FILE_SIZE);
        free(buf);
        return NULL;
    }
    buf[len] = 0;
    *lenp = len;
    return buf;
}

coop_script *coop_load_file(const char *path, coop_diags *d)
{
    size_t len;
    char *buf = script_read_file(path, d, &len);
    if (!buf) return NULL;
    coop_script *s = coop_load(path, buf, len, d);
    free(buf);
    return s;
}

coop_script *script_of(const source *src, decl *const *v, int n, coop_diags *d)
{
    coop_script *s = mem_calloc(1, sizeof *s);
    arena_init(&s->mem);
    s->src = *src;
    if (src->nparts) {
        const source **parts = arena_alloc(&s->mem, (size_t)src->nparts * sizeof *parts);
        memcpy(parts, src->parts, (size_t)src->nparts * sizeof *parts);
        s->src.parts = parts;
    }
    s->prog.n = n;
    s->prog.v = arena_alloc(&s->mem, ((size_t)n + 1) * sizeof *s->prog.v);
    if (n) memcpy(s->prog.v, v, (size_t)n * sizeof *v);
    if (resolve_program(s, d) < 0) {
        coop_script_free(s);
        return NULL;
    }
    return s;
}

/* ---- queries ---- */

int coop_rule_find(const coop_script *s, const char *nm)
{
    for (int i = 0; i < s->m.nrules; i++)
        if (strcmp(s->m.rules[i].name, nm) == 0) return i;
    return -1;
}

int coop_actor_find(const coop_script *s, const char *nm)
{
    for (int i = 0; i < s->w.nactors; i++)
        if (strcmp(s->w.actors[i].name, nm) == 0) return i;
    return -1;
}

static int rule_ok(const coop_script *s, int rule) { return rule >= 0 && rule < s->m.nrules; }

int coop_factor_find(const coop_script *s, int rule, const char *nm)
{
    if (!rule_ok(s, rule)) return -1;
    const rule_info *ru = &s->m.rules[rule];
    for (int i = 0; i < ru->nf; i++)
        if (strcmp(ru->f[i].name, nm) == 0) return i;
    return -1;
}

int coop_rule_params(const coop_script *s, int rule) { return rule_ok(s, rule) ? s->m.rules[rule].np : -1; }
int coop_rule_factors(const coop_script *s, int rule) { return rule_ok(s, rule) ? s->m.rules[rule].nf : -1; }
const char *coop_rule_name(const coop_script *s, int rule) { return rule_ok(s, rule) ? s->m.rules[rule].name : NULL; }
long coop_rule_tuples(const coop_script *s, int rule) { return rule_ok(s, rule) ? s->m.rules[rule].ntuples : -1; }

const char *coop_factor_name(const coop_script *s, int rule, int factor)
{
    if (!rule_ok(s, rule) || factor < 0 || factor >= s->m.rules[rule].nf) return NULL;
    return s->m.rules[rule].f[factor].name;
}

const char *coop_actor_name(const coop_script *s, int actor)
{
    return actor >= 0 && actor < s->w.nactors ? s->w.actors[actor].name : NULL;
}

long coop_rule_count(const coop_script *s, int rule)
{
    if (!rule_ok(s, rule)) return -1;
    query *q = api_query(s);
    long n = query_count(q, rule);
    q->err = 0;
    return n;
}

/* Does the tuple fit the rule's parameters? */
static int tuple_ok(const coop_script *s, int rule, const int *t)
{
    if (!rule_ok(s, rule)) return 0;
    const rule_info *ru = &s->m.rules[rule];
    for (int i = 0; i < ru->np; i++) {
        if (t[i] < 0 || t[i] >= s->w.nactors) return 0;
        if (!model_is_a(&s->m, s->w.actors[t[i]].kind, ru->pkinds[i])) return 0;
        for (int j = 0; j < i; j++) if (t[j] == t[i]) return 0;
    }
    return 1;
}

int coop_evaluate(const coop_script *s, int rule, const int *tuple, coop_verdict *out, double *effective)
{
    if (!tuple_ok(s, rule, tuple)) return -1;
    query *q = api_query(s);
    int v = query_tuple(q, rule, tuple);
    q->err = 0;
    if (v < 0) return -1;
    evaluator *e = query_ev(q, rule);
    out->forms = v;
    out->has_score = e->ru->score != NULL;
    out->score = out->has_score ? e->r[e->ru->nf] : 0;
    if (effective) memcpy(effective, e->r, (size_t)e->ru->nf * sizeof *effective);
    return 0;
}

int coop_shapley(const coop_script *s, int rule, const int *tuple, uint64_t seed, double *phi, double *se_out)
{
    if (!tuple_ok(s, rule, tuple)) return -1;
    query *q = api_query(s);
    if (query_tuple(q, rule, tuple) < 0) { q->err = 0; return -1; }
    double se[COOP_MAX_FACTORS];
    int rc = ev_shapley(query_ev(q, rule), seed, phi, se);
    if (se_out && rc >= 0) memcpy(se_out, se, (size_t)s->m.rules[rule].nf * sizeof *se);
    return rc;
}

/* ---- names ---- */

/* The factor names of every rule, flattened: rule r's start at the sum of
 * the counts before it. */
static const char *nth_factor(const coop_script *s, int i)
{
    for (int r = 0; r < s->m.nrules; i -= s->m.rules[r++].nf)
        if (i < s->m.rules[r].nf) return s->m.rules[r].f[i].name;
    return NULL;
}

int coop_name_count(const coop_script *s, coop_names what)
{
    if (!s) return 0;
    switch (what) {
    case COOP_NAMES_KIND: return s->m.nkinds;
    case COOP_NAMES_ACTOR: return s->w.nactors;
    case COOP_NAMES_ATTRIBUTE: return s->m.nattrs;
    case COOP_NAMES_RELATION: return s->m.nrels;
    case COOP_NAMES_RULE: return s->m.nrules;
    case COOP_NAMES_FACTOR: {
        int n = 0;
        for (int r = 0; r < s->m.nrules; r++) n += s->m.rules[r].nf;
        return n;
    }
    }
    return 0;
}

const char *coop_name(const coop_script *s, coop_names what, int i)
{
    if (!s || i < 0 || i >= coop_name_count(s, what)) return NULL;
    switch (what) {
    case COOP_NAMES_KIND: return s->m.kinds[i].name;
    case COOP_NAMES_ACTOR: return s->w.actors[i].name;
    case COOP_NAMES_ATTRIBUTE: return s->m.attrs[i].name;
    case COOP_NAMES_RELATION: return s->m.rels[i].name;
    case COOP_NAMES_RULE: return s->m.rules[i].name;
    case COOP_NAMES_FACTOR: return nth_factor(s, i);
    }
    return NULL;
}

int coop_actor_has(const coop_script *s, int actor, const char *attr)
{
    if (!s || actor < 0 || actor >= s->w.nactors) return 0;
    for (int i = 0; i < s->m.nattrs; i++)
        if (strcmp(s->m.attrs[i].name, attr) == 0) return s->w.has[i][actor];
    return 0;
}
