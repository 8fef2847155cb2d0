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

void csv_str(csv *c, const char *s)
{
    sep(c);
    if (!s || !*s) return;
    size_t n = strlen(s);
    if (!strpbrk(s, ",\"\r\n") && s[0] != ' ' && s[n - 1] != ' ') {
        fputs(s, c->out);
        return;
    }
    fputc('"', c->out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', c->out);
        fputc(*s, c->out);
    }
    fputc('"', c->out);
}

void csv_num(csv *c, double x)
{
    char buf[64];
    if (fmt_nonfinite(buf, sizeof buf, x)) csv_str(c, NULL);
    else {
        fmt_num(buf, sizeof buf, x);
        csv_str(c, buf);
    }
}

void csv_int(csv *c, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    csv_str(c, buf);
}

void csv_end(csv *c)
{
    fputc('\n', c->out);
    c->fields = 0;
}
