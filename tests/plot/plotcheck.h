#pragma once

// Exact comparisons for the plot tests: QCOMPARE compares doubles fuzzily,
// and a reduction must give back exactly the values in the file.

#include <QTest>

#include <cmath>

namespace hs::plottest {

inline bool same(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace hs::plottest

#define PLOT_COMPARE_EXACT(actual, expected, what)                                                                     \
    do {                                                                                                               \
        const double a_ = (actual), e_ = (expected);                                                                   \
        if (!hs::plottest::same(a_, e_))                                                                               \
            QFAIL(qPrintable(QStringLiteral("%1: got %2, expected %3")                                                 \
                                 .arg(QString(what))                                                                   \
                                 .arg(a_, 0, 'g', 17)                                                                  \
                                 .arg(e_, 0, 'g', 17)));                                                               \
    } while (false)
