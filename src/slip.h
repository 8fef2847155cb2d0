/*
 * slip.h - the slips a newcomer makes, each with what to write instead:
 * punctuation from another keyboard (a Chinese input method's full-width
 * forms, typographic quotes, a paper's math signs), operators and words of
 * other languages, the REPL's commands in a script.  Tables only: the
 * scanner, the parser and the resolver say them.
 */
#ifndef COOP_SLIP_H
#define COOP_SLIP_H

#include <stddef.h>

/* A character that is never part of a name: it stands for an ASCII
 * spelling (the same key without the input method). */
typedef struct slip_char {
    unsigned cp;
    const char *name;  /* "full-width comma" */
    const char *ascii; /* ",": the key it stands for */
} slip_char;

/* The slip character that starts t[0..n), or NULL; *len gets its bytes. */
const slip_char *slip_char_at(const char *t, size_t n, int *len);
/* The offset of the first slip character in t[0..n), or n (also at a
 * byte that is not UTF-8: the scanner says that). */
size_t slip_char_find(const char *t, size_t n);

/* A punctuation spelling: the token coop reads for it (0: none, the text
 * is dropped) and, for one of another language, the fix. */
typedef struct slip_spelling {
    const char *text;
    int tok;
    const char *fix; /* "write 'and'"; NULL: coop's own spelling */
} slip_spelling;

/* The spelling s[0..n), or NULL when coop knows none. */
const slip_spelling *slip_spelling_find(const char *s, size_t n);

/* "true" or "false" for a word other languages write for it (yes, True,
 * FALSE...), else NULL. */
const char *slip_bool(const char *s);

/* What a text meant as a number says instead, when coop reads it as no
 * number: a decimal comma ("0,4": "decimal comma: write 0.4"), thousands
 * separators (groups of 3 digits after a first of 1 to 3 that is not 0:
 * "1,500", "2,000.25", as the scanner reads them in a script), a
 * leading point (".5").  Into buf[n]; NULL when it is no such slip. */
const char *slip_number(const char *t, char *buf, size_t n);
/* t written with a decimal comma, as slip_number tells one ("0,4"), with
 * its point instead ("0.4"), into buf[n]; NULL when it is no such slip. */
const char *slip_decimal_comma(const char *t, char *buf, size_t n);
/* A value v outside lo .. hi that is a whole number from 10 to 100 whose
 * hundredth is inside: "as a percentage, write 40% (= 0.4)", into buf[n];
 * else NULL. */
const char *slip_percent(double v, double lo, double hi, char *buf, size_t n);

/* "WHAT VERB v, outside its range lo .. hi" ("parameter 'w' would be
 * 40, ..."), and the percentage v may have meant (slip_percent), into
 * buf[n]: the one message of a value outside its range. */
const char *slip_outside(char *buf, size_t n, const char *what, const char *verb, double v, double lo, double hi);

/* A tender's key half written: `tie bid.price`, `award score` (no word: the
 * key is `key`, word NULL), or `tie lowest`, `award to` (only the word:
 * key NULL).  The message, into buf[n], that says what to write instead of
 * `item ...` (item: "tie" or "award"). */
const char *slip_key(char *buf, size_t n, const char *item, const char *word, const char *key);

/* c of a name's change written alone (`w = 0.5`): a parameter's, or one
 * declared without 'param' (slip_command). */
#define SLIP_PARAM_CHANGE (-2)

/* What a script says of a REPL command written in it (`what if ...`, `set
 * ...`, `undo`, `:load F`: c, as coop_command_find reads `typed`), or of a
 * change written without one (`a.x = 1`: c COOP_CMD_NONE, typed the
 * actor's name; `w = 0.5`: c SLIP_PARAM_CHANGE, typed the name): the
 * message, into buf[n]; NULL for a command a script has too (why). */
const char *slip_command(char *buf, size_t n, int c, const char *typed);

#endif
