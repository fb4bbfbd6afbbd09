// The public header compiles as C++11 (-std=c++11 -pedantic -Werror -Wall
// -Wextra) and its declarations have C linkage.
#include <als.h>

#include <cstring>

namespace
{

bool header_types_usable()
{
    als_applicant a = ALS_APPLICANT_INIT;
    als_applicant b;
    als_error err = als_error();
    als_objective objective = als_objective();
    als_builder *builder = nullptr;
    als_problem *problem = nullptr;
    als_diag *diag = nullptr;
    als_status status = ALS_OK;
    als_seniority_mode seniority = ALS_SENIORITY_SIMILAR;
    als_solve_status solve = ALS_SOLVE_FEASIBLE;
    const size_t limit = ALS_MAX_INPUT_BYTES;

    b = a;
    err.code = ALS_ESCHEMA;
    return b.version == ALS_APPLICANT_VERSION && b.seniority == ALS_NONE &&
           status == ALS_OK && err.code == ALS_ESCHEMA &&
           objective.placed == 0 && builder == nullptr && problem == nullptr &&
           diag == nullptr && seniority == ALS_SENIORITY_SIMILAR &&
           solve == ALS_SOLVE_FEASIBLE && limit > 0 &&
           sizeof err.path == ALS_PATH_MAX;
}

} // namespace

int main()
{
    if (!header_types_usable())
        return 1;
    if (als_version_number() != ALS_VERSION_NUMBER)
        return 2;
    return std::strcmp(als_version_string(), ALS_VERSION_STRING) == 0 ? 0 : 3;
}
