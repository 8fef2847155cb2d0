/* main.c - the command-line tool: coop run | check | test | repl. */
#include <ctype.h>
#include <errno.h>
#include <fts.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "repl.h"
#include "sweep.h"

static const char usage_text[] =
    "usage: coop run [options] FILE...\n"
    "       coop check [options] FILE...\n"
    "       coop test [options] [FILE|DIR]...\n"
    "       coop repl [--seed N] [--format text|json] [-j N] [FILE...]\n"
    "       coop sweep -p AXIS=A:B:S|AXIS=V1,V2,... [-p ...] --query EXPR [--query ...]\n"
    "                  [-j N] [--shard K/N] [--format csv|jsonl] [--force] [-D NAME=VALUE]\n"
    "                  [-o FILE] FILE\n"
    "       coop merge [-o FILE] SHARD...\n"
    "       coop                (on a terminal: the same as coop repl)\n"
    "\n"
    "coop decides which partnerships form among the actors of a model of\n"
    "public-service cooperation, explains each verdict, and ranks the factors\n"
    "that drive it; for a tender, which bids are eligible, which one wins, and\n"
    "why each loser lost; for a contract, which obligations are met, violated\n"
    "or undetected.  A model with a timeline is run step by step (its events\n"
    "change the world); statements read the world as the last step ends, or\n"
    "at a date: Q at DATE, C throughout D1 .. D2, C during D1 .. D2, first(C)\n"
    "(the first step C holds at), and dominance R(a, b) at DATE by events\n"
    "(which event made it form; decisive(...), but_for(...)); explain R(a, b)\n"
    "from D1 to D2 and why R(a, b) at DATE tell a verdict's story; show R by\n"
    "year reads every tuple's verdict as each year (quarter, month, day) ends.\n"
    "A contract's obligation due by a date or every period keeps a record over\n"
    "the timeline: whether, and since when, it is met, violated or undetected.\n"
    "A model's organisations may be read from a spreadsheet saved as CSV:\n"
    "data actors from \"survey.csv\" kind npo (docs/language.md, \"Case data\").\n"
    "A number an analyst doubts may be a parameter (param w = 0.25 range 0 .. 1)\n"
    "that rules read by name and what if, set, sweep and -D change.\n"
    "flip R(a, b) [by NAME, ...] finds the smallest change to what a verdict\n"
    "reads (its actors' attributes, relation values over them, and the\n"
    "parameters named after by; through aggregates, contracts and events too)\n"
    "that turns it around: exact by linear programmes when the verdict is\n"
    "linear in them, else a seeded search;\n"
    "flip_count(...) and flip_cost(...) ask it in expect.\n"
    "\n"
    "commands:\n"
    "  run FILE...         load each script and run its statements in order\n"
    "                      (show, explain, dominance, why, flip, expect); each\n"
    "                      file is a script of its own\n"
    "  check FILE...       load and check each script without evaluating it\n"
    "  test [FILE|DIR]...  run every expect statement; a directory means every\n"
    "                      *.coop file below it (default: the current directory);\n"
    "                      prints each failure as file:line:col, then\n"
    "                      'N passed, N failed' (and how many files did not\n"
    "                      load, when some did not)\n"
    "  repl [FILE...]      an interactive session on the files' model: type\n"
    "                      declarations, statements, bare expressions and\n"
    "                      the commands what if, set, why, flip, undo, reset,\n"
    "                      changes, :load, :save, :help, :quit (docs/repl.md;\n"
    "                      a script that writes one is told they are the REPL's);\n"
    "                      what if also switches an event off or moves it\n"
    "                      (what if no gala, what if gala at 2013-06);\n"
    "                      from a pipe or file it reads the same commands,\n"
    "                      prints no prompts, and exits 1 if any failed\n"
    "  sweep FILE          decide each query at every point of the grid of the\n"
    "                      axes, the first slowest: one CSV record (or JSON line)\n"
    "                      a point, in grid order; a script's `sweep AXIS from A\n"
    "                      to B step S, AXIS in {V, ...} : STATEMENT` does the\n"
    "                      same as a table (docs/analysis.md, \"Sweeps\")\n"
    "  merge SHARD...      join the outputs of the shards of one sweep into what\n"
    "                      one run writes (none missing or twice, all of one\n"
    "                      sweep), to standard output or -o FILE\n"
    "\n"
    "options of sweep:\n"
    "  -p, --param AXIS=A:B:S   an axis: a parameter (w_trust), an actor's attribute\n"
    "                      (acme.media), a relation's value (trust(a, b)) or a\n"
    "                      bid's field, from A to B step S (A + i*S, written with\n"
    "                      the decimals of A and S); AXIS=V1,V2,... a list\n"
    "                      (numbers, true/false)\n"
    "  -q, --query EXPR    a query: count(alliance), dominant(alliance(a, b)), ...\n"
    "                      (a verdict is 1 or 0; a number at full precision);\n"
    "                      its column is named as written, TEXT (query) where\n"
    "                      an axis has that name\n"
    "  -j, --jobs N        worker processes (default: the cores online); the\n"
    "                      output is the same bytes for any N\n"
    "  --shard K/N         only the points i with i % N == K (0 <= K < N), after a\n"
    "                      first line coop merge reads\n"
    "  --format csv|jsonl  CSV with a header (default), or a JSON object a point\n"
    "  --force             run past COOP_SWEEP_WORK evaluations\n"
    "  -o, --output FILE   write FILE whole once every point is decided, or not\n"
    "                      at all (a runtime error, Ctrl-C: exit 130, kill: 143);\n"
    "                      without it, standard output is left incomplete then,\n"
    "                      and said to be\n"
    "\n"
    "options:\n"
    "  --explain           with run: print the trace of every verdict show prints,\n"
    "                      every bid of a tender, a contract's conditions\n"
    "  --format text|json|csv\n"
    "                      results as aligned text (default), one JSON object\n"
    "                      per line, or with run, CSV: the tables of 'show R'\n"
    "                      (a record per tuple: actors, verdict, score, each\n"
    "                      factor's effective value), 'dominance R' (a record\n"
    "                      per tuple and factor), 'show R by PERIOD' and\n"
    "                      'show world(a)'; a text a spreadsheet would\n"
    "                      read as a formula (= + - @ first) starts with ';\n"
    "                      a statement with no table is skipped, with a\n"
    "                      warning (docs/language.md, \"CSV\")\n"
    "  --junit FILE        with test: also write the results as JUnit XML to FILE\n"
    "  --seed N            seed of sampled Shapley values and of a flip's search\n"
    "                      (default 1)\n"
    "  -j, --jobs N        with run, test and repl: worker processes a sweep\n"
    "                      statement's points take (default: the cores online);\n"
    "                      its rows are the same bytes for any N\n"
    "  -D NAME=VALUE       with run, check, test and sweep: the model's parameter NAME\n"
    "                      (param NAME = ...) takes VALUE (a number, 25%, true\n"
    "                      or false) instead of its declared value; repeatable;\n"
    "                      an unknown NAME, a malformed VALUE or one outside the\n"
    "                      parameter's range is a usage error\n"
    "  -h, --help          print this help and exit\n"
    "  -V, --version       print the version and exit\n"
    "  --                  end of options: what follows are FILEs\n"
    "\n"
    "exit status: 0 success, 1 a model error or a failed expectation,\n"
    "2 a usage error.\n"
    "\n"
    "docs: docs/language.md (the language), docs/tutorial.md, docs/analysis.md,\n"
    "docs/repl.md (the REPL),\n"
    "the manual page: man -l docs/coop.1\n";

typedef struct opts {
    const char *cmd;
    coop_format format;
    int explain;
    const char *junit;
    uint64_t seed;
    const char **files;
    int nfiles;
    defines defs;
    long jobs;          /* -j: a sweep statement's worker processes (0: the cores) */
} opts;

int usage_error(const char *fmt, const char *arg)
{
    fputs("coop: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'coop --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

int usage_no_eq(const char *opt, const char *name, const char *next, const char *what, const char *form,
                const char *values)
{
    /* the next argument is the values when it starts as a number or true/false does */
    const char *v = next && (next[0] == '-' || next[0] == '+') ? next + 1 : next;
    int given = v && !strchr(v, '=') &&
                (isdigit((unsigned char)v[0]) || v[0] == '.' || !strncmp(v, "true", 4) || !strncmp(v, "false", 5));
    fprintf(stderr, "coop: %s %s: %s is written %s (%s=%s)\n", opt, name, what, form, name, given ? next : values);
    fputs("Try 'coop --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

int unknown_word(const char *what, const char *word, int len, const char *const *words, size_t n, const char *hint)
{
    char w[256];
    snprintf(w, sizeof w, "%.*s", len > 0 ? len : (int)strlen(word), word);
    const char *near = coop_suggest(w, words, n);
    fprintf(stderr, "coop: unknown %s '%s'", what, word);
    if (near) fprintf(stderr, "; did you mean '%s'?", near);
    else if (hint) fprintf(stderr, " (%s)", hint);
    fputs("\nTry 'coop --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

/* ---- test results ---- */

typedef struct result {
    char *file, *text, *got;
    int line, col, passed;
} result;

typedef struct tally {
    result *v;
    size_t n, cap;
    int passed, failed, not_loaded;
    int json;
} tally;

/* The errno of the first failed write to stdout, or 0; stdout closed. */
static int out_err, out_closed;

void out_flush(void)
{
    if (!out_closed && (fflush(stdout) != 0 || ferror(stdout)) && !out_err) out_err = errno ? errno : EIO;
}

/* The library's handler too: it calls this with the size it asked for. */
void out_of_memory(size_t bytes)
{
    out_flush();
    if (bytes) fprintf(stderr, "coop: out of memory (%zu bytes)\n", bytes);
    else fputs("coop: out of memory\n", stderr);
    exit(EXIT_MODEL);
}

void *xrealloc(void *p, size_t n)
{
    void *r = realloc(p, n ? n : 1);
    if (!r) out_of_memory(n);
    return r;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s ? s : "") + 1;
    char *r = xrealloc(NULL, n);
    memcpy(r, s ? s : "", n);
    return r;
}

static char *xdup(const char *s) { return xstrdup(s); }

static void add_result(tally *t, const char *file, int line, int col, const char *text, const char *got, int passed)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->v = xrealloc(t->v, t->cap * sizeof *t->v);
    }
    result r = {xdup(file), xdup(text), xdup(got), line, col, passed};
    t->v[t->n++] = r;
    if (passed) t->passed++;
    else if (line) t->failed++;
    else t->not_loaded++; /* line 0: the file did not load (a failure in JUnit) */
}

static void on_expect(void *ctx, const coop_expect_result *r)
{
    tally *t = ctx;
    add_result(t, r->file, r->loc.line, r->loc.col, r->text, r->got, r->passed);
    out_flush(); /* keep the order of results and failures */
    if (!r->passed && !t->json)
        fprintf(stderr, "%s:%d:%d: expected %s but got %s\n", r->file, r->loc.line, r->loc.col, r->text, r->got);
}

/* Text for an XML attribute: markup escaped, control bytes (which XML 1.0
 * cannot hold) as '?'. */
static void xml(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\n': fputs("&#10;", f); break;
        case '\t': fputs("&#9;", f); break;
        default: fputc((unsigned char)*s < 0x20 ? '?' : *s, f);
        }
    }
}

/* A message of the program's own about a file (or none), on stderr: text,
 * or a JSON diagnostic when JSON is asked for. */
static void say(int json, coop_severity sev, const char *file, const char *fmt, const char *arg)
{
    coop_diags *d = coop_diags_new();
    coop_diags_add(d, sev, file, 0, 0, fmt, arg);
    out_flush();
    coop_diags_print(d, stderr, json);
    coop_diags_free(d);
}

static void say_error(int json, const char *file, const char *fmt, const char *arg)
{
    say(json, COOP_ERROR, file, fmt, arg);
}

/* The results as JUnit XML, made in memory, then written whole or not at
 * all (coop_write_file): a full disk is an error, never half a file. */
static int write_junit(const char *path, const tally *t)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) out_of_memory(0);
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"coop\" tests=\"%zu\" failures=\"%d\">\n",
            t->n, t->failed + t->not_loaded);
    for (size_t i = 0; i < t->n;) {
        size_t j = i;
        int fails = 0;
        while (j < t->n && strcmp(t->v[j].file, t->v[i].file) == 0) fails += !t->v[j++].passed;
        fputs("  <testsuite name=\"", f);
        xml(f, t->v[i].file);
        fprintf(f, "\" tests=\"%zu\" failures=\"%d\">\n", j - i, fails);
        for (size_t k = i; k < j; k++) {
            const result *r = &t->v[k];
            fputs("    <testcase classname=\"", f);
            xml(f, r->file);
            fprintf(f, "\" name=\"line %d: expect ", r->line);
            xml(f, r->text);
            if (r->passed) { fputs("\"/>\n", f); continue; }
            fputs("\">\n      <failure message=\"", f);
            xml(f, r->file);
            fprintf(f, ":%d:%d: expected ", r->line, r->col);
            xml(f, r->text);
            fputs(" but got ", f);
            xml(f, r->got);
            fputs("\"/>\n    </testcase>\n", f);
        }
        fputs("  </testsuite>\n", f);
        i = j;
    }
    fputs("</testsuites>\n", f);
    if (fclose(f) != 0) out_of_memory(len);
    coop_diags *d = coop_diags_new();
    coop_status st = coop_write_file(path, text, len, d);
    out_flush();
    coop_diags_print(d, stderr, t->json);
    coop_diags_free(d);
    free(text);
    return st == COOP_DONE ? 0 : -1;
}

/* Is the file at path one of the files given (the same file, by device
 * and inode, whatever its name)? */
static const char *same_file(const char *path, char *const *files, size_t n)
{
    struct stat a, b;
    if (stat(path, &a) != 0) return NULL;
    for (size_t i = 0; i < n; i++)
        if (stat(files[i], &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) return files[i];
    return NULL;
}

/* ---- files ---- */

typedef struct paths {
    char **v;
    size_t n, cap;
} paths;

static void push_path(paths *p, const char *s)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 16;
        p->v = xrealloc(p->v, p->cap * sizeof *p->v);
    }
    p->v[p->n++] = xdup(s);
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

static int by_name(const FTSENT **a, const FTSENT **b) { return strcmp((*a)->fts_name, (*b)->fts_name); }

/* Every *.coop file below dir, at any depth, each directory's entries in
 * name order.  Names beginning with '.' are passed over.  A link is taken
 * for what it names when it is named *.coop; a link to a directory is not
 * followed (it could lead anywhere, or back up), except dir itself.  What
 * is not a regular file (a pipe would block) is skipped with a warning; a
 * directory that cannot be read, or that is its own ancestor (a loop), is
 * an error.  Returns 0, or -1 after an error (the walk goes on). */
static int walk(paths *out, const char *dir, int json)
{
    char *roots[] = {(char *)dir, NULL};
    FTS *fts = fts_open(roots, FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR, by_name);
    if (!fts) {
        say_error(json, dir, "cannot read: %s", strerror(errno));
        return -1;
    }
    int rc = 0;
    FTSENT *e;
    while ((e = fts_read(fts))) {
        if (e->fts_level > 0 && e->fts_name[0] == '.') {
            if (e->fts_info == FTS_D) fts_set(fts, e, FTS_SKIP);
            continue;
        }
        struct stat st;
        switch (e->fts_info) {
        case FTS_D: case FTS_DP:
            break;
        case FTS_DC:
            say_error(json, e->fts_path, "a directory loop: this is %s again", e->fts_cycle->fts_path);
            rc = -1;
            break;
        case FTS_DNR: case FTS_ERR: case FTS_NS:
            say_error(json, e->fts_path, "cannot read: %s", strerror(e->fts_errno));
            rc = -1;
            break;
        case FTS_F:
            if (ends_with(e->fts_name, ".coop")) push_path(out, e->fts_path);
            break;
        default: /* a link, a pipe, a device, a socket */
            if (!ends_with(e->fts_name, ".coop")) break;
            if (stat(e->fts_accpath, &st) != 0) say(json, COOP_WARNING, e->fts_path, "%s; skipped", "a link to nothing");
            else if (S_ISREG(st.st_mode)) push_path(out, e->fts_path);
            else
                say(json, COOP_WARNING, e->fts_path, "%s, not a regular file; skipped",
                    S_ISDIR(st.st_mode) ? "a link to a directory" : S_ISFIFO(st.st_mode) ? "a pipe"
                    : S_ISSOCK(st.st_mode) ? "a socket" : "a device");
        }
    }
    if (errno) {
        say_error(json, dir, "cannot read: %s", strerror(errno));
        rc = -1;
    }
    fts_close(fts);
    return rc;
}

/* Every define checked against every file that loads, before any runs:
 * 0, or EXIT_USAGE after saying why one cannot be made.  (A file that
 * does not load is said when it is run.) */
static int check_defines(opts *o, const paths *files)
{
    paths names = {0};
    int status = 0;
    for (size_t i = 0; i < files->n && !status; i++) {
        coop_diags *d = coop_diags_new();
        coop_script *s = coop_load_file(files->v[i], d);
        coop_diags_free(d);
        if (!s) continue;
        for (int p = 0; p < coop_name_count(s, COOP_NAMES_PARAM); p++) push_path(&names, coop_name(s, COOP_NAMES_PARAM, p));
        coop_world *w = coop_world_clone(coop_script_world(s));
        status = defines_into(&o->defs, s, w, files->v[i]);
        coop_world_free(w);
        coop_script_free(s);
    }
    if (!status) status = defines_unused(&o->defs, (const char *const *)names.v, names.n);
    for (size_t i = 0; i < names.n; i++) free(names.v[i]);
    free(names.v);
    return status;
}

/* ---- commands ---- */

static int run_files(opts *o, paths *files, int test)
{
    coop_diags *d = coop_diags_new();
    tally t = {0};
    t.json = o->format == COOP_FORMAT_JSON;
    int status = 0;
    for (size_t i = 0; i < files->n; i++) {
        coop_diags_clear(d);
        coop_script *s = coop_load_file(files->v[i], d);
        /* the load's warnings (or errors) before anything the script prints */
        coop_diags_print(d, stderr, o->format == COOP_FORMAT_JSON);
        coop_diags_clear(d);
        coop_world *w = s && o->defs.n ? coop_world_clone(coop_script_world(s)) : NULL;
        if (w && defines_into(&o->defs, s, w, files->v[i]) != 0) status = EXIT_USAGE; /* checked before: never */
        if (s && strcmp(o->cmd, "check") != 0) {
            coop_options ro = {0};
            ro.out = stdout;
            ro.format = o->format;
            ro.explain = o->explain;
            ro.expect_only = test;
            ro.seed = o->seed;
            ro.jobs = jobs_or_cores(o->jobs);
            ro.on_expect = on_expect;
            ro.ctx = &t;
            out_flush();
            int rc = coop_run(s, w, &ro, d);
            if (rc != 0 && status != EXIT_USAGE) status = EXIT_MODEL;
        }
        coop_world_free(w);
        if (!s) {
            if (status != EXIT_USAGE) status = EXIT_MODEL;
            if (test) add_result(&t, files->v[i], 0, 0, "the file to load", "errors", 0);
        }
        out_flush();
        coop_diags_print(d, stderr, o->format == COOP_FORMAT_JSON);
        coop_script_free(s);
    }
    coop_diags_free(d);
    if (test) {
        if (o->junit && write_junit(o->junit, &t) < 0) status = EXIT_MODEL;
        coop_print_results(stdout, o->format, t.passed, t.failed, t.not_loaded);
        if (t.failed || t.not_loaded) status = EXIT_MODEL;
    }
    for (size_t i = 0; i < t.n; i++) {
        free(t.v[i].file);
        free(t.v[i].text);
        free(t.v[i].got);
    }
    free(t.v);
    return status;
}

/* Output that could not be written is an error, not a silence (as
 * coreutils' close_stdout): stdout is flushed, checked and closed, then
 * stderr checked; a failure makes the status 1.  A stdout closed before
 * coop ran, with nothing to write, is no failure. */
static int close_streams(int status, int json)
{
    out_flush();
    int err = out_err;
    out_closed = 1;
    if (fclose(stdout) != 0 && !err && errno != EBADF) err = errno;
    if (err) {
        if (json) say_error(1, NULL, "write error: %s", strerror(err));
        else fprintf(stderr, "coop: write error: %s\n", strerror(err));
        status = EXIT_MODEL;
    }
    /* stderr stays open (a sanitizer reports there at exit); a message
     * lost on it still fails, with nowhere left to say so */
    if (fflush(stderr) != 0 || ferror(stderr)) status = EXIT_MODEL;
    return status;
}

int main(int argc, char **argv)
{
    opts o = {0};
    o.format = COOP_FORMAT_TEXT;
    coop_set_oom_handler(out_of_memory);
    o.files = xrealloc(NULL, ((size_t)argc + 1) * sizeof *o.files);
    int status;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            status = 0;
            goto out;
        }
        if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            printf("coop %s\n", COOP_VERSION);
            status = 0;
            goto out;
        }
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--explain") == 0) o.explain = 1;
        else if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
            const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v) { status = usage_error("%s needs a value: text, json or csv", "--format"); goto out; }
            if (strcmp(v, "text") == 0) o.format = COOP_FORMAT_TEXT;
            else if (strcmp(v, "json") == 0) o.format = COOP_FORMAT_JSON;
            else if (strcmp(v, "csv") == 0) o.format = COOP_FORMAT_CSV;
            else {
                static const char *const formats[] = {"text", "json", "csv"};
                status = unknown_word("format", v, 0, formats, 3, "use text, json or csv");
                goto out;
            }
        } else if (strcmp(a, "--junit") == 0 || strncmp(a, "--junit=", 8) == 0) {
            o.junit = a[7] == '=' ? a + 8 : (i + 1 < argc ? argv[++i] : NULL);
            if (!o.junit || !*o.junit) { status = usage_error("%s needs a file name", "--junit"); goto out; }
        } else if (strcmp(a, "--seed") == 0 || strncmp(a, "--seed=", 7) == 0) {
            const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            char *end;
            errno = 0;
            if (!v || !*v || *v == '-' || *v == '+' || (o.seed = strtoull(v, &end, 10), *end) || errno == ERANGE ||
                o.seed == 0) {
                status = usage_error("--seed needs a positive whole number, not '%s'", v ? v : "");
                goto out;
            }
        } else if (!strcmp(a, "-j") || !strncmp(a, "-j", 2) || !strcmp(a, "--jobs") || !strncmp(a, "--jobs=", 7)) {
            const char *v = a[1] == 'j' ? (a[2] ? a + 2 : i + 1 < argc ? argv[++i] : NULL)
                                        : (a[6] == '=' ? a + 7 : i + 1 < argc ? argv[++i] : NULL);
            if ((status = jobs_arg(v, &o.jobs)) != 0) goto out;
        } else if (strcmp(a, "-D") == 0 || strncmp(a, "-D", 2) == 0) {
            const char *v = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
            if ((status = defines_add(&o.defs, v, i + 1 < argc ? argv[i + 1] : NULL)) != 0) goto out;
        } else if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++) { /* the rest are names, even if they start with - */
                if (!o.cmd) o.cmd = argv[i];
                else o.files[o.nfiles++] = argv[i];
            }
        } else if (a[0] == '-' && a[1]) {
            static const char *const options[] = {"--explain", "--format", "--junit", "--seed", "--jobs", "--help",
                                                  "--version", "-D"};
            status = unknown_word("option", a, (int)strcspn(a, "="), options, 8, NULL);
            goto out;
        } else if (!o.cmd) {
            o.cmd = a;
            if (!strcmp(a, "sweep") || !strcmp(a, "merge")) { /* options of their own, after the word */
                if (o.explain || o.junit || o.format != COOP_FORMAT_TEXT || o.defs.n || o.jobs) {
                    status = usage_error("coop %s takes its options after the word (coop sweep --format jsonl ...)", a);
                    goto out;
                }
                status = a[0] == 's' ? sweep_main(argc - i - 1, argv + i + 1, o.seed) : merge_main(argc - i - 1, argv + i + 1);
                goto out;
            }
        } else o.files[o.nfiles++] = a;
    }
    if (!o.cmd && argc == 1 && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
        status = repl_main(NULL, 0, o.seed, 0, jobs_or_cores(0));
        goto out;
    }
    if (!o.cmd) {
        fputs(usage_text, stderr);
        status = EXIT_USAGE;
        goto out;
    }
    /* CSV holds the tables of show and dominance, which only run prints */
    if (o.format == COOP_FORMAT_CSV &&
        (!strcmp(o.cmd, "repl") || !strcmp(o.cmd, "check") || !strcmp(o.cmd, "test"))) {
        status = usage_error("%s", "--format csv works only with coop run (it prints the tables of 'show R', "
                                   "'dominance R', 'show R by PERIOD' and 'show world(a)'); use text or json");
        goto out;
    }
    if (o.format == COOP_FORMAT_CSV && o.explain) {
        status = usage_error("%s", "--explain prints traces, which CSV does not hold: use --format text or json");
        goto out;
    }
    if (strcmp(o.cmd, "repl") == 0) {
        if (o.explain || o.junit) {
            status = usage_error("%s", "coop repl takes only --seed, --format and -j");
            goto out;
        }
        if (o.defs.n) {
            status = usage_error("%s", "coop repl takes no -D: in the session, 'set NAME = VALUE' changes a parameter "
                                       "(undo takes it back)");
            goto out;
        }
        status = repl_main(o.files, o.nfiles, o.seed, o.format == COOP_FORMAT_JSON, jobs_or_cores(o.jobs));
        goto out;
    }
    int test = strcmp(o.cmd, "test") == 0;
    if (!test && strcmp(o.cmd, "run") != 0 && strcmp(o.cmd, "check") != 0) {
        static const char *const commands[] = {"run", "check", "test", "repl", "sweep", "merge"};
        status = unknown_word("command", o.cmd, 0, commands, 6, "use run, check, test, repl, sweep or merge");
        goto out;
    }
    if (o.junit && !test) { status = usage_error("%s works only with coop test", "--junit"); goto out; }
    if (o.explain && strcmp(o.cmd, "run") != 0) { status = usage_error("%s works only with coop run", "--explain"); goto out; }
    if (o.jobs && !strcmp(o.cmd, "check")) { /* (check decides no point) */
        status = usage_error("%s works only with coop run, test, repl and sweep", "-j");
        goto out;
    }
    if (!o.nfiles && !test) { status = usage_error("%s needs at least one FILE", o.cmd); goto out; }
    paths files = {0};
    int json = o.format == COOP_FORMAT_JSON, walked = 0;
    if (test && !o.nfiles) walked |= walk(&files, ".", json);
    for (int i = 0; i < o.nfiles; i++) {
        struct stat st;
        if (test && stat(o.files[i], &st) == 0 && S_ISDIR(st.st_mode)) walked |= walk(&files, o.files[i], json);
        else push_path(&files, o.files[i]);
    }
    const char *input = o.junit ? same_file(o.junit, files.v, files.n) : NULL;
    if (input) {
        say_error(json, o.junit, "--junit would overwrite %s, a file to test", input);
        status = EXIT_USAGE;
    } else if (test && !files.n) {
        say_error(o.format == COOP_FORMAT_JSON, NULL, "no .coop files to test in %s",
                  o.nfiles ? "the paths given" : "the current directory");
        status = EXIT_MODEL;
    } else if (o.defs.n && (status = check_defines(&o, &files)) != 0) {
        /* said: nothing runs */
    } else
        status = run_files(&o, &files, test) | (walked ? EXIT_MODEL : 0);
    for (size_t i = 0; i < files.n; i++) free(files.v[i]);
    free(files.v);
out:
    defines_free(&o.defs);
    free(o.files);
    return close_streams(status, o.format == COOP_FORMAT_JSON);
}
