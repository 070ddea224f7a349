/* CAMEO event codes (GDELT, ICEWS, Phoenix): the built-in table from the
 * CAMEO codebook's verb classes to evgraph's types. */
#define _POSIX_C_SOURCE 200809L

#include "format_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef evg__value value;

typedef evg__code_type code_type;

const char *evg__code_lookup(const evg__code_type *table, size_t count, const char *code)
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
    const char *format = f->format->id == EVG_INPUT_GDELT     ? "gdelt"
                         : f->format->id == EVG_INPUT_PHOENIX ? "phoenix"
                                                              : "icews";
    if (!cameo_code(code_v, code)) {
        char q[EVG__EXCERPT_SIZE];
        evg__import_problem(f, true, code_v.offset,
                            "invalid CAMEO event code '%s' (expected 3 or 4 digits, such as 042 "
                            "or 1951)",
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
            type =
                evg__code_lookup(cameo_types, sizeof cameo_types / sizeof cameo_types[0], prefix);
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
    row->code = code;
    return row->type != NULL;
}

/* CAMEO's verb descriptions (codebook 1.1b3), for labels and for ICEWS's
 * four-column relations, which are these texts with '_' for spaces. */
static const code_type cameo_verbs[] = {
    {"01", "Make public statement"},
    {"010", "Make statement"},
    {"011", "Decline comment"},
    {"012", "Make pessimistic comment"},
    {"013", "Make optimistic comment"},
    {"014", "Consider policy option"},
    {"015", "Acknowledge or claim responsibility"},
    {"016", "Deny responsibility"},
    {"017", "Engage in symbolic act"},
    {"018", "Make empathetic comment"},
    {"019", "Express accord"},
    {"02", "Appeal"},
    {"020", "Make an appeal or request"},
    {"021", "Appeal for material cooperation"},
    {"022", "Appeal for diplomatic cooperation"},
    {"023", "Appeal for aid"},
    {"024", "Appeal for political reform"},
    {"025", "Appeal to yield"},
    {"026", "Appeal to others to meet or negotiate"},
    {"027", "Appeal to others to settle dispute"},
    {"028", "Appeal to others to engage in or accept mediation"},
    {"03", "Express intent to cooperate"},
    {"030", "Express intent to cooperate"},
    {"031", "Express intent to engage in material cooperation"},
    {"032", "Express intent to provide diplomatic cooperation"},
    {"033", "Express intent to provide material aid"},
    {"034", "Express intent to institute political reform"},
    {"035", "Express intent to yield"},
    {"036", "Express intent to meet or negotiate"},
    {"037", "Express intent to settle dispute"},
    {"038", "Express intent to accept mediation"},
    {"039", "Express intent to mediate"},
    {"04", "Consult"},
    {"040", "Consult"},
    {"041", "Discuss by telephone"},
    {"042", "Make a visit"},
    {"043", "Host a visit"},
    {"044", "Meet at a third location"},
    {"045", "Mediate"},
    {"046", "Engage in negotiation"},
    {"05", "Engage in diplomatic cooperation"},
    {"050", "Engage in diplomatic cooperation"},
    {"051", "Praise or endorse"},
    {"052", "Defend verbally"},
    {"053", "Rally support on behalf of"},
    {"054", "Grant diplomatic recognition"},
    {"055", "Apologize"},
    {"056", "Forgive"},
    {"057", "Sign formal agreement"},
    {"06", "Engage in material cooperation"},
    {"060", "Engage in material cooperation"},
    {"061", "Cooperate economically"},
    {"062", "Cooperate militarily"},
    {"063", "Engage in judicial cooperation"},
    {"064", "Share intelligence or information"},
    {"07", "Provide aid"},
    {"070", "Provide aid"},
    {"071", "Provide economic aid"},
    {"072", "Provide military aid"},
    {"073", "Provide humanitarian aid"},
    {"074", "Provide military protection or peacekeeping"},
    {"075", "Grant asylum"},
    {"08", "Yield"},
    {"080", "Yield"},
    {"081", "Ease administrative sanctions"},
    {"082", "Ease political dissent"},
    {"083", "Accede to requests or demands for political reform"},
    {"084", "Return, release"},
    {"085", "Ease economic sanctions, boycott, embargo"},
    {"086", "Allow international involvement"},
    {"087", "De-escalate military engagement"},
    {"0871", "Declare truce, ceasefire"},
    {"09", "Investigate"},
    {"090", "Investigate"},
    {"091", "Investigate crime, corruption"},
    {"092", "Investigate human rights abuses"},
    {"093", "Investigate military action"},
    {"094", "Investigate war crimes"},
    {"10", "Demand"},
    {"100", "Demand"},
    {"101", "Demand material cooperation"},
    {"102", "Demand diplomatic cooperation"},
    {"103", "Demand material aid"},
    {"104", "Demand political reform"},
    {"105", "Demand that target yields"},
    {"106", "Demand meeting, negotiation"},
    {"107", "Demand settling of dispute"},
    {"108", "Demand mediation"},
    {"11", "Disapprove"},
    {"110", "Disapprove"},
    {"111", "Criticize or denounce"},
    {"112", "Accuse"},
    {"113", "Rally opposition against"},
    {"114", "Complain officially"},
    {"115", "Bring lawsuit against"},
    {"116", "Find guilty or liable (legally)"},
    {"12", "Reject"},
    {"120", "Reject"},
    {"121", "Reject material cooperation"},
    {"122", "Reject request or demand for material aid"},
    {"123", "Reject request or demand for political reform"},
    {"124", "Refuse to yield"},
    {"125", "Reject proposal to meet, discuss, or negotiate"},
    {"126", "Reject mediation"},
    {"127", "Reject plan, agreement to settle dispute"},
    {"128", "Defy norms, law"},
    {"129", "Veto"},
    {"13", "Threaten"},
    {"130", "Threaten"},
    {"131", "Threaten non-force"},
    {"132", "Threaten with administrative sanctions"},
    {"133", "Threaten with political dissent, protest"},
    {"134", "Threaten to halt negotiations"},
    {"135", "Threaten to halt mediation"},
    {"136", "Threaten to halt international involvement"},
    {"137", "Threaten with repression"},
    {"138", "Threaten to use military force"},
    {"139", "Give ultimatum"},
    {"14", "Protest"},
    {"140", "Engage in political dissent"},
    {"141", "Demonstrate or rally"},
    {"142", "Conduct hunger strike"},
    {"143", "Conduct strike or boycott"},
    {"144", "Obstruct passage, block"},
    {"145", "Protest violently, riot"},
    {"15", "Exhibit force posture"},
    {"150", "Demonstrate military or police power"},
    {"151", "Increase police alert status"},
    {"152", "Increase military alert status"},
    {"153", "Mobilize or increase police power"},
    {"154", "Mobilize or increase armed forces"},
    {"16", "Reduce relations"},
    {"160", "Reduce relations"},
    {"161", "Reduce or break diplomatic relations"},
    {"162", "Reduce or stop material aid"},
    {"163", "Impose embargo, boycott, or sanctions"},
    {"164", "Halt negotiations"},
    {"165", "Halt mediation"},
    {"166", "Expel or withdraw"},
    {"17", "Coerce"},
    {"170", "Coerce"},
    {"171", "Seize or damage property"},
    {"172", "Impose administrative sanctions"},
    {"173", "Arrest, detain, or charge with legal action"},
    {"174", "Expel or deport individuals"},
    {"175", "Use tactics of violent repression"},
    {"18", "Assault"},
    {"180", "Use unconventional violence"},
    {"181", "Abduct, hijack, or take hostage"},
    {"182", "Physically assault"},
    {"183", "Conduct suicide, car, or other non-military bombing"},
    {"184", "Use as human shield"},
    {"185", "Attempt to assassinate"},
    {"186", "Assassinate"},
    {"19", "Fight"},
    {"190", "Use conventional military force"},
    {"191", "Impose blockade, restrict movement"},
    {"192", "Occupy territory"},
    {"193", "Fight with small arms and light weapons"},
    {"194", "Fight with artillery and tanks"},
    {"195", "Employ aerial weapons"},
    {"196", "Violate ceasefire"},
    {"20", "Use unconventional mass violence"},
    {"200", "Use unconventional mass violence"},
    {"201", "Engage in mass expulsion"},
    {"202", "Engage in mass killings"},
    {"203", "Engage in ethnic cleansing"},
    {"204", "Use weapons of mass destruction"},
};

const char *evg__cameo_verb(const char *code)
{
    char prefix[5];
    size_t len = strlen(code);
    if (len > 4)
        return NULL;
    for (; len >= 2; len--) {
        memcpy(prefix, code, len);
        prefix[len] = '\0';
        const char *verb =
            evg__code_lookup(cameo_verbs, sizeof cameo_verbs / sizeof cameo_verbs[0], prefix);
        if (verb)
            return verb;
    }
    return NULL;
}

const char *evg__cameo_code_of(value relation)
{
    char want[160], have[160];
    evg__header_key(want, sizeof want, relation.text, relation.len);
    /* "Make statement, not specified below" is the codebook's 010. */
    char *tail = strstr(want, "notspecifiedbelow");
    if (tail)
        *tail = '\0';
    if (want[0] == '\0')
        return NULL;
    for (size_t i = 0; i < sizeof cameo_verbs / sizeof cameo_verbs[0]; i++) {
        evg__header_key(have, sizeof have, cameo_verbs[i].type, strlen(cameo_verbs[i].type));
        if (strcmp(have, want) == 0)
            return cameo_verbs[i].code;
    }
    return NULL;
}
