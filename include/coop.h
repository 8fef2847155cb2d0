/*
 * coop.h - the coop library: load a model of cooperation in public-service
 * provision, decide which partnerships form, explain each verdict and rank
 * the factors that drive it.
 *
 * Data flows one way:  text -> tokens -> syntax tree -> resolved model and
 * world -> evaluation -> report.  This header is the whole public surface;
 * everything else in src/ is internal.
 *
 * Ownership.  Every object returned by a coop_*_new / coop_load* call is
 * owned by the caller and freed by the matching *_free call; the free
 * functions accept NULL.  Strings returned by query functions belong to the
 * object they were read from and live as long as it does.  The library never
 * calls exit(), never writes to stdout or stderr on its own: output goes only
 * to the FILE* a caller hands in, and problems are returned as diagnostics.
 */
#ifndef COOP_H
#define COOP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define COOP_VERSION "0.1.0"

/* The library is built with hidden visibility: only what this header
 * declares is exported (nm shows only coop_ names). */
#if defined(__GNUC__)
#define COOP_API __attribute__((visibility("default")))
#else
#define COOP_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Limits ------------------------------------------------------------
 * Every limit is named here, documented in docs/language.md ("Limits") and
 * tested at and beyond its edge (tests/limits.sh, tests/test_*.c). */

/* Largest script accepted, in bytes. */
#define COOP_MAX_FILE_SIZE (16 * 1024 * 1024)
/* Longest identifier, string or number, in bytes. */
#define COOP_MAX_TOKEN_LEN 1024
/* Deepest nesting of parentheses, braces and operators in one expression. */
#define COOP_MAX_DEPTH 200
/* Most kinds above any kind, up to its root (association is 1 below npo). */
#define COOP_MAX_KIND_DEPTH 64
/* Most factors in one partnership rule. */
#define COOP_MAX_FACTORS 64
/* Most parameters of one partnership rule; most arguments of a relation. */
#define COOP_MAX_PARAMS 8
/* Most attribute cells, actors times attribute names: each attribute is
 * stored as a dense column over all actors. */
#define COOP_MAX_ATTR_CELLS (16L * 1024 * 1024)
/* Most tuples one rule may range over (checked when the model loads). */
#define COOP_MAX_TUPLES 100000000L
/* Rules with at most this many factors get exact Shapley values (2^k
 * coalitions); beyond it, seeded permutation sampling with a standard error. */
#define COOP_SHAPLEY_EXACT_MAX 16
/* Permutations drawn when sampling Shapley values. */
#define COOP_SHAPLEY_PERMUTATIONS 2000
/* Seed of the sampler unless the caller gives one. */
#define COOP_SHAPLEY_SEED 1
/* A run stops reporting errors after this many, and warnings after as many. */
#define COOP_MAX_ERRORS 50

/* ---- Diagnostics -------------------------------------------------------- */

typedef enum { COOP_ERROR, COOP_WARNING, COOP_NOTE } coop_severity;

/* A position in a source: 1-based line, and 1-based column counted in
 * characters (UTF-8 code points), as editors show it. */
typedef struct coop_loc {
    int line, col;
    int end_line, end_col; /* one past the last character */
} coop_loc;

/* One message about a source position.  `file` is NULL for messages about no
 * file (a usage problem); `source_line` is a copy of that line of the file
 * (of a window of it around the column, between "...", when the line is
 * long), or NULL; `source_col` is loc.col's column within source_line. */
typedef struct coop_diag {
    coop_severity severity;
    const char *file;
    coop_loc loc;
    const char *message;
    const char *source_line;
    int source_col;
} coop_diag;

typedef struct coop_diags coop_diags;

COOP_API coop_diags *coop_diags_new(void);
COOP_API void coop_diags_free(coop_diags *d);
COOP_API void coop_diags_clear(coop_diags *d);
COOP_API size_t coop_diags_count(const coop_diags *d);
COOP_API const coop_diag *coop_diags_get(const coop_diags *d, size_t i);
/* How many errors (not warnings or notes) have been reported, those past
 * COOP_MAX_ERRORS included (they are counted, not kept). */
COOP_API size_t coop_diags_errors(const coop_diags *d);
/* True when the last error says the input ended too soon (an open brace, a
 * trailing operator): a REPL asks for another line instead of failing. */
COOP_API int coop_diags_incomplete(const coop_diags *d);
/* Prints every diagnostic as `file:line:col: error: message`, the source
 * line and a caret; with json != 0, one JSON object per line instead. */
COOP_API void coop_diags_print(const coop_diags *d, FILE *out, int json);

/* ---- Scripts -------------------------------------------------------------
 * A script is one source file, parsed and resolved: its model (kinds, rules,
 * factors, influence; fixed after load), its world (actors, attributes,
 * relations) and its statements (show, explain, dominance, expect). */

typedef struct coop_script coop_script;

/* Parses and resolves `len` bytes of `text`; `name` is used in diagnostics.
 * Returns NULL, with at least one error in `d`, if the script has errors;
 * warnings may be added either way.  The text is copied. */
COOP_API coop_script *coop_load(const char *name, const char *text, size_t len, coop_diags *d);
/* The same for a file read from `path`. */
COOP_API coop_script *coop_load_file(const char *path, coop_diags *d);
COOP_API void coop_script_free(coop_script *s);

/* ---- Running statements ---------------------------------------------- */

typedef enum { COOP_FORMAT_TEXT, COOP_FORMAT_JSON } coop_format;

/* The outcome of one `expect` statement. */
typedef struct coop_expect_result {
    const char *file;
    coop_loc loc;
    const char *text;   /* the expectation as written, normalised */
    int passed;
    const char *got;    /* what was found, as text ("0.4167", "capacity") */
} coop_expect_result;

typedef struct coop_options {
    FILE *out;            /* where results go; NULL: nowhere */
    coop_format format;
    int explain;          /* a trace for every verdict `show` prints */
    int expect_only;      /* run only `expect` statements (coop test) */
    uint64_t seed;        /* Shapley sampling seed; 0 means COOP_SHAPLEY_SEED */
    /* Called once per `expect`, after it is decided; may be NULL. */
    void (*on_expect)(void *ctx, const coop_expect_result *r);
    void *ctx;
} coop_options;

/* Runs the script's statements in order.  Returns the number of failed
 * expectations, or -1 if a statement could not be evaluated (the reason is
 * in `d`). */
COOP_API int coop_run(coop_script *s, const coop_options *opt, coop_diags *d);

/* ---- Queries ---------------------------------------------------------------
 * Indices are dense and stable for the life of a script; -1 means "no such
 * name".  Tuples are arrays of actor indices, one per rule parameter.
 * The evaluating queries keep a cache of evaluators inside the script, so
 * one script must not be queried from two threads at once. */

COOP_API int coop_rule_find(const coop_script *s, const char *name);
COOP_API int coop_actor_find(const coop_script *s, const char *name);
COOP_API int coop_factor_find(const coop_script *s, int rule, const char *name);
COOP_API int coop_rule_params(const coop_script *s, int rule);
COOP_API int coop_rule_factors(const coop_script *s, int rule);
COOP_API const char *coop_rule_name(const coop_script *s, int rule);
COOP_API const char *coop_factor_name(const coop_script *s, int rule, int factor);
COOP_API const char *coop_actor_name(const coop_script *s, int actor);

/* The tuples a rule ranges over (each set of actors once). */
COOP_API long coop_rule_tuples(const coop_script *s, int rule);
/* Evaluates every tuple of a rule; returns how many form, or -1 on a bad
 * rule index or a runtime error (division by zero). */
COOP_API long coop_rule_count(const coop_script *s, int rule);

typedef struct coop_verdict {
    int forms;       /* 1 if the partnership forms */
    int has_score;   /* 0 when the rule has no score */
    double score;
} coop_verdict;

/* Decides one tuple.  `effective`, if not NULL, receives the effective value
 * of each factor (coop_rule_factors() of them).  Returns 0, or -1 when the
 * tuple does not match the rule's parameter kinds, repeats an actor, or
 * meets a division by zero. */
COOP_API int coop_evaluate(const coop_script *s, int rule, const int *tuple,
                  coop_verdict *out, double *effective);

/* Shapley value of each factor for one tuple (see docs/analysis.md).
 * `stderr_out`, if not NULL, receives each value's standard error (0 when
 * exact).  Returns 1 if exact, 0 if sampled, -1 on a bad tuple or a
 * division by zero in some coalition. */
COOP_API int coop_shapley(const coop_script *s, int rule, const int *tuple, uint64_t seed,
                 double *phi, double *stderr_out);

/* The names a script declares, for completion and listings: kinds (the
 * built-in ones first), actors, attribute names, relations, partnerships,
 * and the factors of every partnership (a name once per partnership). */
typedef enum {
    COOP_NAMES_KIND, COOP_NAMES_ACTOR, COOP_NAMES_ATTRIBUTE,
    COOP_NAMES_RELATION, COOP_NAMES_RULE, COOP_NAMES_FACTOR
} coop_names;
COOP_API int coop_name_count(const coop_script *s, coop_names what);
COOP_API const char *coop_name(const coop_script *s, coop_names what, int i);
/* Does the actor set the attribute? */
COOP_API int coop_actor_has(const coop_script *s, int actor, const char *attr);

/* ---- Sessions --------------------------------------------------------------
 * A session builds a model piece by piece, as `coop repl` does.  Files and
 * typed input add declarations; one that names an existing kind, actor,
 * relation, partnership or relation value replaces it where it stood.
 * `what if` evaluates changes to attributes and relation values without
 * keeping them and prints every verdict and score they move; `set` keeps
 * them.  Every call either succeeds whole or leaves the session as it was:
 * an input that fails changes nothing.  Results go to the `out` of the
 * options the session was made with; problems go to `d`. */

typedef struct coop_session coop_session;

/* A new, empty session.  Of `opt` (copied), it uses out, format and seed;
 * `out` must outlive the session.  Names and texts given to the calls below
 * are copied.  Diagnostics accumulate in `d` until the caller clears it. */
COOP_API coop_session *coop_session_new(const coop_options *opt);
COOP_API void coop_session_free(coop_session *s);

typedef enum {
    COOP_DONE,       /* carried out */
    COOP_FAILED,     /* not carried out: the reasons are in d, nothing changed */
    COOP_INCOMPLETE  /* the input ends too soon (an open brace, a trailing
                        operator): give it again with the next line added */
} coop_status;

/* Reads a file into the session: its declarations join the model, its
 * statements are kept (for coop_session_save) but not run. */
COOP_API coop_status coop_session_load(coop_session *s, const char *path, coop_diags *d);

/* Carries out one input of `len` bytes: declarations and statements as in a
 * script, a bare expression (its value is printed), or a command:
 *   what if CHANGE, ... [: STATEMENT]   set CHANGE, ...   why R(a, b)
 *   undo   reset   changes
 * where CHANGE is `actor.attribute OP value` or `relation(a, b) OP value`
 * and OP is =, += or -= (docs/repl.md).  `name` and `line` say where the
 * input came from, for diagnostics (its first line is line `line`). */
COOP_API coop_status coop_session_input(coop_session *s, const char *name, int line, const char *text, size_t len,
                               coop_diags *d);

/* Writes the session's model as a script `coop run` accepts: the loaded
 * files' declarations and statements with every kept change in place, then
 * the declarations typed.  Written to a temporary file and renamed, so a
 * reader never sees half of it; an existing file is replaced only when
 * `overwrite` is set. */
COOP_API coop_status coop_session_save(coop_session *s, const char *path, int overwrite, coop_diags *d);

/* The session's current model (owned by the session, valid until its next
 * call). */
COOP_API const coop_script *coop_session_script(const coop_session *s);

#ifdef __cplusplus
}
#endif

#endif
