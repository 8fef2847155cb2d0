/* words.c - the keywords, built-in functions and session commands. */
#include "words.h"

#include <string.h>

#include "parse.h"
#include "coop.tab.h"

static const struct keyword { const char *w; int tok; } keywords[] = { /* sorted, for words_find */
    {"actor", ACTOR}, {"and", AND}, {"baseline", BASELINE}, {"by", BY}, {"contract", CONTRACT},
    {"default", DEFAULT}, {"dominance", DOMINANCE}, {"else", ELSE}, {"event", EVENT}, {"expect", EXPECT},
    {"explain", EXPLAIN}, {"factor", FACTOR}, {"false", FALSE}, {"for", FOR}, {"forms", FORMS}, {"in", IN},
    {"influence", INFLUENCE}, {"kind", KIND}, {"not", NOT}, {"or", OR}, {"partnership", PARTNERSHIP},
    {"relation", RELATION}, {"score", SCORE}, {"show", SHOW}, {"tender", TENDER}, {"timeline", TIMELINE},
    {"true", TRUE}, {"when", WHEN}, {"where", WHERE}, {"within", WITHIN},
};
#define NKEYWORDS (sizeof keywords / sizeof keywords[0])

const void *words_find(const void *table, size_t n, size_t size, const char *s, size_t len)
{
    size_t a = 0, b = n;
    while (a < b) {
        size_t mid = (a + b) / 2;
        const void *e = (const char *)table + mid * size;
        const char *w = *(const char *const *)e;
        int c = strncmp(w, s, len);
        if (c == 0 && w[len]) c = 1; /* w is longer */
        if (c == 0) return e;
        if (c < 0) a = mid + 1; else b = mid;
    }
    return NULL;
}

int words_keyword(const char *s, size_t n)
{
    const struct keyword *k = words_find(keywords, NKEYWORDS, sizeof keywords[0], s, n);
    return k ? k->tok : 0;
}

/* Names that are tokens where the parser takes them (parse.c): an event's
 * `at`, `every`, `on`, `while`; `range` after a value; a query's `at`,
 * `throughout`, `during`; explain's `from`, `to`; `why`, `flip` and
 * `sweep` starting a statement, a sweep's `from`, `to`, `step`. */
static const struct keyword context[] = { /* sorted, for words_find */
    {"at", AT}, {"during", DURING}, {"every", EVERY}, {"flip", FLIP}, {"from", FROM}, {"on", ON}, {"range", RANGE},
    {"step", STEP}, {"sweep", SWEEP}, {"throughout", THROUGHOUT}, {"to", TO}, {"while", WHILE}, {"why", WHY},
};
#define NCONTEXT (sizeof context / sizeof context[0])

int words_context(const char *s)
{
    const struct keyword *k = words_find(context, NCONTEXT, sizeof context[0], s, strlen(s));
    return k ? k->tok : 0;
}

/* Names that start a declaration where they stand first in it, followed
 * by a name (`param w = 0.25`, `data actors from ...`, `bid T by x {`,
 * `attribute a : K range ...`): classify (parse.c) reads them, and
 * completion offers them with the keywords. */
static const struct keyword declaration[] = { /* sorted; no token: the grammar reads them as names */
    {"attribute", 0}, {"bid", 0}, {"data", 0}, {"param", 0},
};
#define NDECLARATION (sizeof declaration / sizeof declaration[0])

int words_declaration(const char *s)
{
    return words_find(declaration, NDECLARATION, sizeof declaration[0], s, strlen(s)) != NULL;
}

static const builtin_fn builtins[] = {
    {"abs", 0, 1, 1, 0, R_ABS, R_ERR, R_ERR, T_NUM, AGG_NONE, 0},
    {"min", 0, 2, 64, 0, R_MIN, R_ERR, R_ERR, T_NUM, AGG_NONE, 0},
    {"max", 0, 2, 64, 0, R_MAX, R_ERR, R_ERR, T_NUM, AGG_NONE, 0},
    {"clamp", 0, 3, 3, 0, R_CLAMP, R_ERR, R_ERR, T_NUM, AGG_NONE, 0},
    {"round", 0, 2, 2, 0, R_ROUND, R_ERR, R_ERR, T_NUM, AGG_NONE, 0},
    {"overlap", 0, 2, 2, 1, R_OVERLAP, R_ERR, R_ERR, T_NUM, AGG_NONE, 0},
    {"covers", 0, 2, 2, 1, R_COVERS, R_ERR, R_ERR, T_NUM, AGG_NONE, 0},
    {"common", 0, 2, 2, 1, R_COMMON, R_ERR, R_ERR, T_NUM, AGG_NONE, 0},
    {"size", 0, 1, 1, 1, R_SIZE, R_ERR, R_ERR, T_NUM, AGG_NONE, 0},
    /* queries: one argument R(a, b) or R, and for two a factor name; the
     * last three are of Shapley values */
    {"score", 1, 1, 1, 0, R_ERR, R_QSCORE, R_ERR, T_NUM, AGG_NONE, 0},
    {"value", 1, 2, 2, 0, R_ERR, R_VALUE, R_ERR, T_NUM, AGG_NONE, 0},
    {"shapley", 1, 2, 2, 0, R_ERR, R_SHAPLEY, R_ERR, T_NUM, AGG_NONE, 1},
    {"dominant", 1, 1, 1, 0, R_ERR, R_DOMINANT_T, R_DOMINANT_R, T_FACTOR, AGG_NONE, 1},
    {"count", 1, 1, 1, 0, R_ERR, R_ERR, R_COUNT, T_NUM, AGG_COUNT, 0},
    {"importance", 1, 2, 2, 0, R_ERR, R_ERR, R_IMPORTANCE, T_NUM, AGG_NONE, 1},
    /* over the timeline's steps: the first a condition holds at */
    {"first", 1, 1, 1, 0, R_FIRST, R_ERR, R_ERR, T_DATE, AGG_NONE, 0},
    /* which event made it form (evshap.h) */
    {"decisive", 1, 1, 1, 0, R_DECISIVE, R_ERR, R_ERR, T_EVENT, AGG_NONE, 0},
    {"but_for", 1, 2, 2, 0, R_BUT_FOR, R_ERR, R_ERR, T_BOOL, AGG_NONE, 0},
    /* the smallest change that flips a verdict (flip.h) */
    {"flip_count", 1, 1, 1, 0, R_ERR, R_FLIP_COUNT, R_ERR, T_NUM, AGG_NONE, 0},
    {"flip_cost", 1, 1, 1, 0, R_ERR, R_FLIP_COST, R_ERR, T_NUM, AGG_NONE, 0},
    {"flippable", 1, 1, 1, 0, R_ERR, R_FLIPPABLE, R_ERR, T_BOOL, AGG_NONE, 0},
    /* aggregates over actors (count above, a query too) */
    {"sum", 0, 1, 1, 0, R_AGG, R_ERR, R_ERR, T_NUM, AGG_SUM, 0},
    {"mean", 0, 1, 1, 0, R_AGG, R_ERR, R_ERR, T_NUM, AGG_MEAN, 0},
    {"lowest", 0, 1, 1, 0, R_AGG, R_ERR, R_ERR, T_NUM, AGG_LOWEST, 0},
    {"highest", 0, 1, 1, 0, R_AGG, R_ERR, R_ERR, T_NUM, AGG_HIGHEST, 0},
};
#define NBUILTINS (sizeof builtins / sizeof builtins[0])

const builtin_fn *words_builtin(const char *s)
{
    for (size_t i = 0; i < NBUILTINS; i++)
        if (strcmp(builtins[i].name, s) == 0) return &builtins[i];
    return NULL;
}

const builtin_fn *words_builtin_at(int i) { return i >= 0 && (size_t)i < NBUILTINS ? &builtins[i] : NULL; }

const char *words_agg_name(agg_op op)
{
    for (size_t i = 0; i < NBUILTINS; i++)
        if (builtins[i].agg == op) return builtins[i].name;
    return "?";
}

static const struct { const char *w; coop_command c; } commands[] = { /* as completion offers them */
    {"what if", COOP_CMD_WHATIF}, {"set", COOP_CMD_SET}, {"why", COOP_CMD_WHY}, {"flip", COOP_CMD_FLIP},
    {"undo", COOP_CMD_UNDO},
    {"reset", COOP_CMD_RESET}, {"changes", COOP_CMD_CHANGES}, {":load", COOP_CMD_LOAD}, {":save", COOP_CMD_SAVE},
    {":save!", COOP_CMD_SAVE_OVER}, {":help", COOP_CMD_HELP}, {":quit", COOP_CMD_QUIT},
    /* short forms, not offered */
    {":h", COOP_CMD_HELP}, {":?", COOP_CMD_HELP}, {":q", COOP_CMD_QUIT}, {":exit", COOP_CMD_QUIT},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])
#define NOFFERED 12

coop_command coop_command_find(const char *s, size_t n)
{
    if (!s) return COOP_CMD_NONE;
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strlen(commands[i].w) == n && strncmp(commands[i].w, s, n) == 0) return commands[i].c;
    return COOP_CMD_NONE;
}

const char words_help[] =
    "Type declarations and statements as in a script; they join the session's model\n"
    "(a declaration of an existing name replaces it) or run at once.\n"
    "\n"
    "  alliance(elder_care, acme)        a bare expression prints its value\n"
    "  show alliance                     statements: show, explain, dominance, why, expect\n"
    "  trust(sunshine_fund, acme) = 0.5  a declaration joins the model (this one replaces\n"
    "                                    the relation's value for the pair, if set)\n"
    "  what if acme.media = 0.9          the verdicts and scores that change, kept nowhere\n"
    "  what if trust(elder_care, acme) += 0.2, acme.concerns += {elderly}\n"
    "                                    several changes; += and -= change by an amount\n"
    "                                    (for a set attribute: add or take away members)\n"
    "  what if acme.media = 0.9 : dominance alliance(elder_care, acme)\n"
    "                                    one statement now and under the changes\n"
    "  what if bid(training, hotel).price = 400000\n"
    "                                    a bid's field: a tender's winner, status and ranks\n"
    "                                    that move come first\n"
    "  what if w_trust = 0.4             a parameter (param w_trust = 0.25 in the model);\n"
    "                                    show params lists them\n"
    "  sweep acme.media from 0.2 to 0.8 step 0.2, trust(elder_care, acme) in {0.3, 0.6} :\n"
    "    count(alliance)                 a value (or an expect) at every point of a grid\n"
    "  with a timeline:\n"
    "  alliance(elder_care, acme) at 2015-06   a value at a date (first(...): the first date)\n"
    "  show alliance by year             each tuple's verdict as each year ends (show\n"
    "                                    world(acme) by year: an actor's values)\n"
    "  what if no gala                   an event switched off (gala at 2013-06, reporting\n"
    "                                    every quarter: it acts otherwise); the verdicts are\n"
    "                                    compared at every step too\n"
    "  why cooperation(bureau, emil) at 2015\n"
    "                                    the verdict's last change and what changed what it\n"
    "                                    reads (explain ... from D1 to D2: every change)\n"
    "  set acme.media = 0.9              keep a change (prints what it moves)\n"
    "  why alliance(elder_care, acme)    the trace of a verdict (explain)\n"
    "  flip alliance(sunshine_fund, acme)\n"
    "                                    the smallest change that turns its verdict around,\n"
    "                                    and a what-if to try it (to form, to fail: the\n"
    "                                    verdict asked for; by capacity, trust: only those\n"
    "                                    move); flip_count(...), flip_cost(... to form)\n"
    "  why training                      a tender's award: the winner's trace, or the ranking\n"
    "  undo                              revert the last declaration, set, or :load made\n"
    "                                    after a change\n"
    "  reset                             read again the files loaded before the first change,\n"
    "                                    dropping every change\n"
    "  changes                           list what undo can revert, oldest first\n"
    "  :load more_actors.coop            read a file into the session\n"
    "  data actors from \"orgs.csv\" kind npo\n"
    "                                    actors from a CSV file (data trust from \"t.csv\": a\n"
    "                                    relation's values); typed again, it reads it again\n"
    "  :save scenario.coop               write the model as a script (:save! to replace a file)\n"
    "  :help                             this text (also :h or :?)\n"
    "  :quit                             leave (also :q or :exit; Ctrl-D on an empty line)\n"
    "\n"
    "Tab completes keywords, commands and names (attributes after 'actor.');\n"
    "Ctrl-C abandons the input being typed, or stops the command running.\n"
    "docs/repl.md has the details.\n";

int words_tender_setting(const char *s)
{
    return !strcmp(s, "buyer") || !strcmp(s, "budget") || !strcmp(s, "method") || !strcmp(s, "min_bids");
}

const char words_of_where[] =
    "'of verdict' and 'of score' follow only the rule or tuple of dominance or of a query of Shapley values: "
    "dominance R(a, b) of verdict, shapley(R(a, b) of verdict, f), dominant(R of verdict), importance(R of verdict, f)";

const char *coop_word(coop_words what, int i)
{
    if (i < 0) return NULL;
    switch (what) {
    case COOP_WORDS_KEYWORD: return (size_t)i < NKEYWORDS ? keywords[i].w : NULL;
    case COOP_WORDS_FUNCTION: /* `score` is a keyword too: listed there */
        for (size_t k = 0; k < NBUILTINS; k++)
            if (!words_keyword(builtins[k].name, strlen(builtins[k].name)) && i-- == 0) return builtins[k].name;
        return NULL;
    case COOP_WORDS_COMMAND: return i < NOFFERED ? commands[i].w : NULL;
    case COOP_WORDS_CONTEXT: return (size_t)i < NCONTEXT ? context[i].w : NULL;
    case COOP_WORDS_DECLARATION: return (size_t)i < NDECLARATION ? declaration[i].w : NULL;
    }
    return NULL;
}
