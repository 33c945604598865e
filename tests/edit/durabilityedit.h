#pragma once

// The edits tst_editdurability's child process applies, and the check that one
// of them is in a file.

#include "session/editoperation.h"

#include <QString>

#include <memory>

namespace hs::test {

// Edit n: group /g<n> with int attribute "n" = n, and /values[n] = n * 1.5.
std::shared_ptr<core::EditOperation> makeDurabilityEdit(int n);
// Writes the file the edits apply to: /values, float64, `count` zeros.
bool writeDurabilityFile(const QString &path, int count);
// Whether edit n is in the file as a whole; `why` says what is missing.
bool hasDurabilityEdit(const QString &path, int n, QString *why);

} // namespace hs::test
