#pragma once

#include "model/nodetypes.h"
#include "services/h5file.h"

#include <QWidget>

namespace hs::ui {

// The storage inspector: layout, chunks, sizes, fill value, external files,
// virtual mappings, the filter pipeline and a chunk map of the dataset.
class StoragePanel : public QWidget
{
    Q_OBJECT
public:
    explicit StoragePanel(QWidget *parent = nullptr);
    // Shows `path` of `file` (datasets; other kinds show a short note).
    void setObject(const core::H5FilePtr &file, const QString &path, core::ObjectKind kind);
    void clear();
};

} // namespace hs::ui
