/* Values: trimmed views of CSV fields. */
#include "value_int.h"

bool evg__value_lower(char *buf, size_t size, evg__value v)
{
    if (v.len >= size)
        return false;
    for (size_t i = 0; i < v.len; i++) {
        char c = v.text[i];
        buf[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    buf[v.len] = '\0';
    return true;
}

bool evg__value_check_id(evg__csv_file *file, evg__value v, const char *what)
{
    for (size_t i = 0; i < v.len; i++) {
        unsigned char c = (unsigned char)v.text[i];
        if (c < 0x20 || c == 0x7F || c == ';') {
            char q[EVG__EXCERPT_SIZE];
            evg__csv_report(file, EVG_SEVERITY_ERROR, v.offset,
                            "%s '%s' contains %s, which ids may not hold", what, EVG__QUOTE(q, v),
                            c == ';' ? "';'" : "a control character");
            return false;
        }
    }
    return true;
}
