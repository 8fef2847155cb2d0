/* api.c - the public entry points for scripts: loading them, their names,
 * running their statements.  Worlds and changes are api_world.c's, queries
 * and differences api_query.c's. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data.h"
#include "decl.h"
#include "file.h"
#include "json.h"
#include "parse.h"
#include "resolve.h"
#include "run.h"

void coop_script_free(coop_script *s)
{
    if (!s) return;
    model_free(&s->m);
    world_free(s->w);
    arena_free(&s->mem);
    free(s);
}

/* A loaded script's sources: its own text, then each file its data
 * declarations read, numbered into one line space as a session's are. */
typedef struct joining {
    coop_script *s;
    VEC(const source *) parts;
    int next_line;
} joining;

static const source *join(joining *j, source *p)
{
    p->line0 = j->next_line;
    j->next_line += source_index(p, &j->s->mem) + 1;
    vec_push(j->parts, p);
    return p;
}

static const source *join_file(void *ctx, const char *nm, const char *text, size_t len)
{
    joining *j = ctx;
    source *p = arena_alloc(&j->s->mem, sizeof *p);
    p->name = arena_strdup(&j->s->mem, nm);
    p->text = arena_strndup(&j->s->mem, text, len);
    p->len = len;
    return join(j, p);
}

/* The files of the script's data declarations read (data.h), its source
 * made the join of its text and theirs.  0, or data_read's -1 or -2 after
 * errors in d. */
static int read_data(coop_script *s, coop_diags *d)
{
    if (!data_any(&s->prog)) return 0;
    joining j = {s, {0}, 0};
    source *own = arena_alloc(&s->mem, sizeof *own);
    *own = s->src;
    join(&j, own);
    data_io io = {s->src.name, &s->mem, join_file, &j};
    int rc = data_read(&s->prog, own, &io, d);
    const source **parts = arena_alloc(&s->mem, j.parts.n * sizeof *parts);
    memcpy(parts, j.parts.v, j.parts.n * sizeof *parts);
    source joined = {.name = s->src.name, .text = "", .parts = parts, .nparts = (int)j.parts.n};
    s->src = joined;
    vec_free(j.parts);
    return rc;
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
    /* case data with bad records or cells: the rest is resolved too, so
     * that the model's errors about what was read well come with them */
    int data = 0;
    size_t from = coop_diags_count(d);
    int bad = parse_source(&s->src, &s->mem, d, &s->prog) < 0 || (data = read_data(s, d)) < -1 ||
              resolve_program(s, d) < 0 || data < 0;
    data_diags_in_order(&s->prog, d, from);
    if (bad) {
        coop_script_free(s);
        return NULL;
    }
    resolve_symbol_slips(NULL, &s->prog, &s->src, NULL, d);
    return s;
}

char *script_read_file(const char *path, coop_diags *d, size_t *lenp)
{
    source none_src = {.name = path, .text = ""};
    coop_loc none = {0, 0, 0, 0};
    int err;
    char *buf = file_read(path, COOP_MAX_FILE_SIZE, 0, lenp, &err);
    if (err == EISDIR) diag_at(d, &none_src, none, COOP_ERROR, "is a directory");
    else if (err == EFBIG)
        diag_at(d, &none_src, none, COOP_ERROR, "the script is larger than %d bytes, the limit", COOP_MAX_FILE_SIZE);
    else if (!buf) diag_at(d, &none_src, none, COOP_ERROR, "cannot %s: %s", err < 0 ? "read" : "open", strerror(abs(err)));
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

coop_script *script_new(const source *src)
{
    coop_script *s = mem_calloc(1, sizeof *s);
    arena_init(&s->mem);
    s->src = *src;
    if (src->nparts) {
        const source **parts = arena_alloc(&s->mem, (size_t)src->nparts * sizeof *parts);
        memcpy(parts, src->parts, (size_t)src->nparts * sizeof *parts);
        s->src.parts = parts;
    }
    return s;
}

coop_script *script_resolve(coop_script *s, decl *const *v, int n, coop_diags *d)
{
    s->prog.n = n;
    s->prog.v = arena_alloc(&s->mem, ((size_t)n + 1) * sizeof *s->prog.v);
    if (n) memcpy(s->prog.v, v, (size_t)n * sizeof *v);
    if (resolve_program(s, d) < 0) {
        coop_script_free(s);
        return NULL;
    }
    return s;
}

/* ---- names ---- */

int coop_rule_find(const coop_script *s, const char *nm)
{
    int c = names_get(&s->m.callables, nm);
    return c <= -2 ? -2 - c : -1;
}

int coop_relation_find(const coop_script *s, const char *nm)
{
    int c = names_get(&s->m.callables, nm);
    return c >= 0 ? c : -1;
}

int coop_actor_find(const coop_script *s, const char *nm) { return names_get(&s->m.actor_idx, nm); }
int coop_attr_find(const coop_script *s, const char *nm)
{
    int at = names_get(&s->m.attr_idx, nm);
    return at < s->m.nactor_attrs ? at : -1; /* a bid's field is found by coop_field_find */
}

const char *coop_field_name(const coop_script *s, int rule, int i)
{
    if (!s || rule < 0 || rule >= s->m.nrules || !s->m.rules[rule].tender || i < 0) return NULL;
    for (int at = s->m.nactor_attrs; at < s->m.nattrs; at++)
        if (attr_field_of(&s->m.attrs[at], s->m.rules[rule].name) && i-- == 0) return s->m.attrs[at].field;
    return NULL;
}

int coop_field_find(const coop_script *s, int rule, const char *field)
{
    if (!s || rule < 0 || rule >= s->m.nrules || !s->m.rules[rule].tender || !field) return -1;
    char *nm = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&nm, &len);
    fprintf(f, "%s.%s", s->m.rules[rule].name, field);
    fclose(f);
    int at = strchr(field, '.') ? -1 : names_get(&s->m.attr_idx, nm);
    free(nm);
    return at;
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

int coop_relation_arity(const coop_script *s, int rel)
{
    return rel >= 0 && rel < s->m.nrels ? s->m.rels[rel].arity : -1;
}

const char *coop_factor_name(const coop_script *s, int rule, int factor)
{
    if (!rule_ok(s, rule) || factor < 0 || factor >= s->m.rules[rule].nf) return NULL;
    return s->m.rules[rule].f[factor].name;
}

const char *coop_actor_name(const coop_script *s, int actor)
{
    return actor >= 0 && actor < s->m.nactors ? s->m.actors[actor].name : NULL;
}


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
    case COOP_NAMES_ACTOR: return s->m.nactors;
    case COOP_NAMES_ATTRIBUTE: return s->m.nactor_attrs;
    case COOP_NAMES_RELATION: return s->m.nrels;
    case COOP_NAMES_RULE: return s->m.nrules;
    case COOP_NAMES_CONTRACT: return s->m.ncontracts;
    case COOP_NAMES_PARAM: return s->m.nparams;
    case COOP_NAMES_FACTOR: {
        int n = 0;
        for (int r = 0; r < s->m.nrules; r++) n += s->m.rules[r].nf;
        return n;
    }
    case COOP_NAMES_DECLARED: {
        int n = 0;
        for (int k = 0; k < DECL_CLASSES; k++)
            for (int j = 0; j < 2; j++)
                if (decl_classes[k].names[j] >= 0) n += coop_name_count(s, (coop_names)decl_classes[k].names[j]);
        return n;
    }
    }
    return 0;
}

/* Name i of COOP_NAMES_DECLARED: the classes the declarations introduce,
 * in the table's order. */
static const char *nth_declared(const coop_script *s, int i)
{
    for (int k = 0; k < DECL_CLASSES; k++)
        for (int j = 0; j < 2; j++) {
            int c = decl_classes[k].names[j];
            if (c < 0) continue;
            int n = coop_name_count(s, (coop_names)c);
            if (i < n) return coop_name(s, (coop_names)c, i);
            i -= n;
        }
    return NULL;
}

const char *coop_name(const coop_script *s, coop_names what, int i)
{
    if (!s || i < 0 || i >= coop_name_count(s, what)) return NULL;
    switch (what) {
    case COOP_NAMES_KIND: return s->m.kinds[i].name;
    case COOP_NAMES_ACTOR: return s->m.actors[i].name;
    case COOP_NAMES_ATTRIBUTE: return s->m.attrs[i].name;
    case COOP_NAMES_RELATION: return s->m.rels[i].name;
    case COOP_NAMES_RULE: return s->m.rules[i].name;
    case COOP_NAMES_CONTRACT: return s->m.contracts[i].name;
    case COOP_NAMES_PARAM: return s->m.params[i].name;
    case COOP_NAMES_FACTOR: return nth_factor(s, i);
    case COOP_NAMES_DECLARED: return nth_declared(s, i);
    }
    return NULL;
}

int coop_actor_has(const coop_script *s, int actor, const char *attr)
{
    if (!s || actor < 0 || actor >= s->m.nactors) return 0;
    int at = coop_attr_find(s, attr);
    return at >= 0 && s->w->has[at][actor];
}

/* ---- running ---- */

void coop_print_results(FILE *out, coop_format format, int passed, int failed, int not_loaded)
{
    if (format != COOP_FORMAT_JSON) {
        fprintf(out, "%d passed, %d failed", passed, failed);
        if (not_loaded)
            fprintf(out, "; %d file%s did not load, so %s expectations did not run", not_loaded,
                    not_loaded == 1 ? "" : "s", not_loaded == 1 ? "its" : "their");
        fputc('\n', out);
        return;
    }
    json j;
    json_init(&j, out);
    json_typed(&j, "summary");
    json_kint(&j, "passed", passed);
    json_kint(&j, "failed", failed);
    json_kint(&j, "not_loaded", not_loaded);
    json_end_obj(&j);
}

void coop_print_summary(FILE *out, coop_format format, int passed, int failed)
{
    coop_print_results(out, format, passed, failed, 0);
}

int coop_run(const coop_script *s, const coop_world *w, const coop_options *opt, coop_diags *d)
{
    if (!w) w = s->w;
    if (w->m != &s->m) return -1;
    run_env env = {&s->m, w, &s->src, 0, NULL, 0, 0};
    return run_statements(&env, s->stmts, s->nstmts, opt, d);
}
