#pragma once

#include <QString>
#include <QtGlobal>

#include <vector>

// Words and numbers the storage panel and the chunk map share, so a size reads
// the same in a form row, a table cell and a tooltip.
namespace hs::ui::storageformat {

// "12.4 MiB", "512 bytes": what a reader takes in at a glance.
QString size(quint64 bytes);
// "13,002,341 bytes": the exact figure, for tooltips and copying.
QString exactBytes(quint64 bytes);
// "12.4 MiB (13,002,341 bytes)", or just "512 bytes" when both say the same.
QString sizeWithExact(quint64 bytes);
// "3.2 : 1"; "—" when nothing is stored (ratio 0).
QString ratio(double ratio);
// "10 × 20"; "" for no dimensions.
QString dims(const std::vector<quint64> &dims);
// "[0:10, 20:40]": a half-open box in NumPy notation.
QString box(const std::vector<quint64> &start, const std::vector<quint64> &end);

} // namespace hs::ui::storageformat
