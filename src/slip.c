/* slip.c - the tables of slips: characters from another keyboard,
 * punctuation of other languages, words for true and false, the REPL's
 * commands written in a script. */
#include "slip.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "parse.h"
#include "utf8.h"
#include "words.h"
#include "coop.tab.h"

/* What a Chinese input method types for the ASCII keys coop uses (its
 * punctuation mode), typographic quotes, and the signs a paper prints.
 * Every other non-ASCII character may be part of a name. */
static const slip_char chars[] = { /* sorted by code point, for bsearch */
    {0x00A0, "no-break space", " "},
    {0x00D7, "multiplication sign", "*"},
    {0x00F7, "division sign", "/"},
    {0x2018, "left single quotation mark", "\""},
    {0x2019, "right single quotation mark", "\""},
    {0x201C, "left double quotation mark", "\""},
    {0x201D, "right double quotation mark", "\""},
    {0x2192, "rightwards arrow", "->"},
    {0x2212, "minus sign", "-"},
    {0x2260, "not-equal sign", "!="},
    {0x2264, "less-than or equal sign", "<="},
    {0x2265, "greater-than or equal sign", ">="},
    {0x3000, "ideographic space", " "},
    {0x3001, "ideographic comma", ","},
    {0x3002, "ideographic full stop", "."},
    {0x300A, "left double angle bracket", "<"},
    {0x300B, "right double angle bracket", ">"},
    {0x300C, "left corner bracket", "\""},
    {0x300D, "right corner bracket", "\""},
    {0x3010, "left black lenticular bracket", "["},
    {0x3011, "right black lenticular bracket", "]"},
    {0xFF01, "full-width exclamation mark", "!"},
    {0xFF02, "full-width quotation mark", "\""},
    {0xFF03, "full-width number sign", "#"},
    {0xFF05, "full-width percent sign", "%"},
    {0xFF06, "full-width ampersand", "&"},
    {0xFF08, "full-width left parenthesis", "("},
    {0xFF09, "full-width right parenthesis", ")"},
    {0xFF0A, "full-width asterisk", "*"},
    {0xFF0B, "full-width plus sign", "+"},
    {0xFF0C, "full-width comma", ","},
    {0xFF0D, "full-width hyphen-minus", "-"},
    {0xFF0E, "full-width full stop", "."},
    {0xFF0F, "full-width solidus", "/"},
    {0xFF1A, "full-width colon", ":"},
    {0xFF1B, "full-width semicolon", ";"},
    {0xFF1C, "full-width less-than sign", "<"},
    {0xFF1D, "full-width equals sign", "="},
    {0xFF1E, "full-width greater-than sign", ">"},
    {0xFF3B, "full-width left square bracket", "["},
    {0xFF3D, "full-width right square bracket", "]"},
    {0xFF5B, "full-width left curly bracket", "{"},
    {0xFF5C, "full-width vertical line", "|"},
    {0xFF5D, "full-width right curly bracket", "}"},
    {0xFF5E, "full-width tilde", "~"},
};
#define NCHARS (sizeof chars / sizeof chars[0])

static int by_cp(const void *key, const void *elt)
{
    unsigned a = *(const unsigned *)key, b = ((const slip_char *)elt)->cp;
    return a < b ? -1 : a > b;
}

const slip_char *slip_char_at(const char *t, size_t n, int *len)
{
    unsigned cp;
    if (n == 0 || (unsigned char)t[0] < 0x80) return NULL;
    *len = utf8_decode((const unsigned char *)t, n, &cp);
    return *len ? bsearch(&cp, chars, NCHARS, sizeof chars[0], by_cp) : NULL;
}

size_t slip_char_find(const char *t, size_t n)
{
    for (size_t i = 0; i < n;) {
        int k = 1;
        if ((unsigned char)t[i] >= 0x80) {
            const slip_char *c = slip_char_at(t + i, n - i, &k);
            if (!k) return n;
            /* ’ between two characters of a name is an apostrophe (l’école) */
            if (c && !(c->cp == 0x2019 && i > 0 && i + (size_t)k < n)) return i;
        }
        i += (size_t)k;
    }
    return n;
}

/* Punctuation coop reads, and what other languages write for it. */
static const slip_spelling spellings[] = { /* sorted by text, for words_find */
    {" ", 0, "write a plain space"},
    {"!", NOT, "write 'not'"},
    {"!=", NE, NULL},
    {"&", AND, "write 'and'"},
    {"&&", AND, "write 'and'"},
    {"(", '(', NULL},
    {")", ')', NULL},
    {"*", '*', NULL},
    {"+", '+', NULL},
    {"+=", PLUSEQ, NULL},
    {",", ',', NULL},
    {"-", '-', NULL},
    {"-=", MINUSEQ, NULL},
    {"->", ARROW, NULL},
    {".", '.', NULL},
    {"/", '/', NULL},
    {":", ':', NULL},
    {";", 0, "delete it (statements need no separator)"},
    {"<", '<', NULL},
    {"<=", LE, NULL},
    {"<>", NE, "write '!='"},
    {"=", '=', NULL},
    {"=<", LE, "write '<='"},
    {"==", EQ, NULL},
    {"=>", GE, "write '>='"},
    {">", '>', NULL},
    {">=", GE, NULL},
    {"[", 0, "group with '(' and ')', and write a set as {a, b}"},
    {"]", 0, "group with '(' and ')', and write a set as {a, b}"},
    {"{", '{', NULL},
    {"|", OR, "write 'or'"},
    {"||", OR, "write 'or'"},
    {"}", '}', NULL},
    {"~=", APPROX, NULL},
};
#define NSPELLINGS (sizeof spellings / sizeof spellings[0])

const slip_spelling *slip_spelling_find(const char *s, size_t n)
{
    return words_find(spellings, NSPELLINGS, sizeof spellings[0], s, n);
}

/* Whether s is w in any case. */
static int same_word(const char *s, const char *w)
{
    for (; *s && *w; s++, w++)
        if ((*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s) != *w) return 0;
    return *s == *w;
}

const char *slip_bool(const char *s)
{
    if (same_word(s, "yes") || same_word(s, "true")) return "true";
    if (same_word(s, "no") || same_word(s, "false")) return "false";
    return NULL;
}

static size_t digits(const char *s)
{
    size_t k = 0;
    while (s[k] >= '0' && s[k] <= '9') k++;
    return k;
}

/* The slip t's shape is (slip_number), its end at *q with a '%' or not. */
enum { SLIP_NONE, SLIP_POINT, SLIP_THOUSANDS, SLIP_COMMA };
static int number_shape(const char *t, const char **end)
{
    const char *p = t + (*t == '+' || *t == '-');
    size_t f = *p == '.' ? digits(p + 1) : 0;
    if (f && !p[1 + f + (p[1 + f] == '%')]) return SLIP_POINT; /* the scanner says it so too */
    size_t a = digits(p), groups = 0;
    int three = a <= 3 && !(a == 1 && *p == '0'); /* 0,400 is no thousand */
    const char *q = p + a;
    while (a && *q == ',' && digits(q + 1)) {
        three &= digits(q + 1) == 3;
        q += 1 + digits(q + 1);
        groups++;
    }
    if (*q == '.' && digits(q + 1)) q += 1 + digits(q + 1);
    *end = q;
    if (!groups || q[*q == '%']) return SLIP_NONE;
    if (three) return SLIP_THOUSANDS; /* as the scanner reads 1,500,000 in a script */
    return groups == 1 && !strchr(p, '.') ? SLIP_COMMA : SLIP_NONE;
}

const char *slip_number(const char *t, char *buf, size_t n)
{
    const char *q = t, *p = t + (*t == '+' || *t == '-');
    switch (number_shape(t, &q)) {
    case SLIP_POINT: snprintf(buf, n, "a number starts with a digit: write '%.*s0%s'", (int)(p - t), t, p);
        return buf;
    case SLIP_THOUSANDS: {
        size_t k = (size_t)snprintf(buf, n, "a number takes no thousands separator: write ");
        for (const char *c = t; c < q + (*q == '%') && k + 1 < n; c++)
            if (*c != ',') buf[k++] = *c;
        if (k < n) buf[k] = 0;
        return buf;
    }
    case SLIP_COMMA: snprintf(buf, n, "decimal comma: write %.*s.%s", (int)(p + digits(p) - t), t, p + digits(p) + 1);
        return buf;
    default: return NULL;
    }
}

const char *slip_decimal_comma(const char *t, char *buf, size_t n)
{
    const char *q;
    if (number_shape(t, &q) != SLIP_COMMA || snprintf(buf, n, "%s", t) >= (int)n) return NULL;
    *strchr(buf, ',') = '.';
    return buf;
}

const char *slip_percent(double v, double lo, double hi, char *buf, size_t n)
{
    /* 40 for 40%: a percentage as people write one, from 10 to 100 (2 for a
     * value of 0 .. 1 is more likely a slip of another kind) */
    if (isnan(lo) || (v >= lo && v <= hi) || v != floor(v) || v < 10 || v > 100 || v / 100 < lo || v / 100 > hi)
        return NULL;
    char a[64], b[64];
    fmt_num(a, sizeof a, v);
    fmt_num(b, sizeof b, v / 100);
    snprintf(buf, n, "as a percentage, write %s%% (= %s)", a, b);
    return buf;
}

const char *slip_outside(char *buf, size_t n, const char *what, const char *verb, double v, double lo, double hi)
{
    char a[64], b[64], c[64], pct[160];
    fmt_num(a, sizeof a, v);
    fmt_num(b, sizeof b, lo);
    fmt_num(c, sizeof c, hi);
    int said = slip_percent(v, lo, hi, pct, sizeof pct) != NULL;
    snprintf(buf, n, "%s %s %s, outside its range %s .. %s%s%s", what, verb, a, b, c, said ? "; " : "", said ? pct : "");
    return buf;
}

const char *coop_value_hint(const char *text, double lo, double hi, char *buf, size_t n)
{
    const char *said = slip_number(text, buf, n);
    if (said || strchr(text, '%')) return said;
    char *end;
    double v = strtod(text, &end);
    return end != text && !*end ? slip_percent(v, lo, hi, buf, n) : NULL;
}

/* What each word of a key is followed by, as the fix writes it. */
static const struct { const char *word, *what; } key_words[] = {
    {"lowest", "bid.price"}, {"highest", "bid.quality"}, {"best", "score"}, {"to", "ACTOR"},
};

const char *slip_key(char *buf, size_t n, const char *item, const char *word, const char *key)
{
    int tie = strcmp(item, "tie") == 0;
    if (word) { /* `tie lowest`: the word without what it orders by */
        const char *what = NULL;
        for (size_t i = 0; i < sizeof key_words / sizeof key_words[0]; i++)
            if (strcmp(word, key_words[i].word) == 0) what = key_words[i].what;
        if (what && (!tie || word[0] == 'l' || word[0] == 'h')) {
            snprintf(buf, n, "'%s %s' needs what it %s: write '%s %s %s'", item, word,
                     word[0] == 't' ? "awards to" : "orders the bids by", item, word, what);
            return buf;
        }
        key = word; /* `tie price`: a key without its word */
    }
    if (!tie && strcmp(key, "score") == 0)
        snprintf(buf, n, "'award' needs a word before 'score': write 'award best score'");
    else if (tie)
        snprintf(buf, n, "a tie key needs a direction: write 'tie lowest %s' or 'tie highest %s'", key, key);
    else
        snprintf(buf, n, "an award by a value needs a direction: write 'award lowest %s' or 'award highest %s'", key,
                 key);
    return buf;
}

/* The REPL's commands, said of a script: what it is and what a script
 * writes instead (docs/language.md, "Common slips"). */
const char *slip_command(char *buf, size_t n, int c, const char *typed)
{
    static const char repl[] = "is a command of the REPL (coop repl FILE)";
    if (c == SLIP_PARAM_CHANGE) {
        snprintf(buf, n, "a script declares a parameter as 'param %s = VALUE'; a change of one is made in the REPL "
                 "('set %s = VALUE' or 'what if ...') or for one run ('coop run -D %s=VALUE FILE')", typed, typed, typed);
        return buf;
    }
    switch ((coop_command)c) {
    case COOP_CMD_NONE:
        snprintf(buf, n, "a change is made in the REPL ('set %s.NAME = VALUE' or 'what if ...'), not in a script: a "
                 "script gives %s's values where it is declared, and an event changes one at a date ('event NAME at "
                 "DATE { %s.NAME = VALUE }')", typed, typed, typed);
        return buf;
    case COOP_CMD_WHATIF:
        snprintf(buf, n, "'what if' %s, not of a script: a script declares one world, so write the value to try where "
                 "it is declared; whether a verdict needs an event is asked by 'expect but_for(R(a, b) at DATE, "
                 "EVENT)'", repl);
        return buf;
    case COOP_CMD_SET:
        snprintf(buf, n, "'set' %s, not of a script: a script gives each value where it is declared (an attribute in "
                 "its actor's braces, a relation's as 'trust(a, b) = 0.5'), and an event changes one at a date", repl);
        return buf;
    case COOP_CMD_UNDO: case COOP_CMD_RESET: case COOP_CMD_CHANGES:
        snprintf(buf, n, "'%s' %s, where it works on the changes made with 'set'; a script makes none: its world is "
                 "as declared", typed, repl);
        return buf;
    case COOP_CMD_LOAD:
        snprintf(buf, n, "'%s' %s, not of a script: each file given to coop run is a model of its own", typed, repl);
        return buf;
    case COOP_CMD_SAVE: case COOP_CMD_SAVE_OVER: case COOP_CMD_HELP: case COOP_CMD_QUIT:
        snprintf(buf, n, "'%s' %s, not of a script", typed, repl);
        return buf;
    case COOP_CMD_WHY: case COOP_CMD_FLIP: break; /* statements too */
    }
    return NULL;
}
