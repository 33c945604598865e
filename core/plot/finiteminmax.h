#pragma once

// Internal to core/plot: the fast path of the reductions.

#include <QtGlobal>

#include <vector>

namespace hs::core {

// Min and max of p[0..len) when every value is finite and none is one of
// `missing` (at most two are checked: with more it returns false); false
// otherwise (or when len is 0), and the caller looks value by value.
// SSE2, eight values per iteration (in decimator.cpp).
bool finiteMinMax(const double *p, quint64 len, const std::vector<double> &missing, double &mn, double &mx);

} // namespace hs::core
