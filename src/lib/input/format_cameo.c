/* CAMEO event codes (GDELT, ICEWS, Phoenix): the built-in table from the
 * CAMEO codebook's verb classes to evgraph's types. */
#define _POSIX_C_SOURCE 200809L

#include "format_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef evg__value value;

typedef struct code_type {
    const char *code;
    const char *type;
} code_type;

static const char *builtin_lookup(const code_type *table, size_t count, const char *code)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(table[i].code, code) == 0)
            return table[i].type;
    return NULL;
}

/* CAMEO codes by prefix: the longest prefix of an event code found here
 * gives its type, so "1951" takes 195's and "0412" 04's. */
static const code_type cameo_types[] = {
    {"01", "statement"},            /* make public statement */
    {"02", "statement"},            /* appeal */
    {"03", "statement"},            /* express intent to cooperate */
    {"04", "meeting"},              /* consult (040, 041, 044-046) */
    {"042", "visit"},               /* make a visit */
    {"043", "visit"},               /* host a visit */
    {"05", "statement"},            /* engage in diplomatic cooperation */
    {"057", "agreement"},           /* sign formal agreement */
    {"06", "agreement"},            /* engage in material cooperation */
    {"07", "other"},                /* provide aid */
    {"08", "other"},                /* yield */
    {"0871", "ceasefire"},          /* declare truce, ceasefire */
    {"09", "other"},                /* investigate */
    {"10", "statement"},            /* demand */
    {"11", "statement"},            /* disapprove */
    {"111", "accusation"},          /* criticize or denounce */
    {"112", "accusation"},          /* accuse (1121-1125) */
    {"12", "statement"},            /* reject */
    {"13", "statement"},            /* threaten */
    {"14", "protest"},              /* protest */
    {"15", "other"},                /* exhibit force posture */
    {"16", "statement"},            /* reduce relations */
    {"17", "other"},                /* coerce */
    {"18", "attack"},               /* assault */
    {"19", "use-of-force"},         /* fight (190-194) */
    {"195", "airstrike"},           /* employ aerial weapons */
    {"196", "ceasefire-violation"}, /* violate ceasefire */
    {"20", "attack"},               /* use unconventional mass violence */
};

/* A CAMEO event code as written, with a leading zero a spreadsheet dropped
 * put back ("43" -> "043", "871" -> "0871": no root code is above 20).
 * False when it is not a CAMEO code. */
static bool cameo_code(value v, char out[5])
{
    if (v.len == 0 || v.len > 4)
        return false;
    for (size_t i = 0; i < v.len; i++)
        if (v.text[i] < '0' || v.text[i] > '9')
            return false;
    size_t pad = v.len < 3 ? 3 - v.len : 0;
    if (v.len == 3 && (v.text[0] - '0') * 10 + (v.text[1] - '0') > 20)
        pad = 1;
    if (v.len + pad > 4)
        return false;
    memset(out, '0', pad);
    memcpy(out + pad, v.text, v.len);
    out[pad + v.len] = '\0';
    int root = (out[0] - '0') * 10 + (out[1] - '0');
    return root >= 1 && root <= 20;
}

/* The type of a CAMEO code: the longest prefix found wins, the user's map
 * before the built-in table at each length. NULL when memory ran out;
 * *bad set when the code is no CAMEO code (reported). */
static const evg__code_result *cameo_lookup(evg__import_file *f, value code_v, bool *bad)
{
    *bad = false;
    char code[5];
    const char *format = evg_input_format_name(f->format->id);
    if (!cameo_code(code_v, code)) {
        char q[EVG__EXCERPT_SIZE];
        evg__csv_report(f->file, EVG_SEVERITY_ERROR, code_v.offset,
                        "invalid CAMEO event code '%s' (expected 3 or 4 digits, such as 042 or "
                        "1951)",
                        EVG__QUOTE(q, code_v));
        *bad = true;
        return NULL;
    }
    char key[16];
    snprintf(key, sizeof key, "c\x1f%c%s", format[0], code);
    const evg__code_result *cached = evg__import_cached(f, key);
    if (cached)
        return cached;
    const char *type = NULL;
    for (size_t len = strlen(code); len >= 2 && type == NULL; len--) {
        char prefix[5], map_key[16];
        memcpy(prefix, code, len);
        prefix[len] = '\0';
        snprintf(map_key, sizeof map_key, "%s\x1f%s", format, prefix);
        type = evg__import_mapped_type(f, map_key);
        if (type == NULL) {
            snprintf(map_key, sizeof map_key, "cameo\x1f%s", prefix);
            type = evg__import_mapped_type(f, map_key);
        }
        if (type == NULL)
            type = builtin_lookup(cameo_types, sizeof cameo_types / sizeof cameo_types[0], prefix);
    }
    value code_text = {code, strlen(code), code_v.offset};
    evg__code_result result = {evg__import_model_type(f, type, code_v.offset),
                               evg__import_tag(f, "cameo:", code_text)};
    if (result.type == EVG_NO_INDEX || result.tags == NULL)
        return NULL;
    return evg__import_remember(f, key, result);
}

bool evg__cameo_type(evg__import_file *f, evg__row *row, value code, bool *bad)
{
    row->type = cameo_lookup(f, code, bad);
    return row->type != NULL;
}
