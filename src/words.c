/* words.c - the keywords, built-in functions and session commands. */
#include "words.h"

#include <string.h>

#include "parse.h"
#include "coop.tab.h"

static const struct { const char *w; int tok; } keywords[] = { /* sorted, for bsearch */
    {"actor", ACTOR}, {"and", AND}, {"baseline", BASELINE}, {"by", BY}, {"default", DEFAULT},
    {"dominance", DOMINANCE}, {"expect", EXPECT}, {"explain", EXPLAIN}, {"factor", FACTOR},
    {"false", FALSE}, {"forms", FORMS}, {"in", IN}, {"influence", INFLUENCE}, {"kind", KIND},
    {"not", NOT}, {"or", OR}, {"partnership", PARTNERSHIP}, {"relation", RELATION},
    {"score", SCORE}, {"show", SHOW}, {"true", TRUE}, {"when", WHEN}, {"within", WITHIN},
};
#define NKEYWORDS (sizeof keywords / sizeof keywords[0])

int words_keyword(const char *s, size_t n)
{
    size_t a = 0, b = NKEYWORDS;
    while (a < b) {
        size_t mid = (a + b) / 2;
        const char *w = keywords[mid].w;
        int c = strncmp(w, s, n);
        if (c == 0 && w[n]) c = 1; /* w is longer */
        if (c == 0) return keywords[mid].tok;
        if (c < 0) a = mid + 1; else b = mid;
    }
    return 0;
}

static const builtin_fn builtins[] = {
    {"abs", 0, 1, 1, 0, R_ABS, R_ERR, R_ERR, T_NUM},
    {"min", 0, 2, 64, 0, R_MIN, R_ERR, R_ERR, T_NUM},
    {"max", 0, 2, 64, 0, R_MAX, R_ERR, R_ERR, T_NUM},
    {"clamp", 0, 3, 3, 0, R_CLAMP, R_ERR, R_ERR, T_NUM},
    {"overlap", 0, 2, 2, 1, R_OVERLAP, R_ERR, R_ERR, T_NUM},
    {"size", 0, 1, 1, 1, R_SIZE, R_ERR, R_ERR, T_NUM},
    /* queries: one argument R(a, b) or R, and for two a factor name */
    {"score", 1, 1, 1, 0, R_ERR, R_QSCORE, R_ERR, T_NUM},
    {"value", 1, 2, 2, 0, R_ERR, R_VALUE, R_ERR, T_NUM},
    {"shapley", 1, 2, 2, 0, R_ERR, R_SHAPLEY, R_ERR, T_NUM},
    {"dominant", 1, 1, 1, 0, R_ERR, R_DOMINANT_T, R_DOMINANT_R, T_FACTOR},
    {"count", 1, 1, 1, 0, R_ERR, R_ERR, R_COUNT, T_NUM},
    {"importance", 1, 2, 2, 0, R_ERR, R_ERR, R_IMPORTANCE, T_NUM},
};
#define NBUILTINS (sizeof builtins / sizeof builtins[0])

const builtin_fn *words_builtin(const char *s)
{
    for (size_t i = 0; i < NBUILTINS; i++)
        if (strcmp(builtins[i].name, s) == 0) return &builtins[i];
    return NULL;
}

static const struct { const char *w; command c; } commands[] = { /* as completion offers them */
    {"what if", CMD_WHATIF}, {"set", CMD_SET}, {"why", CMD_WHY}, {"undo", CMD_UNDO},
    {"reset", CMD_RESET}, {"changes", CMD_CHANGES}, {":load", CMD_LOAD}, {":save", CMD_SAVE},
    {":save!", CMD_SAVE_OVER}, {":help", CMD_HELP}, {":quit", CMD_QUIT},
    /* short forms, not offered */
    {":h", CMD_HELP}, {":?", CMD_HELP}, {":q", CMD_QUIT}, {":exit", CMD_QUIT},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])
#define NOFFERED 11

command words_command(const char *s, size_t n)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strlen(commands[i].w) == n && strncmp(commands[i].w, s, n) == 0) return commands[i].c;
    return CMD_NONE;
}

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
    }
    return NULL;
}
