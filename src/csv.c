/* csv.c - the CSV writer. */
#include "csv.h"

#include <string.h>

#include "fmt.h"

void csv_init(csv *c, FILE *out)
{
    c->out = out;
    c->fields = 0;
}

static void sep(csv *c)
{
    if (c->fields++) fputc(',', c->out);
}

/* s as one field, quoted where RFC 4180 needs it; with `guard`, a single
 * quote before it. */
static void field(csv *c, const char *s, int guard)
{
    sep(c);
    if (!s || !*s) return;
    size_t n = strlen(s);
    if (!strpbrk(s, ",\"\r\n") && s[0] != ' ' && s[n - 1] != ' ') {
        if (guard) fputc('\'', c->out);
        fputs(s, c->out);
        return;
    }
    fputc('"', c->out);
    if (guard) fputc('\'', c->out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', c->out);
        fputc(*s, c->out);
    }
    fputc('"', c->out);
}

/* Is s a number as coop writes one (fmt_num: -12, 0.5, 1e+21)? */
static int is_number(const char *s)
{
    if (*s == '-') s++;
    int digits = 0;
    for (; *s >= '0' && *s <= '9'; s++) digits++;
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++) digits++;
    if (!digits) return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-') s++;
        if (*s < '0' || *s > '9') return 0;
        while (*s >= '0' && *s <= '9') s++;
    }
    return *s == 0;
}

/* A spreadsheet reads a field that starts with = + - @ (or a tab or a
 * carriage return) as a formula: such a text, unless it is a number,
 * starts with a single quote, which makes it text (OWASP's "CSV
 * injection"). */
void csv_str(csv *c, const char *s)
{
    field(c, s, s && s[0] && strchr("=+-@\t\r", s[0]) && !is_number(s));
}

void csv_num(csv *c, double x)
{
    char buf[64];
    if (fmt_nonfinite(buf, sizeof buf, x)) field(c, NULL, 0);
    else {
        fmt_num(buf, sizeof buf, x);
        field(c, buf, 0);
    }
}

void csv_int(csv *c, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    field(c, buf, 0);
}

void csv_end(csv *c)
{
    fputc('\n', c->out);
    c->fields = 0;
}
