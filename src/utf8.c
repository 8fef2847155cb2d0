/* utf8.c - decoding UTF-8 and measuring its width in columns. */
#include "utf8.h"

#include <string.h>

int utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
    if (n == 0) return 0;
    unsigned c = s[0];
    int len;
    unsigned min;
    if (c < 0x80) { *cp = c; return 1; }
    else if ((c & 0xE0) == 0xC0) { len = 2; c &= 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; c &= 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; c &= 0x07; min = 0x10000; }
    else return 0;
    if ((size_t)len > n) return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return len;
}

int utf8_cp_width(unsigned c)
{
    if (c < 0x1100) return 1;
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
        (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
        (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

int utf8_width(const char *s)
{
    int w = 0;
    size_t n = strlen(s);
    const unsigned char *p = (const unsigned char *)s;
    while (n) {
        unsigned cp;
        int k = utf8_decode(p, n, &cp);
        if (!k) { k = 1; cp = '?'; }
        w += utf8_cp_width(cp);
        p += k;
        n -= (size_t)k;
    }
    return w;
}
