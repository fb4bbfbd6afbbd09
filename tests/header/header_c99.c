/*
 * The public header compiles on its own as strict ISO C99
 * (-std=c99 -pedantic -Werror -Wall -Wextra): nothing but <als.h> is
 * included before it is used.
 */
#include <als.h>

static int header_types_usable(void)
{
    als_applicant a = ALS_APPLICANT_INIT;
    als_error err;
    als_status status = ALS_OK;
    als_objective objective;
    als_builder *builder = NULL;
    als_problem *problem = NULL;
    als_diag *diag = NULL;
    als_org_mode org = ALS_ORG_DISTINCT;
    als_solve_status solve = ALS_SOLVE_OPTIMAL;
    size_t limit = ALS_MAX_INPUT_BYTES;

    err.code = ALS_EINVAL;
    err.path[0] = '\0';
    objective.placed = 0;
    return a.version == ALS_APPLICANT_VERSION && a.seniority == ALS_NONE &&
           status == ALS_OK && err.code == ALS_EINVAL &&
           objective.placed == 0 && builder == NULL && problem == NULL &&
           diag == NULL && org == ALS_ORG_DISTINCT &&
           solve == ALS_SOLVE_OPTIMAL && limit > 0 &&
           sizeof err.message == ALS_MESSAGE_MAX;
}

int main(void)
{
    const char *s = als_version_string();
    const char *expected = ALS_VERSION_STRING;
    size_t i = 0;

    if (!header_types_usable())
        return 1;
    if (als_version_number() != ALS_VERSION_NUMBER)
        return 2;
    for (i = 0; s[i] != '\0' && s[i] == expected[i]; i++)
        ;
    return s[i] == expected[i] ? 0 : 3;
}
