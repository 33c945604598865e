#pragma once

// The edits tst_editdurability's child process applies, and the check that one
// of them is in a file.

#include "session/editoperation.h"

#include <QString>

#include <memory>

namespace hs::test {

// Edit n, through the app's own operations: n % 3 == 0 creates group /g<n>,
// 1 adds int attribute a<n> = n to the root group, 2 sets /values[n] = n * 1.5.
std::shared_ptr<core::EditOperation> makeDurabilityEdit(int n);
// Writes the file the edits apply to: /values, float64, `count` zeros.
bool writeDurabilityFile(const QString &path, int count);
// Whether edit n is in the file as a whole; `why` says what is missing.
bool hasDurabilityEdit(const QString &path, int n, QString *why);

} // namespace hs::test
