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

#include <signal.h>
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

/* Largest script accepted, in bytes; also the longest input, and line, the
 * REPL reads. */
#define COOP_MAX_FILE_SIZE (16 * 1024 * 1024)
/* Longest identifier, string or number, in bytes. */
#define COOP_MAX_TOKEN_LEN 1024
/* Deepest nesting of parentheses, braces and operators in one expression. */
#define COOP_MAX_DEPTH 200
/* Most kinds above any kind, up to its root (association is 1 below npo). */
#define COOP_MAX_KIND_DEPTH 64
/* Most factors in one partnership rule. */
#define COOP_MAX_FACTORS 64
/* Most requirements of one tender (a bid's failed ones are a set of them). */
#define COOP_MAX_REQUIREMENTS 64
/* Most obligations of one contract. */
#define COOP_MAX_OBLIGATIONS 64
/* Most parameters of one partnership rule; most arguments of a relation. */
#define COOP_MAX_PARAMS 8
/* Most parameters of a model (`param NAME = VALUE`): each world holds
 * their values, and each rule a byte per parameter saying whether it
 * reads it. */
#define COOP_MAX_MODEL_PARAMS 4096
/* Most aggregates nested one inside another (count(x: K where sum(... for
 * y: L ...) > 0) is 2 deep); each level binds a name the evaluator keeps
 * beside the tuple's actors. */
#define COOP_MAX_AGG_DEPTH 4
/* Most attribute cells, actors times attribute names: each attribute is
 * stored as a dense column over all actors. */
#define COOP_MAX_ATTR_CELLS (16L * 1024 * 1024)
/* Most tuples one rule may range over (checked when the model loads). */
#define COOP_MAX_TUPLES 100000000L
/* Most steps of a timeline (100,000 days are 273 years; months from
 * 0001-01 reach 8334-04). */
#define COOP_MAX_STEPS 100000
/* Most steps the dated and recurring events of a model act at, summed over
 * them (a dated event acts at 1, `every month` over ten years at 120): the
 * memory their schedules take. */
#define COOP_MAX_EVENT_STEPS (4L * 1024 * 1024)
/* Most cells (tuples or bids times periods; an actor's values times periods)
 * a `show R by PERIOD` keeps for its text grid and JSON spans (CSV keeps
 * none), and a `show world(a) by PERIOD` keeps in any format. */
#define COOP_MAX_GRID_CELLS (1L << 20)
/* Most steps the dated obligations of a model fall due at, summed over
 * them (`by DATE` at 1, `every quarter` over ten years at 40): the memory
 * their schedules and records take. */
#define COOP_MAX_DUE_STEPS (4L * 1024 * 1024)
/* Rules with at most this many factors get exact Shapley values (2^k
 * coalitions); beyond it, seeded permutation sampling with a standard error. */
#define COOP_SHAPLEY_EXACT_MAX 16
/* Permutations drawn when sampling Shapley values. */
#define COOP_SHAPLEY_PERMUTATIONS 2000
/* Seed of the sampler unless the caller gives one. */
#define COOP_SHAPLEY_SEED 1
/* Most coalitions one analysis of a whole rule (dominance R, importance(),
 * dominant(R)) may evaluate: its tuples times 2^k, or past
 * COOP_SHAPLEY_EXACT_MAX times 1 + 2000 k.  A rule whose score is linear in
 * its factors needs none (its Shapley values have a closed form); past the
 * budget the analysis is refused, with its count and how to shrink it. */
#define COOP_SHAPLEY_BUDGET (1LL << 27)
/* A what-if over a model with a timeline compares every tuple's verdict at
 * every step when tuples x steps is at most this; past it, only the last
 * step's (and says so). */
#define COOP_WHATIF_STEP_WORK 1000000
/* Which event made a partnership form (event Shapley values): with at most
 * this many dated and recurring events as players, every one of the 2^n
 * coalitions is run, the timeline each time (4,096 runs at 12); beyond
 * it, orders of the players are sampled. */
#define COOP_EVENT_SHAPLEY_EXACT_MAX 12
/* Orders drawn when sampling event Shapley values: up to 1 + 1000 n runs
 * of the timeline (each coalition run once), fewer than the factors'
 * 2,000 since a coalition here is a whole run, not one evaluation. */
#define COOP_EVENT_SHAPLEY_PERMUTATIONS 1000
/* Most dated and recurring events one such analysis takes as players. */
#define COOP_MAX_EVENT_PLAYERS 64
/* Most steps one such analysis may run: its runs of the timeline (2^n,
 * or sampled at most 1 + 1001 n and never more than 2^n) times the steps
 * each runs (up to and including the step asked about).  Past it the
 * analysis is refused before any run, with the count and how to shrink
 * it: 12 events at the 4,096th day of a daily timeline are at it. */
#define COOP_EVENT_SHAPLEY_WORK (1L << 24)
/* A winner's win price (win_price(T, x): the highest price at which it
 * would still have won) is searched up to this many times its own price;
 * a winner that still wins there is said to win at any price up to it. */
#define COOP_WIN_PRICE_RANGE 1000
/* Most points of one sweep: the product of its axes' counts of values
 * (`sweep` in a script, coop sweep's -p axes). */
#define COOP_SWEEP_MAX_POINTS 1000000L
/* Most evaluations one sweep may take before it starts: its points times
 * each point's (the tuples a query decides that the axes' values move, or
 * all of its rule's, times a Shapley analysis's coalitions per tuple; with
 * a timeline, each step once more).  Past it a script's sweep is refused,
 * and coop sweep too unless --force; of a shard (--shard K/N), its own
 * points are counted. */
#define COOP_SWEEP_WORK 10000000000LL
/* Most own values (tuples times factors) a sweep keeps of one rule: a point
 * that changes only parameters no factor of the rule reads for its own
 * value decides each tuple from them (its influence, score and verdict),
 * not its factors again; a rule of more is decided whole at each point. */
#define COOP_SWEEP_KEEP (1L << 23)
/* The smallest change that flips a verdict (flip R(a, b); docs/analysis.md,
 * "The smallest change that flips a verdict"): it moves at most this many
 * of the values the tuple's verdict reads (attributes of its actors,
 * relation values over them); past it, it is refused with how many there
 * are and how to name fewer (`by`). */
#define COOP_FLIP_MAX_INPUTS 16
/* A verdict linear in what moves is flipped exactly, by linear programmes
 * over the sets of inputs by size; one flip solves at most this many
 * (2^16: every set of 16 inputs against one polytope), a region reached
 * with no programme (a closed-form check) counted as one, past which it
 * searches instead, and says so. */
#define COOP_FLIP_MAX_LPS 65536
/* The flipped verdict is a union of polytopes (one true/false assignment's
 * clauses, over the pieces abs, min, max and clamp cut it into); past this
 * many the exact method gives way to the search, and says so. */
#define COOP_FLIP_MAX_POLYTOPES 1024
/* Evaluations a flip's search makes at most (a verdict that is not linear
 * in what moves, or a timeline whose events read or write it), each a
 * tuple decided again (on a timeline, a run of it). */
#define COOP_FLIP_EVALUATIONS 4000
/* A run stops reporting errors after this many, and warnings after as many. */
#define COOP_MAX_ERRORS 50
/* Case data from CSV (`data actors from "F" ...`, `data R from "F"`):
 * the largest file read, in bytes; most records after the header; most
 * fields in one record; the longest field, in bytes (a name or a string
 * of the language is at most COOP_MAX_TOKEN_LEN); and the errors said of
 * one file before the rest of it is left unread. */
#define COOP_MAX_CSV_SIZE (16 * 1024 * 1024)
#define COOP_MAX_CSV_ROWS 100000
#define COOP_MAX_CSV_COLUMNS 256
#define COOP_MAX_CSV_FIELD COOP_MAX_TOKEN_LEN
#define COOP_MAX_CSV_ERRORS 20

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
/* Adds a diagnostic of the caller's own (a front-end's), at file:line:col;
 * file NULL or line 0: about no place in a file.  The message is a printf
 * format. */
COOP_API void coop_diags_add(coop_diags *d, coop_severity sev, const char *file, int line, int col, const char *fmt,
                             ...) __attribute__((format(printf, 6, 7)));
/* Prints every diagnostic as `file:line:col: error: message`, the source
 * line and a caret; with json != 0, one JSON object per line instead. */
COOP_API void coop_diags_print(const coop_diags *d, FILE *out, int as_json);

/* ---- Out of memory -------------------------------------------------------
 * The library never writes to stdout or stderr.  When an allocation fails
 * it calls the handler set here with the size it asked for; the handler
 * must not return (it may exit, or longjmp out).  Without a handler, or if
 * it returns, the library calls abort().  coop's own program sets one that
 * prints "coop: out of memory" and exits 1. */

typedef void (*coop_oom_handler)(size_t bytes);
COOP_API void coop_set_oom_handler(coop_oom_handler fn);

/* ---- Scripts -------------------------------------------------------------
 * A script is one source file, parsed and resolved: its model (kinds,
 * actors, rules, factors, influence; fixed after load), the world it
 * declares (every attribute value and relation value) and its statements
 * (show, explain, dominance, expect).  A loaded script is immutable: every
 * call below that takes a const coop_script * only reads it, so threads may
 * share one script (each with its own queries and worlds). */

typedef struct coop_script coop_script;

/* Parses and resolves `len` bytes of `text`; `name` is used in diagnostics.
 * Returns NULL, with at least one error in `d`, if the script has errors;
 * warnings may be added either way.  The text is copied.  Its `data`
 * statements read their CSV files when it loads, a relative path from the
 * directory of `name` (the working directory when name has none, or names
 * a pipe or a device); their errors are said at file.csv:line:col. */
COOP_API coop_script *coop_load(const char *name, const char *text, size_t len, coop_diags *d);
/* The same for a file read from `path`. */
COOP_API coop_script *coop_load_file(const char *path, coop_diags *d);
COOP_API void coop_script_free(coop_script *s);

/* ---- Names -----------------------------------------------------------------
 * Indices are dense and stable for the life of a script; -1 means "no such
 * name" (and NULL no such index).  Tuples are arrays of actor indices, one
 * per rule parameter. */

COOP_API int coop_rule_find(const coop_script *s, const char *name);
COOP_API int coop_actor_find(const coop_script *s, const char *name);
COOP_API int coop_factor_find(const coop_script *s, int rule, const char *name);
COOP_API int coop_attr_find(const coop_script *s, const char *name);
COOP_API int coop_relation_find(const coop_script *s, const char *name);
/* The attribute index that holds field `field` of tender `rule`'s bids
 * (its bidders' values: coop_world_attr, coop_change_attr and the like take
 * it as an attribute), or -1 when no bid for the tender has that field.
 * coop_attr_find and COOP_NAMES_ATTRIBUTE know actors' attributes only. */
COOP_API int coop_field_find(const coop_script *s, int rule, const char *field);
/* The i-th field the bids for tender `rule` set (in the order they first
 * appear), or NULL past the last or for a rule that is not a tender. */
COOP_API const char *coop_field_name(const coop_script *s, int rule, int i);
COOP_API int coop_rule_params(const coop_script *s, int rule);
COOP_API int coop_rule_factors(const coop_script *s, int rule);
COOP_API int coop_relation_arity(const coop_script *s, int relation);
COOP_API const char *coop_rule_name(const coop_script *s, int rule);
COOP_API const char *coop_factor_name(const coop_script *s, int rule, int factor);
COOP_API const char *coop_actor_name(const coop_script *s, int actor);
/* The tuples a rule ranges over (where parameters share a kind, each set of
 * actors once, or in every order when the rule is declared `ordered`). */
COOP_API long coop_rule_tuples(const coop_script *s, int rule);

/* The names a script declares, for completion and listings: kinds (the
 * built-in ones first), actors, attribute names, relations, partnerships
 * (tenders among them), the factors of every partnership (a name once per
 * partnership), contracts and parameters; COOP_NAMES_DECLARED lists every
 * name a declaration introduces (kinds, parameters, actors, relations,
 * partnerships and their factors, contracts), as a REPL completes a bare
 * word. */
typedef enum {
    COOP_NAMES_KIND, COOP_NAMES_ACTOR, COOP_NAMES_ATTRIBUTE,
    COOP_NAMES_RELATION, COOP_NAMES_RULE, COOP_NAMES_FACTOR, COOP_NAMES_DECLARED,
    COOP_NAMES_CONTRACT, COOP_NAMES_PARAM
} coop_names;
COOP_API int coop_name_count(const coop_script *s, coop_names what);
COOP_API const char *coop_name(const coop_script *s, coop_names what, int i);
/* Does the actor have the attribute in the script's own world? */
COOP_API int coop_actor_has(const coop_script *s, int actor, const char *attr);

/* The language's fixed words: keywords, built-in functions, a session's
 * commands as typed ("what if", "set", ..., ":load", ":save", ":help",
 * ":quit"), the words that are names elsewhere but keywords where a
 * statement takes them ("sweep", "from", "to", "step", "at", ...), and the
 * names that start a declaration ("param", "data", "bid", "attribute").
 * The i-th, or NULL past the last. */
typedef enum {
    COOP_WORDS_KEYWORD, COOP_WORDS_FUNCTION, COOP_WORDS_COMMAND, COOP_WORDS_CONTEXT, COOP_WORDS_DECLARATION
} coop_words;
COOP_API const char *coop_word(coop_words what, int i);
/* The word of words[0..n) that coop would suggest for the unknown `word`
 * ("did you mean"; docs/language.md, Diagnostics), or NULL when none is
 * close.  Front-ends use it for their own names (commands, options). */
COOP_API const char *coop_suggest(const char *word, const char *const *words, size_t n);
/* What to write instead of `text`, a value given for a number inside lo ..
 * hi (NAN, NAN: any) that coop refused, as coop's own messages say it:
 * "decimal comma: write 0.4", "as a percentage, write 40% (= 0.4)" (a
 * whole number from 10 to 100 outside the range whose hundredth is
 * inside), into buf[n];
 * NULL when coop knows no better spelling.  Front-ends use it for values
 * they read themselves (coop run -D). */
COOP_API const char *coop_value_hint(const char *text, double lo, double hi, char *buf, size_t n);
/* Reads text as a number the way a script writes one: a sign, digits, a
 * decimal part, an exponent, a percent sign ("25%" is 0.25); no blanks,
 * no hexadecimal, no "inf" or "nan".  1 with the value in *v; 0 when text
 * is no such number; -1 when no double holds it (*why: "too large", "too
 * small: it would be 0").  Front-ends read -D and sweep values with it. */
COOP_API int coop_number_read(const char *text, double *v, const char **why);

/* ---- Worlds ------------------------------------------------------------------
 * A world is the state evaluation reads: every actor's attribute values and
 * every relation's values.  A script's own world is the one it declares;
 * clone it to change values and evaluate again (queries, runs and
 * differences below all take a world).  A world belongs to its script,
 * which must outlive it.  Changing a world is not thread-safe; reading one
 * from many threads is. */

typedef struct coop_world coop_world;

/* The world the script declares (owned by the script: never changed). */
COOP_API const coop_world *coop_script_world(const coop_script *s);
COOP_API coop_world *coop_world_clone(const coop_world *w);
COOP_API void coop_world_free(coop_world *w);

typedef enum {
    COOP_VALUE_NONE,     /* no such value: the actor lacks the attribute */
    COOP_VALUE_NUMBER, COOP_VALUE_BOOL, COOP_VALUE_STRING, COOP_VALUE_SET
} coop_value_type;

/* The type every actor's value of attribute `attr` has (NONE for a bad
 * index). */
COOP_API coop_value_type coop_attr_type(const coop_script *s, int attr);

/* Actor `actor`'s value of attribute `attr`: its type (NONE when the actor
 * lacks it or an index is bad).  *num gets a number or a boolean (1 or 0);
 * *str, if not NULL, a string (owned by the world, valid until it
 * changes). */
COOP_API coop_value_type coop_world_attr(const coop_world *w, int actor, int attr, double *num, const char **str);
/* The members of a set attribute, in the world's symbol order: up to max
 * of them into members[] (owned by the world); returns how many there are,
 * or -1 when the value is not a set the actor has. */
COOP_API int coop_world_members(const coop_world *w, int actor, int attr, const char **members, int max);
/* Sets actor `actor`'s attribute `attr`: a number (or, for a true/false
 * attribute, 0 or 1), a string, or a set of symbols.  Returns 0, or -1 when
 * an index is bad, the value is not finite, or its type is not the
 * attribute's.  The actor gets the attribute if it lacked it. */
COOP_API int coop_world_set_number(coop_world *w, int actor, int attr, double v);
COOP_API int coop_world_set_string(coop_world *w, int actor, int attr, const char *v);
COOP_API int coop_world_set_members(coop_world *w, int actor, int attr, const char *const *members, int n);

/* Relation `rel`'s value for the actors a[0..arity): set, or the default.
 * Returns -1 when the relation, an actor or an actor's kind is wrong (then
 * *v is untouched), 1 when a value is set for the tuple, 0 when it reads
 * the default. */
COOP_API int coop_world_relation(const coop_world *w, int rel, const int *actors, double *v);
/* Sets it (for a true/false relation, 0 or 1); or, with
 * coop_world_unset_relation, returns it to the default.  0, or -1. */
COOP_API int coop_world_set_relation(coop_world *w, int rel, const int *actors, double v);
COOP_API int coop_world_unset_relation(coop_world *w, int rel, const int *actors);

/* ---- Parameters --------------------------------------------------------------
 * A model's parameters (`param NAME = VALUE ["label"] [range LO .. HI]`,
 * docs/language.md, "Parameters") are values of the world: a number or
 * true/false each, read by name in rules and statements, never a factor.
 * A world's parameter changes as an attribute does; evaluation in that
 * world then reads the new value (what reads it is decided again). */

/* The index of the parameter `name`, or -1. */
COOP_API int coop_param_find(const coop_script *s, const char *name);
/* Parameter p's type (NUMBER or BOOL; NONE for a bad index), its value as
 * declared, its range (NAN, NAN when it has none) and its label (NULL:
 * none); each pointer may be NULL. */
COOP_API coop_value_type coop_param_info(const coop_script *s, int p, double *declared, double *lo, double *hi,
                                         const char **label);
/* Parameter p's value in w into *v (may be NULL): 0, or -1 for a bad index. */
COOP_API int coop_world_param(const coop_world *w, int p, double *v);
/* Sets parameter p in w: 0, or -1 when the index is bad, v is not finite,
 * not 0 or 1 for a true/false parameter, or outside the range (w is then
 * unchanged). */
COOP_API int coop_world_set_param(coop_world *w, int p, double v);

/* ---- Changes -----------------------------------------------------------------
 * A change is one edit of a world, as the REPL writes it:
 *   actor.attribute OP value      relation(actor, ...) OP value
 *   bid(tender, bidder).field OP value      parameter OP value
 * with OP one of `=`, `+=`, `-=` (`+=`/`-=` add to and take from a number,
 * or add and take members of a set).  A change names its target by index in
 * its script; it can be applied to any world of that script, inverted, and
 * written back as text. */

typedef struct coop_change coop_change;

/* Parses one change, naming actors, attributes, relations and bids' fields
 * of the script;
 * the value is a constant (a number, true/false, a string, a set, or
 * arithmetic on constants, kept exactly: 0.1 + 0.2 is 0.30000000000000004,
 * where coop repl rounds a computed value to 15 digits).  It reads no
 * attribute or relation value: a change that depends on the world is made
 * by reading the value (coop_world_attr) and building the change.  NULL,
 * with the errors in d, when it is not one; `name` is used in diagnostics. */
COOP_API coop_change *coop_change_parse(const coop_script *s, const char *name, const char *text, size_t len,
                                        coop_diags *d);
/* A change of a number (or true/false) attribute or of a relation value by
 * index: op is '=', '+' or '-'.  NULL on a bad index or operator, a value
 * that is not finite, or one that does not fit: true/false is set (`=`)
 * to 0 or 1, never added to; a set or string attribute takes
 * coop_change_parse or coop_world_set_members / _set_string. */
COOP_API coop_change *coop_change_attr(const coop_script *s, int actor, int attr, char op, double v);
COOP_API coop_change *coop_change_relation(const coop_script *s, int rel, const int *actors, char op, double v);
/* A change of parameter p (op '=', '+' or '-'): NULL on a bad index or
 * operator, or a value that does not fit its type; a value outside its
 * range is refused when the change is made (coop_change_apply: -1). */
COOP_API coop_change *coop_change_param(const coop_script *s, int p, char op, double v);
COOP_API void coop_change_free(coop_change *c);
/* Makes the change in w.  Returns 0, or -1 when it cannot be made there
 * (an amount added to a value the actor lacks, a result that is not
 * finite, a parameter outside its range); w is then unchanged. */
COOP_API int coop_change_apply(const coop_change *c, coop_world *w);
/* The change that undoes c made in `before` (the world as it was before
 * c): it sets the old value again, or returns the target to unset or to
 * its relation's default. */
COOP_API coop_change *coop_change_inverse(const coop_change *c, const coop_world *before);
/* The change as text ("acme.media += 0.1", "bid(t, hotel).price = 400000";
 * an inverse that returns a value to its default reads "trust(a, b) =
 * default", one that unsets it "acme.media = unset"): malloc'd, the caller
 * frees it. */
COOP_API char *coop_change_text(const coop_change *c);

/* ---- Running statements ---------------------------------------------- */

/* COOP_FORMAT_CSV: coop_run prints the tables of `show R` and `dominance
 * R` of a partnership, `show R by PERIOD`, `show world(a)` and `sweep` as
 * CSV (docs/language.md, "CSV"); another statement that prints is skipped,
 * with a warning at it (its `expect`s run as in text).  A session given it
 * prints as COOP_FORMAT_TEXT does. */
typedef enum { COOP_FORMAT_TEXT, COOP_FORMAT_JSON, COOP_FORMAT_CSV } coop_format;

/* The outcome of one `expect` statement. */
typedef struct coop_expect_result {
    const char *file;
    coop_loc loc;
    const char *text;   /* the expectation as written, normalised */
    int passed;
    const char *got;    /* what was found, held or not, as text ("0.4167", "capacity",
                           "0.31 < 0.25": both sides of a comparison of two computed) */
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
    /* May be NULL.  Evaluation looks at *interrupt every few tuples (not
     * per operation) and, once it is nonzero, stops the statement with the
     * error "interrupted" and runs no more; a session's input then fails
     * and changes nothing.  A SIGINT handler sets it (coop repl does); the
     * caller clears it before the next call. */
    const volatile sig_atomic_t *interrupt;
    /* Worker processes a sweep statement's points may take (fork: each a
     * copy of this process deciding every jobs-th point; the rows are the
     * same bytes for any number).  0 or 1: none, this process decides
     * them.  Output streams are flushed before the workers start; a
     * program running threads leaves it 0. */
    int jobs;
} coop_options;

/* `coop test`'s last line: "N passed, N failed", then, when files did not
 * load, "; N files did not load, so their expectations did not run"; or
 * its JSON object ({"type":"summary","passed":N,"failed":N,"not_loaded":N}).
 * coop_print_summary is coop_print_results with not_loaded 0. */
COOP_API void coop_print_results(FILE *out, coop_format format, int passed, int failed, int not_loaded);
COOP_API void coop_print_summary(FILE *out, coop_format format, int passed, int failed);

/* Runs the script's statements in order, in world w (NULL: the script's
 * own).  Returns the number of failed expectations, or -1 if a statement
 * could not be evaluated (the reason is in `d`). */
COOP_API int coop_run(const coop_script *s, const coop_world *w, const coop_options *opt, coop_diags *d);

/* ---- Queries -------------------------------------------------------------
 * A query evaluates a script's rules in one world, and keeps what it
 * worked out of a rule (counts, Shapley values) until a value the rule
 * reads changes in the world (other changes cost it nothing).  Each thread
 * uses its own query; many queries may share a script and a world. */

typedef struct coop_query coop_query;

/* A query of script s in world w (NULL: the script's own world); w and s
 * must outlive it.  `seed` seeds sampled Shapley values (0: the default). */
COOP_API coop_query *coop_query_new(const coop_script *s, const coop_world *w, uint64_t seed);
COOP_API void coop_query_free(coop_query *q);

typedef struct coop_verdict {
    int forms;       /* 1 if the partnership forms */
    int has_score;   /* 0 when the rule has no score */
    double score;
} coop_verdict;

/* Evaluates every tuple of a rule; returns how many form, or -1 on a bad
 * rule index or a runtime error (a division by zero, or a mean, lowest or
 * highest without else whose condition leaves no actor). */
COOP_API long coop_count(coop_query *q, int rule);
/* Decides one tuple.  `effective`, if not NULL, receives the effective value
 * of each factor (coop_rule_factors() of them).  Returns 0, or -1 when the
 * tuple does not match the rule's parameter kinds, repeats an actor, is not
 * one of the rule's tuples (same-kind parameters out of declaration order
 * in a rule not declared `ordered`), or meets a runtime error.  A tender's
 * bid that is not eligible and meets one in its factors or score is no
 * error: it does not form (is not eligible), and its score and effective
 * values are NaN (docs/language.md, "A runtime error in a bid that is not
 * eligible"); coop_shapley of it is that runtime error. */
COOP_API int coop_evaluate(coop_query *q, int rule, const int *tuple, coop_verdict *out, double *effective);
/* Shapley value of each factor for one tuple (see docs/analysis.md): of the
 * score, or for a rule without one of the verdict as 1 or 0.
 * `stderr_out`, if not NULL, receives each value's standard error (0 when
 * exact).  Returns 1 if exact, 0 if sampled, -1 on a bad tuple or a
 * runtime error in it or in some coalition. */
COOP_API int coop_shapley(coop_query *q, int rule, const int *tuple, double *phi, double *stderr_out);
/* After a call above returned -1 for a runtime error: where it was, as
 * an error added to d (returns 1); for a tuple that is not one of the
 * rule's: the tuple to ask for instead, at the rule's declaration (returns
 * 1); 0 when the last call met neither.  Every call starts with no error. */
COOP_API int coop_query_error(const coop_query *q, coop_diags *d);

/* ---- The smallest change that flips a verdict ------------------------------
 * `flip R(a, b) [to form|fail] [by ...]` (docs/analysis.md, "The smallest
 * change that flips a verdict") as a value: of the changes to what one
 * tuple's verdict reads that bring it to the verdict asked for, the
 * smallest (fewest values changed, then the least sum of each move over
 * its range), found exactly when the verdict is linear in what moves and
 * by a seeded search otherwise, and made in a copy of the world to decide
 * the tuple again: what the result says after it is the evaluator's. */

typedef enum { COOP_FLIP_OTHER = -1, COOP_FLIP_FAIL = 0, COOP_FLIP_FORM = 1 } coop_flip_to;

/* One value the change moves. */
typedef struct coop_flip_change {
    const char *target;   /* as a what-if writes it: "trust(elder_care, acme)", "acme.media", "w_trust" */
    int boolean;          /* a true/false value (value and was 1 or 0) */
    double value, was;    /* after the change, and now */
    double share;         /* its move over its range, to the bound `value` passes */
} coop_flip_change;

typedef struct coop_flip_result {
    int forms;            /* the verdict now (a bid's: eligible) */
    int has_score;
    double score;         /* now; 0 without a score */
    int to;               /* the verdict asked for: 1 form (eligible), 0 fail */
    int already;          /* the tuple has it now: found, no change, count and cost 0 */
    int found;            /* the verdict `to` is reached: already, or by changes[] */
    int nchanges;         /* changes[0 .. nchanges): the values moved, in the inputs' order */
    const coop_flip_change *changes;
    int forms_after;      /* when found: the evaluator's verdict and score with the change made */
    double score_after;
    int count;            /* values changed; -1 when not found */
    double cost;          /* the sum of their shares; INFINITY when not found */
    const char *what_if;  /* "what if a.x = 0.82, ..." to try it (NULL: no change), as the REPL reads it */
    int exact;            /* 1: solved (the least); 0: searched (it may not be) */
    long programmes;      /* linear programmes solved */
    long closed_form;     /* regions of the verdict reached with none */
    long evaluations;     /* tuples decided (on a timeline, runs of it) */
    const char *method;   /* how, as the text says it ("exact: 3 linear programmes over 2 inputs",
                             "search (...): may not be the smallest; WHY"), or NULL (already; nothing moves) */
    const char *left_out; /* what the verdict reads that no value the flip moves stands for, as the text's
                             "left out:" line says it ("what count(...) (line 9, column 22) reads of other
                             actors; ..."), or NULL: every value it reads is the tuple's own or a parameter */
} coop_flip_result;

/* The smallest change that brings tuple `tuple` of rule `rule` (a
 * partnership's, or a tender's bidder alone) to verdict `to`
 * (COOP_FLIP_OTHER: the other one than now) in q's world (on a timeline,
 * the declared world, and the last step's verdict, as the statement),
 * moving only what `by` names: NULL for every number and true/false value
 * the verdict reads of the tuple's actors (itself, or through an
 * aggregate, a contract, a tender or a timeline's events), else names as a statement
 * writes them after `by` ("capacity, acme.media, trust, w_trust"; the
 * model's parameters move only when named); a search is seeded with q's
 * seed.  Returns the result, owned by the caller (coop_flip_free), or
 * NULL with the reasons in d: a bad rule or `to`, a tuple that is not one
 * of the rule's, a name of `by` (each said at its column of the statement
 * the call stands for, in a source named "coop_flip"), a runtime error
 * deciding the tuple, more than COOP_FLIP_MAX_INPUTS values that move. */
COOP_API coop_flip_result *coop_flip(coop_query *q, int rule, const int *tuple, coop_flip_to to, const char *by,
                                     coop_diags *d);
COOP_API void coop_flip_free(coop_flip_result *r);

/* ---- Differences -----------------------------------------------------------
 * The verdicts and scores that differ between two worlds of one script:
 * what a `what if` prints.  Only the tuples that read a value that differs
 * are evaluated again (an attribute of one actor moves the tuples with that
 * actor; a relation value, the tuples that read it for those actors). */

typedef struct coop_diff coop_diff;

/* The differences from world a to world b (both of script s).  NULL only
 * when a world is not of s. */
COOP_API coop_diff *coop_diff_new(const coop_script *s, const coop_world *a, const coop_world *b);
COOP_API void coop_diff_free(coop_diff *x);
/* How many tuples of the rule differ: a verdict or a score; of a tender,
 * the bids whose rank, eligibility (forms), score or failed requirements
 * moved, in the order of its ranking in world b (a tender that reads
 * anything that differs is decided whole in both worlds). */
COOP_API long coop_diff_rows(const coop_diff *x, int rule);
/* Row i of the rule, in the rule's tuple order: the tuple (coop_rule_params
 * actors) and its verdict in each world.  Returns 0, or -1 for a bad index;
 * a verdict that meets a runtime error has forms = -1. */
COOP_API int coop_diff_row(const coop_diff *x, int rule, long i, int *tuple, coop_verdict *a, coop_verdict *b);
/* How many of the rule's tuples were evaluated (in each world) to find
 * them. */
COOP_API long coop_diff_evaluated(const coop_diff *x, int rule);

/* ---- Sweeps ----------------------------------------------------------------
 * A sweep decides queries at every point of a grid of values (what
 * `coop sweep` does; docs/analysis.md, "Sweeps"): the cartesian product of
 * its axes, each a value a what-if can change (a parameter, an actor's
 * number or true/false attribute, a relation's value, a bid's field) taking a list
 * of values or the range A, A + S, ..., B (A + i*S rounded to the decimals
 * A and S are written with).  Points are numbered in grid order, the first
 * axis slowest.  A point is the world the sweep starts from with each
 * axis's value set, made in one copy of it: never a reload.  A sweep reads
 * its script, which must outlive it; deciding points changes the sweep, so
 * each thread (or process) uses its own. */

typedef struct coop_sweep coop_sweep;

/* A sweep of script s starting from world w (NULL: the script's own),
 * deciding its queries with opt's seed and interrupt (its out, format and
 * callbacks are not used); its records are `format`: COOP_FORMAT_CSV (a
 * header record, then a record a point: RFC 4180) or COOP_FORMAT_JSON (a
 * JSON object a point, on a line of its own). */
COOP_API coop_sweep *coop_sweep_new(const coop_script *s, const coop_world *w, coop_format format,
                                    const coop_options *opt);
COOP_API void coop_sweep_free(coop_sweep *sw);
/* Adds an axis as coop sweep's -p writes it: "TARGET=A:B:S" (from A to B
 * step S) or "TARGET=V1,V2,..." (a list), TARGET as a what-if names it,
 * each value a number (25% is 0.25) or true/false.  0, or -1 with the
 * reasons in d at the spec's columns (its file "-p", its line the axis's
 * number): an unknown target, a step of 0 or of the wrong sign, a value of
 * the wrong type or outside the target's range, a target given twice, a
 * grid past COOP_SWEEP_MAX_POINTS. */
COOP_API int coop_sweep_axis(coop_sweep *sw, const char *spec, coop_diags *d);
/* Adds a query: an expression as a script's statements read it
 * (`count(alliance)`, `dominant(alliance(a, b))`), and what the axes given
 * before it set (an attribute an actor lacks in the starting world too);
 * in diagnostics its file is "--query", its line the query's number.  0,
 * or -1 with the reasons in d (a query given twice among them). */
COOP_API int coop_sweep_query(coop_sweep *sw, const char *text, coop_diags *d);
/* The grid's points (1 before any axis). */
COOP_API long coop_sweep_points(const coop_sweep *sw);
/* The evaluations n of its points take, as counted against
 * COOP_SWEEP_WORK. */
COOP_API double coop_sweep_work(const coop_sweep *sw, long n);
/* Writes the header record (CSV: the axes' targets, then each query as
 * written, `TEXT (query)` where an axis has that name: the names JSON
 * lines' keys are too; nothing for JSON lines). */
COOP_API void coop_sweep_header(const coop_sweep *sw, FILE *out);
/* Decides point i (0 <= i < coop_sweep_points) and writes its record: the
 * axes' values, then each query's value (CSV: a number at full precision,
 * true/false and a verdict 1 or 0, a name, empty for none).  0; -1 after a
 * runtime error, said in d with the point; -2 when opt's interrupt stopped
 * it.  The same point gives the same bytes in any process. */
COOP_API int coop_sweep_point(coop_sweep *sw, long i, FILE *out, coop_diags *d);
/* Decides the points first, first + step, ... (n of them) and writes
 * their records to out in that order, in `jobs` worker processes (fork:
 * each a copy of this process deciding every jobs-th of them; 0 or 1:
 * this process decides them): the same bytes for any jobs.  After each
 * record, progress(ctx) when progress is not NULL.  0; -1 after a runtime
 * error at a point (said in d with the point, the records before it
 * written) or a worker that could not start or was killed (said in d); -2
 * when opt's interrupt stopped it (Ctrl-C ends the workers at once).
 * Output streams are flushed before the workers start; a program running
 * threads asks for none. */
COOP_API int coop_sweep_run(coop_sweep *sw, long first, long step, long n, int jobs, FILE *out,
                            void (*progress)(void *ctx), void *ctx, coop_diags *d);
/* The first line of shard k of n of this sweep (coop sweep --shard K/N),
 * which coop_sweep_merge reads: the shard, the grid's size and
 * fingerprints of the grid, the queries (and seed) and the model. */
COOP_API void coop_sweep_shard_header(const coop_sweep *sw, long k, long n, FILE *out);
/* Joins the outputs of the n shards of one sweep (the files at paths[],
 * in any order) into out: exactly what one run of the sweep would have
 * written.  0, or -1 with the reasons in d, before anything is written:
 * a file that is no shard, a shard missing or given twice, shards of
 * different sweeps (grid, queries, seed, model or format), a shard cut
 * short. */
COOP_API int coop_sweep_merge(const char *const *paths, int n, FILE *out, coop_diags *d);

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

/* A new, empty session.  Of `opt` (copied), it uses out, format, seed,
 * interrupt and jobs (a sweep's worker processes); `out` must outlive the
 * session.  Names and texts given to the calls below are copied.
 * Diagnostics accumulate in `d` until the caller clears it. */
COOP_API coop_session *coop_session_new(const coop_options *opt);
COOP_API void coop_session_free(coop_session *s);

typedef enum {
    COOP_DONE,       /* carried out */
    COOP_FAILED,     /* not carried out: the reasons are in d, nothing changed */
    COOP_INCOMPLETE, /* the input ends too soon (an open brace, a trailing
                        operator): give it again with the next line added */
    COOP_DEFERRED    /* waiting, as coop_session_defer asked: carried out
                        by coop_session_flush */
} coop_status;

/* Reads a file into the session: its declarations join the model, its
 * statements are kept (for coop_session_save) but not run; its `data`
 * statements read their files from its directory (typed ones, from the
 * working directory). */
COOP_API coop_status coop_session_load(coop_session *s, const char *path, coop_diags *d);

/* Carries out one input of `len` bytes: declarations and statements as in a
 * script, a bare expression (its value is printed), or a command:
 *   what if CHANGE, ... [: STATEMENT]   set CHANGE, ...   why R(a, b)
 *   undo   reset   changes
 * where CHANGE is `actor.attribute OP value`, `relation(a, b) OP value` or
 * `bid(tender, bidder).field OP value` and OP is =, += or -=; a tender's
 * award in a what-if is decided whole, and `why T` explains it
 * (docs/repl.md).  `name` and `line` say where the
 * input came from, for diagnostics (its first line is line `line`). */
COOP_API coop_status coop_session_input(coop_session *s, const char *name, int line, const char *text, size_t len,
                               coop_diags *d);
/* coop_session_input for an input given again with a line added: its
 * first `from` bytes are, unchanged, the text of the last call, which
 * returned COOP_INCOMPLETE, and the rest starts with a line end.  The
 * session parses only what follows them while they cannot end the input,
 * so an input of many lines costs its length, not its length times its
 * lines (the REPL's way).  Any other call is coop_session_input's. */
COOP_API coop_status coop_session_input_more(coop_session *s, const char *name, int line, const char *text,
                                             size_t len, size_t from, coop_diags *d);

/* Inputs read from a pipe or a file (the REPL's way): with `on`, an input
 * of declarations waits (COOP_DEFERRED) for more to join it, and
 * coop_session_flush carries out a run of waiting declarations that add
 * what no earlier one declared, and name only what is declared before
 * them, with one build of the model, not one each.  Another input is
 * carried out at once, or, when declarations wait, waits behind them and
 * makes coop_session_due true: flush then.  What is printed, in which
 * order, and what undo reverts, are as if each input had been carried out
 * when given. */
COOP_API void coop_session_defer(coop_session *s, int on);
/* Inputs waiting. */
COOP_API size_t coop_session_pending(const coop_session *s);
/* Whether the waiting inputs must be carried out before the next is given
 * (one of them is no declaration). */
COOP_API int coop_session_due(const coop_session *s);
/* Carries out the next waiting inputs: a run of declarations as one (or up
 * to the first of them that fails, which is then carried out alone and
 * reported in d), or one other input; its status, COOP_DONE if none waits.
 * Call it until none waits, reporting d after each call. */
COOP_API coop_status coop_session_flush(coop_session *s, coop_diags *d);

/* The command a word names as typed: "what if", "set", "why", "flip",
 * "undo", "reset", "changes", ":load", ":save", ":save!", ":help", ":quit"
 * (and the short forms ":h", ":?", ":q", ":exit"); COOP_CMD_NONE for none.
 * (`why` and `flip` are statements too: a script may hold them.) */
typedef enum {
    COOP_CMD_NONE, COOP_CMD_WHATIF, COOP_CMD_SET, COOP_CMD_WHY, COOP_CMD_UNDO, COOP_CMD_RESET,
    COOP_CMD_CHANGES, COOP_CMD_LOAD, COOP_CMD_SAVE, COOP_CMD_SAVE_OVER, COOP_CMD_HELP, COOP_CMD_QUIT,
    COOP_CMD_FLIP
} coop_command;
COOP_API coop_command coop_command_find(const char *word, size_t len);

/* Writes what every input and command does (`:help`) to the session's out,
 * as text or as one JSON object. */
COOP_API void coop_session_help(const coop_session *s);

/* Writes the session's model as a script `coop run` accepts: the loaded
 * files' declarations and statements with every kept change in place, then
 * the declarations typed.  Written to a temporary file and renamed, so a
 * reader never sees half of it; an existing file is replaced only when
 * `overwrite` is set. */
COOP_API coop_status coop_session_save(coop_session *s, const char *path, int overwrite, coop_diags *d);

/* Writes len bytes of text to the file at path, whole or not at all (as
 * coop_session_save writes): a regular file is replaced by a new one
 * renamed over it; a device or a pipe is written as it is.  A write that
 * fails (a full disk) is COOP_FAILED, with "cannot write: REASON" in d. */
COOP_API coop_status coop_write_file(const char *path, const char *text, size_t len, coop_diags *d);

/* The session's current model and world: the model of its declarations,
 * and that model's world with every kept change made (both owned by the
 * session, valid until its next call). */
COOP_API const coop_script *coop_session_script(const coop_session *s);
COOP_API const coop_world *coop_session_world(const coop_session *s);

#ifdef __cplusplus
}
#endif

#endif
