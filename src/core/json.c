/*
** json.c — shared jansson getters (see include/sightline/core/json.h).
*/
#include "sightline/core/json.h"

#include <math.h>

long long sl_json_int(const json_t *o, const char *key)
{
    return (long long)json_integer_value(json_object_get(o, key));
}

double sl_json_num(const json_t *o, const char *key)
{
    return json_number_value(json_object_get(o, key));
}

double sl_json_num_or_nan(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_number(v) ? json_number_value(v) : NAN;
}

const char *sl_json_str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

json_t *sl_json_num_or_null(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}
